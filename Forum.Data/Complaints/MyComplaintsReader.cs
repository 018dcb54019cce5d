using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Complaints;

public sealed class MyComplaintsReader(ForumDatabase database) : IMyComplaintsReader
{
    private const string ListSql = """
        SELECT t.Id, t.Title, t.Status, t.CreatedAt, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked,
               t.FirstOfficialReplyAt, t.SolutionProposedAt,
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
        return rows.Select(r => new MyThread(
            new ThreadSummary
            {
                Id = r.Id, Title = r.Title, Status = Enum.Parse<ThreadStatus>(r.Status), CreatedAt = r.CreatedAt, ReplyCount = r.ReplyCount,
                CoSignCount = r.CoSignCount, IsGroupComplaint = r.IsGroupComplaint, IsLocked = r.IsLocked,
                CompanySlug = r.CompanySlug, CompanyName = new LocalizedName(r.CompanyName, r.CompanyNameEn),
                ProjectSlug = r.ProjectSlug, ProjectName = new LocalizedName(r.ProjectName, r.ProjectNameEn),
                CategoryCode = r.CategoryCode, CategoryName = new LocalizedName(r.CategoryName, r.CategoryNameEn),
            },
            r.FirstOfficialReplyAt, r.SolutionProposedAt, r.LatestOfficialReply, r.LatestOfficialReplyAt)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public int ReplyCount { get; init; }
        public int CoSignCount { get; init; }
        public bool IsGroupComplaint { get; init; }
        public bool IsLocked { get; init; }
        public DateTime? FirstOfficialReplyAt { get; init; }
        public DateTime? SolutionProposedAt { get; init; }
        public string CompanySlug { get; init; } = "";
        public string CompanyName { get; init; } = "";
        public string CompanyNameEn { get; init; } = "";
        public string ProjectSlug { get; init; } = "";
        public string ProjectName { get; init; } = "";
        public string ProjectNameEn { get; init; } = "";
        public string CategoryCode { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public string CategoryNameEn { get; init; } = "";
        public string? LatestOfficialReply { get; init; }
        public DateTime? LatestOfficialReplyAt { get; init; }
    }
}
