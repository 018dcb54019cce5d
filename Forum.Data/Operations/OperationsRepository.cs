using Dapper;
using Forum.Core.Escalation;
using Forum.Core.Operations;
using Forum.Data.Database;

namespace Forum.Data.Operations;

public sealed class OperationsRepository(ForumDatabase database) : IOperationsRepository
{
    // From the open threads (a filtered index keeps closed ones out) to their escalations by the unique key. The
    // escalation row is the policy's own verdict that the deadline passed; the thread's columns say whether what
    // stops that rung has happened since. The solution rung counts only the current cycle.
    private const string PastDeadlineSql = """
        SELECT e.Rung, COUNT(*) AS Threads
        FROM Threads t
        JOIN Escalations e ON e.ThreadId = t.Id
        WHERE t.Status <> 'Closed' AND t.IsHidden = 0
          AND ((e.Rung = 'FirstResponse' AND t.FirstOfficialReplyAt IS NULL)
            OR (e.Rung = 'Solution' AND e.Cycle = t.ReopenCount
                AND (t.SolutionProposedAt IS NULL OR t.SolutionProposedAt < COALESCE(t.ReopenedAt, t.CreatedAt))))
        GROUP BY e.Rung
        """;

    // Sent rows, the great majority, are outside the ranges the (Status, NextAttemptAt) index gives.
    private const string OutboxSql = """
        SELECT Status, COUNT(*) AS Messages, MIN(CreatedAt) AS OldestAt
        FROM OutboxMessages
        WHERE Status IN ('Pending', 'Failed')
        GROUP BY Status
        """;

    public async Task<OperationsSnapshot> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var late = await connection.QueryAsync<RungRow>(new CommandDefinition(PastDeadlineSql, cancellationToken: cancellationToken));
        var outbox = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(OutboxSql, cancellationToken: cancellationToken))).ToList();
        var pastDeadline = new Dictionary<EscalationRung, long> { [EscalationRung.FirstResponse] = 0, [EscalationRung.Solution] = 0 };
        foreach (var row in late)
        {
            if (Enum.TryParse<EscalationRung>(row.Rung, out var parsed))
            {
                pastDeadline[parsed] = row.Threads;
            }
        }

        var pending = outbox.FirstOrDefault(o => o.Status == "Pending");
        return new OperationsSnapshot(
            pastDeadline,
            pending?.Messages ?? 0,
            outbox.FirstOrDefault(o => o.Status == "Failed")?.Messages ?? 0,
            pending?.OldestAt);
    }

    // Classes with setters, not positional records: SQLite reports no column types for an empty result.
    private sealed class RungRow
    {
        public string Rung { get; set; } = "";
        public long Threads { get; set; }
    }

    private sealed class OutboxRow
    {
        public string Status { get; set; } = "";
        public long Messages { get; set; }
        public DateTime? OldestAt { get; set; }
    }
}
