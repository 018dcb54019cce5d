using Dapper;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Data.Database;

namespace Forum.Data.Complaints;

public sealed class MyComplaintsReader(ForumDatabase database) : IMyComplaintsReader
{
    private const string ListSql = """
        SELECT t.Id, t.Title, t.Status, t.CreatedAt, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked,
               t.FirstOfficialReplyAt, t.SolutionProposedAt, t.ReopenedAt, t.ReopenCount, t.AwaitingHomeownerSince, t.SolutionPausedSeconds,
               c.Slug AS CompanySlug, c.Name AS CompanyName, c.NameEn AS CompanyNameEn,
               p.Slug AS ProjectSlug, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Code AS CategoryCode, g.Name AS CategoryName, g.NameEn AS CategoryNameEn,
               (SELECT o.Body FROM Posts o WHERE o.Id = (SELECT MAX(x.Id) FROM Posts x WHERE x.ThreadId = t.Id AND x.Kind IN ('OfficialReply', 'Solution') AND x.IsHidden = 0)) AS LatestOfficialReply,
               (SELECT MAX(x.CreatedAt) FROM Posts x WHERE x.ThreadId = t.Id AND x.Kind IN ('OfficialReply', 'Solution') AND x.IsHidden = 0) AS LatestOfficialReplyAt
        FROM Threads t
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        WHERE t.AuthorId = @AuthorId AND t.IsHidden = 0
        ORDER BY t.Id DESC
        """;

    public async Task<IReadOnlyList<MyThread>> ListAsync(long authorId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql + "\n" + database.Dialect.Limit("@Take"), new { AuthorId = authorId, Take = 200 }, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            var summary = r.ToSummary();
            var ladder = new EscalationState
            {
                CreatedAt = summary.CreatedAt,
                Status = summary.Status,
                FirstOfficialReplyAt = r.FirstOfficialReplyAt,
                SolutionProposedAt = r.SolutionProposedAt,
                ReopenedAt = r.ReopenedAt,
                ReopenCount = r.ReopenCount,
                AwaitingHomeownerSince = r.AwaitingHomeownerSince,
                SolutionPaused = TimeSpan.FromSeconds(r.SolutionPausedSeconds),
                CoSignCount = summary.CoSignCount,
            };
            return new MyThread(summary, ladder, r.LatestOfficialReply, r.LatestOfficialReplyAt);
        }).ToList();
    }

    private sealed class Row : ThreadSummaryRow
    {
        public DateTime? FirstOfficialReplyAt { get; init; }
        public DateTime? SolutionProposedAt { get; init; }
        public DateTime? ReopenedAt { get; init; }
        public int ReopenCount { get; init; }
        public DateTime? AwaitingHomeownerSince { get; init; }
        public long SolutionPausedSeconds { get; init; }
        public string? LatestOfficialReply { get; init; }
        public DateTime? LatestOfficialReplyAt { get; init; }
    }
}
