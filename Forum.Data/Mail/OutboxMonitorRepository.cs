using Dapper;
using Forum.Core.Mail;
using Forum.Data.Database;

namespace Forum.Data.Mail;

/// <summary>The outbox as people read it: the alarm, the problem list, a complaint's notifications, and an admin's retry or dismissal.</summary>
public sealed class OutboxMonitorRepository(ForumDatabase database) : IOutboxMonitor
{
    private const string AlarmSql = """
        SELECT
            (SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Failed' AND DismissedAt IS NULL) AS Failed,
            (SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Pending' AND CreatedAt <= @StuckBefore) AS Stuck,
            (SELECT MIN(CreatedAt) FROM OutboxMessages WHERE Status = 'Pending') AS OldestPendingAt
        """;

    public async Task<OutboxAlarm> GetAlarmAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<AlarmRow>(new CommandDefinition(AlarmSql, new { StuckBefore = OutboxAlarm.StuckBefore(now) }, cancellationToken: cancellationToken));
        return new OutboxAlarm(row.Failed, row.Stuck, row.OldestPendingAt);
    }

    private const string ProofColumnsSql = """
        SELECT Id, Purpose, ThreadId, ToName, ToEmail, RecipientRole, Subject, Status, Attempts, LastResponse, MessageId,
               CreatedAt, LastAttemptAt, SentAt, DismissedAt
        FROM OutboxMessages
        """;

    private const string ProblemsSql = ProofColumnsSql + """

        WHERE (Status = 'Failed' AND DismissedAt IS NULL)
           OR (Status = 'Pending' AND (LastAttemptAt IS NOT NULL OR CreatedAt <= @StuckBefore))
        ORDER BY CreatedAt DESC, Id DESC
        """;

    public async Task<IReadOnlyList<NotificationProof>> ListProblemsAsync(DateTime now, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationProof>(new CommandDefinition(
            ProblemsSql + "\n" + database.Dialect.Limit("@Take"), new { StuckBefore = OutboxAlarm.StuckBefore(now), Take = max }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private const string ForThreadSql = ProofColumnsSql + """

        WHERE ThreadId = @ThreadId
        ORDER BY CreatedAt, Id
        """;

    public async Task<IReadOnlyList<NotificationProof>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<NotificationProof>(new CommandDefinition(ForThreadSql, new { ThreadId = threadId }, cancellationToken: cancellationToken))).ToList();
    }

    private const string FindSql = ProofColumnsSql + """

        WHERE Id = @Id
        """;

    public async Task<NotificationProof?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<NotificationProof>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    // A message another run is sending right now (claimed, claim still live) is left alone: the retry would race it.
    private const string RetrySql = """
        UPDATE OutboxMessages
        SET Status = 'Pending', NextAttemptAt = @Now, LockedUntil = NULL, ClaimToken = NULL, DismissedAt = NULL, DismissedBy = NULL,
            ToEmail = COALESCE(@ToEmail, ToEmail)
        WHERE Id = @Id AND Status IN ('Failed', 'Pending') AND (LockedUntil IS NULL OR LockedUntil <= @Now)
        """;

    public Task<bool> RetryAsync(long id, string? toEmail, long actorId, string actorRole, DateTime now, CancellationToken cancellationToken = default) =>
        AuditedAsync(RetrySql, new { Id = id, ToEmail = toEmail, Now = now }, id, actorId, actorRole, "RetryMessage", toEmail, now, cancellationToken);

    private const string DismissSql = """
        UPDATE OutboxMessages
        SET DismissedAt = @Now, DismissedBy = @ActorId
        WHERE Id = @Id AND Status = 'Failed' AND DismissedAt IS NULL
        """;

    public Task<bool> DismissAsync(long id, long actorId, string actorRole, DateTime now, CancellationToken cancellationToken = default) =>
        AuditedAsync(DismissSql, new { Id = id, ActorId = actorId, Now = now }, id, actorId, actorRole, "DismissMessage", null, now, cancellationToken);

    private const string MessageBeforeSql = "SELECT ToEmail, ThreadId FROM OutboxMessages WHERE Id = @Id";

    private const string InsertAuditSql = """
        INSERT INTO AuditLog (ActorId, ActorRole, ThreadId, Action, Before, After, At)
        VALUES (@ActorId, @ActorRole, @ThreadId, @Action, @Before, @After, @At)
        """;

    private async Task<bool> AuditedAsync(string sql, object parameters, long id, long actorId, string actorRole, string action, string? after, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<(string ToEmail, long? ThreadId)>(new CommandDefinition(MessageBeforeSql, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertAuditSql, new
        {
            ActorId = actorId,
            ActorRole = actorRole,
            before.ThreadId,
            Action = action,
            Before = $"#{id} {before.ToEmail}",
            After = after,
            At = now,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class AlarmRow
    {
        public int Failed { get; init; }
        public int Stuck { get; init; }
        public DateTime? OldestPendingAt { get; init; }
    }
}
