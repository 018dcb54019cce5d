using Dapper;
using Forum.Core.Escalation;
using Forum.Data.Database;

namespace Forum.Data.Escalation;

/// <summary>The outbox rows each escalation of a thread wrote, with what the mail server made of them.</summary>
public sealed class EscalationNoticeReader(ForumDatabase database) : IEscalationNoticeReader
{
    private const string ListForThreadSql = """
        SELECT e.Rung, e.Cycle, o.RecipientRole, o.Status, o.SentAt
        FROM Escalations e
        JOIN OutboxMessages o ON o.EscalationId = e.Id
        WHERE e.ThreadId = @ThreadId
        ORDER BY o.Id
        """;

    public async Task<IReadOnlyList<EscalationDelivery>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListForThreadSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
        return rows.Select(r => new EscalationDelivery(Enum.Parse<EscalationRung>(r.Rung), r.Cycle, r.RecipientRole, r.Status, r.SentAt)).ToList();
    }

    private sealed class Row
    {
        public string Rung { get; init; } = "";
        public int Cycle { get; init; }
        public string? RecipientRole { get; init; }
        public string Status { get; init; } = "";
        public DateTime? SentAt { get; init; }
    }
}
