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

    private const string LoadClaimedSql = """
        SELECT Id, ToName, ToEmail, Subject, TextBody, HtmlBody, MessageId, Attempts, CreatedAt, InlineImage, ListUnsubscribe
        FROM OutboxMessages
        WHERE Id = @Id
        """;

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTime now, DateTime lockedUntil, int max, string token, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var candidates = await connection.QueryAsync<long>(new CommandDefinition(
            ListClaimableSql + "\n" + database.Dialect.Limit("@Take"), new { Now = now, Take = max }, cancellationToken: cancellationToken));

        var claimed = new List<OutboxMessage>();
        foreach (var id in candidates)
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(ClaimSql, new { Id = id, Now = now, LockedUntil = lockedUntil, Token = token }, cancellationToken: cancellationToken));
            if (rows == 1)
            {
                claimed.Add(await connection.QuerySingleAsync<OutboxMessage>(new CommandDefinition(LoadClaimedSql, new { Id = id }, cancellationToken: cancellationToken)));
            }
        }

        return claimed;
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
