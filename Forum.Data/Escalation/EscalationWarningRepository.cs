using System.Data.Common;
using Dapper;
using Forum.Core.Escalation;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Escalation;

/// <summary>Reminders before a deadline, stored like escalations: a row per (thread, rung, cycle) and its outbox rows, one transaction.</summary>
public sealed class EscalationWarningRepository(ForumDatabase database) : IEscalationWarningRepository
{
    /// <summary>
    /// The running deadlines the threads stored (decided by the policy), in the window the policy gives, not reminded
    /// about in their cycle yet. Each half is a range of its own index.
    /// </summary>
    private const string ListDueSql = """
        SELECT t.Id
        FROM Threads t
        WHERE t.ReplyDueAt > @From AND t.ReplyDueAt <= @Until
          AND NOT EXISTS (SELECT 1 FROM EscalationWarnings w WHERE w.ThreadId = t.Id AND w.Rung = 'FirstResponse' AND w.Cycle = 0)
        UNION
        SELECT t.Id
        FROM Threads t
        WHERE t.SolutionDueAt > @From AND t.SolutionDueAt <= @Until
          AND NOT EXISTS (SELECT 1 FROM EscalationWarnings w WHERE w.ThreadId = t.Id AND w.Rung = 'Solution' AND w.Cycle = t.ReopenCount)
        """;

    public async Task<IReadOnlyList<long>> ListWarningDueThreadIdsAsync(DateTime from, DateTime until, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = "SELECT d.Id FROM (" + ListDueSql + ") d\nORDER BY d.Id\n" + database.Dialect.Limit("@Take");
        return (await connection.QueryAsync<long>(new CommandDefinition(sql, new { From = from, Until = until, Take = max }, cancellationToken: cancellationToken))).AsList();
    }

    private const string WarnedSql = "SELECT Rung, Cycle FROM EscalationWarnings WHERE ThreadId = @ThreadId";

    private const string InsertWarningSql = """
        INSERT INTO EscalationWarnings (ThreadId, Rung, Cycle, DueAt, WarnedAt, RecipientCount)
        VALUES (@ThreadId, @Rung, @Cycle, @DueAt, @WarnedAt, @RecipientCount)
        """;

    private const string RecipientsSql = """
        SELECT Id, CompanyId, Role, Name, Email, Language
        FROM EscalationRecipients
        WHERE CompanyId = @CompanyId AND Role = @Role AND IsActive = 1
        ORDER BY Id
        """;

    private const string InsertOutboxSql = """
        INSERT INTO OutboxMessages (Purpose, ToName, ToEmail, Language, Subject, TextBody, HtmlBody, MessageId,
                                    Status, Attempts, CreatedAt, NextAttemptAt, ThreadId, RecipientRole)
        VALUES ('Warning', @ToName, @ToEmail, @Language, @Subject, @TextBody, @HtmlBody, @MessageId,
                'Pending', 0, @CreatedAt, @CreatedAt, @ThreadId, @RecipientRole)
        """;

    public async Task<IReadOnlyList<WarningRecord>> WarnAsync(
        long threadId, DateTime now, EscalationPolicy policy, IEscalationWarningComposer composer, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        if (state is null)
        {
            return [];
        }

        var warned = (await connection.QueryAsync<(string Rung, int Cycle)>(new CommandDefinition(WarnedSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken)))
            .Select(w => new EscalationKey(Enum.Parse<EscalationRung>(w.Rung), w.Cycle))
            .ToHashSet();
        var due = policy.WarningsDue(state, now, warned);
        if (due.Count == 0)
        {
            return [];
        }

        var subject = (await connection.QuerySingleAsync<EscalationRepository.ThreadRow>(new CommandDefinition(
            EscalationRepository.LoadSubjectSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken)));
        var written = new List<WarningRecord>();
        foreach (var clock in due)
        {
            var recipients = await RecipientsAsync(connection, transaction, clock.Rung, subject.CompanyId, cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertWarningSql, new
                {
                    ThreadId = threadId, Rung = clock.Rung.ToString(), clock.Key.Cycle, clock.DueAt, WarnedAt = now, RecipientCount = recipients.Count,
                }, transaction, cancellationToken: cancellationToken));
            }
            catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
            {
                // Another run (this node or another) reminded first; its transaction wrote the mail too.
                await transaction.RollbackAsync(cancellationToken);
                return [];
            }

            foreach (var recipient in recipients)
            {
                var message = composer.ComposeWarning(subject.ToSubject(), clock, now, recipient);
                await connection.ExecuteAsync(new CommandDefinition(InsertOutboxSql, new
                {
                    message.ToName, message.ToEmail, message.Language, message.Subject, message.TextBody, message.HtmlBody, message.MessageId,
                    CreatedAt = now, ThreadId = threadId, RecipientRole = recipient.Role.ToString(),
                }, transaction, cancellationToken: cancellationToken));
            }

            written.Add(new WarningRecord(threadId, clock.Rung, clock.Key.Cycle, clock.DueAt, now, recipients.Count));
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static async Task<IReadOnlyList<Recipient>> RecipientsAsync(
        DbConnection connection, DbTransaction transaction, EscalationRung rung, long companyId, CancellationToken cancellationToken)
    {
        var all = new List<Recipient>();
        foreach (var group in EscalationPolicy.WarningRecipientsOf(rung))
        {
            var rows = await connection.QueryAsync<(long Id, long CompanyId, string Role, string Name, string Email, string Language)>(new CommandDefinition(
                RecipientsSql, new { CompanyId = companyId, Role = group.Role.ToString() }, transaction, cancellationToken: cancellationToken));
            all.AddRange(rows.Select(r => new Recipient(r.Id, r.CompanyId, Enum.Parse<RecipientRole>(r.Role), r.Name, r.Email, r.Language)));
        }

        // One message per address, however many roles a person holds.
        return all.DistinctBy(r => r.Email.Trim().ToLowerInvariant()).ToList();
    }
}
