using Dapper;
using Forum.Core.Escalation;
using Forum.Core.Operations;
using Forum.Data.Database;

namespace Forum.Data.Operations;

public sealed class OperationsRepository(ForumDatabase database) : IOperationsRepository
{
    // The stored clock (EscalationPolicy's verdict, written by every act): a rung's due time stays on the thread until
    // the act that stops it, so a due time already passed is a deadline missed and still unanswered. Paused and closed
    // threads carry none. The range on DeadlineAt (the earlier of the two) walks only the overdue threads' index.
    private const string PastDeadlineSql = """
        SELECT COALESCE(SUM(CASE WHEN t.ReplyDueAt <= @Now THEN 1 ELSE 0 END), 0) AS Reply,
               COALESCE(SUM(CASE WHEN t.SolutionDueAt <= @Now THEN 1 ELSE 0 END), 0) AS Solution
        FROM Threads t
        WHERE t.DeadlineAt <= @Now AND t.IsHidden = 0
        """;

    // Sent rows, the great majority, are outside the ranges the (Status, NextAttemptAt) index gives.
    private const string OutboxSql = """
        SELECT Status, COUNT(*) AS Messages, MIN(CreatedAt) AS OldestAt
        FROM OutboxMessages
        WHERE Status IN ('Pending', 'Failed')
        GROUP BY Status
        """;

    public async Task<OperationsSnapshot> ReadAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var late = await connection.QuerySingleAsync<LateRow>(new CommandDefinition(PastDeadlineSql, new { Now = now }, cancellationToken: cancellationToken));
        var outbox = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(OutboxSql, cancellationToken: cancellationToken))).ToList();
        var pastDeadline = new Dictionary<EscalationRung, long>
        {
            [EscalationRung.FirstResponse] = late.Reply,
            [EscalationRung.Solution] = late.Solution,
        };

        var pending = outbox.FirstOrDefault(o => o.Status == "Pending");
        return new OperationsSnapshot(
            pastDeadline,
            pending?.Messages ?? 0,
            outbox.FirstOrDefault(o => o.Status == "Failed")?.Messages ?? 0,
            pending?.OldestAt);
    }

    // Classes with setters, not positional records: SQLite reports no column types for an empty result.
    private sealed class LateRow
    {
        public long Reply { get; set; }
        public long Solution { get; set; }
    }

    private sealed class OutboxRow
    {
        public string Status { get; set; } = "";
        public long Messages { get; set; }
        public DateTime? OldestAt { get; set; }
    }
}
