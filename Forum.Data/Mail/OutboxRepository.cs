using Dapper;
using Forum.Core.Mail;
using Forum.Data.Database;

namespace Forum.Data.Mail;

public sealed class OutboxRepository(ForumDatabase database) : IOutboxRepository
{
    private const string ListClaimableSql = """
        SELECT Id
        FROM OutboxMessages
        WHERE Status = 'Pending' AND NextAttemptAt <= @Now AND (LockedUntil IS NULL OR LockedUntil <= @Now)
        ORDER BY NextAttemptAt, Id
        """;

    // The claim is a conditional update: of two nodes racing for a row, exactly one sees a row count of 1.
    private const string ClaimSql = """
        UPDATE OutboxMessages
        SET LockedUntil = @LockedUntil, ClaimToken = @Token
        WHERE Id = @Id AND Status = 'Pending' AND (LockedUntil IS NULL OR LockedUntil <= @Now)
        """;

    internal static (string Sql, DynamicParameters Parameters) LoadClaimedSqlFor(IReadOnlyList<long> ids)
    {
        var parameters = new DynamicParameters();
        var list = new System.Text.StringBuilder();
        for (var i = 0; i < ids.Count; i++)
        {
            list.Append(i == 0 ? "" : ", ").Append("@I").Append(i);
            parameters.Add("I" + i, ids[i]);
        }

        return ($"""
            SELECT Id, ToName, ToEmail, Subject, TextBody, HtmlBody, MessageId, Attempts, CreatedAt, InlineImage, ListUnsubscribe
            FROM OutboxMessages
            WHERE Id IN ({list})
            ORDER BY NextAttemptAt, Id
            """, parameters);
    }

    /// <summary>
    /// The claims of one batch in one transaction (one commit, not one per row); each row's conditional update still
    /// says whether this run or another one holds it.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTime now, DateTime lockedUntil, int max, string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var candidates = await connection.QueryAsync<long>(new CommandDefinition(
            ListClaimableSql + "\n" + database.Dialect.Limit("@Take"), new { Now = now, Take = max }, transaction, cancellationToken: cancellationToken));

        var claimed = new List<long>();
        foreach (var id in candidates)
        {
            if (await connection.ExecuteAsync(new CommandDefinition(ClaimSql, new { Id = id, Now = now, LockedUntil = lockedUntil, Token = token }, transaction, cancellationToken: cancellationToken)) == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var (sql, parameters) = LoadClaimedSqlFor(claimed);
        var messages = (await connection.QueryAsync<OutboxMessage>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken))).AsList();
        await transaction.CommitAsync(cancellationToken);
        return messages;
    }

    private const string RenewClaimSql = """
        UPDATE OutboxMessages
        SET LockedUntil = @LockedUntil
        WHERE Id = @Id AND ClaimToken = @Token AND Status = 'Pending'
        """;

    public async Task<bool> RenewClaimAsync(long id, string token, DateTime now, DateTime lockedUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(RenewClaimSql, new { Id = id, Token = token, LockedUntil = lockedUntil }, cancellationToken: cancellationToken)) == 1;
    }

    // Every mark is conditional on the claim token: a run that lost its claim changes nothing.
    private const string MarkSentSql = """
        UPDATE OutboxMessages
        SET Status = 'Sent', Attempts = Attempts + 1, LastAttemptAt = @At, SentAt = @At, LastResponse = @Response, LockedUntil = NULL
        WHERE Id = @Id AND ClaimToken = @Token
        """;

    public async Task MarkSentAsync(long id, string token, DateTime at, string response, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(MarkSentSql, new { Id = id, Token = token, At = at, Response = Clip(response) }, cancellationToken);

    private const string MarkRetrySql = """
        UPDATE OutboxMessages
        SET Attempts = Attempts + 1, LastAttemptAt = @At, NextAttemptAt = @NextAttemptAt, LastResponse = @Response, LockedUntil = NULL
        WHERE Id = @Id AND ClaimToken = @Token
        """;

    public async Task MarkRetryAsync(long id, string token, DateTime at, DateTime nextAttemptAt, string response, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(MarkRetrySql, new { Id = id, Token = token, At = at, NextAttemptAt = nextAttemptAt, Response = Clip(response) }, cancellationToken);

    private const string MarkDeferredSql = """
        UPDATE OutboxMessages
        SET LastAttemptAt = @At, NextAttemptAt = @NextAttemptAt, LastResponse = @Response, LockedUntil = NULL
        WHERE Id = @Id AND ClaimToken = @Token
        """;

    public async Task MarkDeferredAsync(long id, string token, DateTime at, DateTime nextAttemptAt, string response, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(MarkDeferredSql, new { Id = id, Token = token, At = at, NextAttemptAt = nextAttemptAt, Response = Clip(response) }, cancellationToken);

    private const string MarkFailedSql = """
        UPDATE OutboxMessages
        SET Status = 'Failed', Attempts = Attempts + 1, LastAttemptAt = @At, LastResponse = @Response, LockedUntil = NULL
        WHERE Id = @Id AND ClaimToken = @Token
        """;

    public async Task MarkFailedAsync(long id, string token, DateTime at, string response, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(MarkFailedSql, new { Id = id, Token = token, At = at, Response = Clip(response) }, cancellationToken);

    private const string EnqueueSql = """
        INSERT INTO OutboxMessages (EscalationId, Purpose, ToName, ToEmail, Language, Subject, TextBody, HtmlBody, MessageId,
                                    Status, Attempts, CreatedAt, NextAttemptAt, InlineImage, ThreadId, RecipientRole, ListUnsubscribe)
        VALUES (NULL, @Purpose, @ToName, @ToEmail, @Language, @Subject, @TextBody, @HtmlBody, @MessageId,
                'Pending', 0, @CreatedAt, @CreatedAt, @InlineImage, @ThreadId, @RecipientRole, @ListUnsubscribe)
        """;

    public async Task<int> EnqueueOnceAsync(string purpose, IReadOnlyList<OutgoingMessage> messages, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var added = 0;
        foreach (var m in messages)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(EnqueueSql, Parameters(purpose, m, now), cancellationToken: cancellationToken));
                added++;
            }
            catch (System.Data.Common.DbException exception) when (database.Dialect.IsUniqueViolation(exception))
            {
                // Already queued (by an earlier run of the same job, or another node): once is enough.
            }
        }

        return added;
    }

    private static object Parameters(string purpose, OutgoingMessage m, DateTime now) => new
    {
        Purpose = purpose, m.ToName, m.ToEmail, m.Language, m.Subject, m.TextBody, m.HtmlBody, m.MessageId, CreatedAt = now, m.InlineImage,
        m.ThreadId, m.RecipientRole, m.ListUnsubscribe,
    };

    public async Task EnqueueAsync(string purpose, IReadOnlyList<OutgoingMessage> messages, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var m in messages)
        {
            await connection.ExecuteAsync(new CommandDefinition(EnqueueSql, Parameters(purpose, m, now), transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>Server answers are stored whole unless absurdly long (the column holds 1,000 characters).</summary>
    private static string Clip(string response) => response.Length <= 1000 ? response : response[..997] + "...";
}
