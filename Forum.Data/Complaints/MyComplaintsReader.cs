using Dapper;
using Forum.Core.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Complaints;

public sealed class MyComplaintsReader(ForumDatabase database) : IMyComplaintsReader
{
    // The author's complaints, with the duplicates staff merged into another one (hidden from lists, never from
    // their author: "merged into T-…").
    private const string ListSql = "SELECT t.MergedIntoId, " + ThreadRepository.ListColumns + """
        ,
               (SELECT o.Body FROM Posts o WHERE o.Id = (SELECT MAX(x.Id) FROM Posts x WHERE x.ThreadId = t.Id AND x.Kind IN ('OfficialReply', 'Solution') AND x.IsHidden = 0)) AS LatestOfficialReply,
               (SELECT MAX(x.CreatedAt) FROM Posts x WHERE x.ThreadId = t.Id AND x.Kind IN ('OfficialReply', 'Solution') AND x.IsHidden = 0) AS LatestOfficialReplyAt
        FROM Threads t
        """ + "\n" + ThreadRepository.ListJoins + """
        WHERE t.AuthorId = @AuthorId AND (t.IsHidden = 0 OR t.MergedIntoId IS NOT NULL)
        ORDER BY t.Id DESC
        """;

    public async Task<IReadOnlyList<MyThread>> ListAsync(long authorId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql + "\n" + database.Dialect.Limit("@Take"), new { AuthorId = authorId, Take = 200 }, cancellationToken: cancellationToken));
        return rows.Select(r => new MyThread(r.ToSummary(), r.LatestOfficialReply, r.LatestOfficialReplyAt, r.MergedIntoId)).ToList();
    }

    private sealed class Row : ThreadSummaryRow
    {
        public long? MergedIntoId { get; init; }
        public string? LatestOfficialReply { get; init; }
        public DateTime? LatestOfficialReplyAt { get; init; }
    }
}
