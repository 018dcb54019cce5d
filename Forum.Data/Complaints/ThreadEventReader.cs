using Dapper;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Data.Database;

namespace Forum.Data.Complaints;

/// <summary>Reads the record of a complaint (<see cref="ThreadRecord"/> writes it).</summary>
public sealed class ThreadEventReader(ForumDatabase database) : IThreadEventReader
{
    private const string ListSql = """
        SELECT e.Id, e.ThreadId, e.Kind, e.Cycle, e.At, e.ActorId, e.ActorRole, u.DisplayName AS ActorName, e.PostId, e.PhotoId,
               e.RelatedThreadId, e.Rung, e.DueAt, e.FromValue, e.ToValue, e.Text, e.Rating
        FROM ThreadEvents e
        LEFT JOIN Users u ON u.Id = e.ActorId
        WHERE e.ThreadId = @ThreadId
        ORDER BY e.At, e.Id
        """;

    public async Task<IReadOnlyList<ThreadEvent>> ListAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEvent()).Where(e => e is not null).Select(e => e!).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long ThreadId { get; init; }
        public string Kind { get; init; } = "";
        public int Cycle { get; init; }
        public DateTime At { get; init; }
        public long? ActorId { get; init; }
        public string? ActorRole { get; init; }
        public string? ActorName { get; init; }
        public long? PostId { get; init; }
        public long? PhotoId { get; init; }
        public long? RelatedThreadId { get; init; }
        public string? Rung { get; init; }
        public DateTime? DueAt { get; init; }
        public string? FromValue { get; init; }
        public string? ToValue { get; init; }
        public string? Text { get; init; }
        public int? Rating { get; init; }

        // An event kind this version does not know (written by a newer one) is skipped, not fatal.
        public ThreadEvent? ToEvent() => Enum.TryParse<ThreadEventKind>(Kind, out var kind) ? new ThreadEvent
        {
            Id = Id,
            ThreadId = ThreadId,
            Kind = kind,
            Cycle = Cycle,
            At = At,
            ActorId = ActorId,
            ActorRole = ActorRole,
            ActorName = ActorName,
            PostId = PostId,
            PhotoId = PhotoId,
            RelatedThreadId = RelatedThreadId,
            Rung = Rung is null ? null : Enum.Parse<EscalationRung>(Rung),
            DueAt = DueAt,
            FromValue = FromValue,
            ToValue = ToValue,
            Text = Text,
            Rating = Rating,
        } : null;
    }
}
