using Dapper;
using Forum.Core.Briefing;
using Forum.Data.Database;

namespace Forum.Data.Briefing;

public sealed class StatisticsRepository(ForumDatabase database) : IStatisticsRepository
{
    private const string FactsSql = """
        SELECT CompanyId, CreatedAt, FirstOfficialReplyAt, SolutionProposedAt, Rating
        FROM Threads
        WHERE CreatedAt >= @From AND CreatedAt < @To AND IsHidden = 0
        """;

    public async Task<IReadOnlyList<ThreadFacts>> ListThreadFactsAsync(DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(FactsSql, new { From = from, To = to }, cancellationToken: cancellationToken));
        return rows.Select(r => new ThreadFacts(r.CompanyId, r.CreatedAt, r.FirstOfficialReplyAt, r.SolutionProposedAt, r.Rating)).ToList();
    }

    private const string NewThreadsSql = """
        SELECT t.Id, t.Title, t.Status, t.CreatedAt, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked,
               c.Slug AS CompanySlug, c.Name AS CompanyName, c.NameEn AS CompanyNameEn,
               p.Slug AS ProjectSlug, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Code AS CategoryCode, g.Name AS CategoryName, g.NameEn AS CategoryNameEn
        FROM Threads t
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        WHERE t.CreatedAt >= @From AND t.CreatedAt < @To AND t.IsHidden = 0
        ORDER BY t.CreatedAt DESC
        """;

    public async Task<IReadOnlyList<Core.Complaints.ThreadSummary>> ListNewThreadsAsync(DateTime from, DateTime to, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Complaints.ThreadSummaryRow>(new CommandDefinition(
            NewThreadsSql + "\n" + database.Dialect.Limit("@Take"), new { From = from, To = to, Take = max }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    private sealed class Row
    {
        public long CompanyId { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? FirstOfficialReplyAt { get; init; }
        public DateTime? SolutionProposedAt { get; init; }
        public int? Rating { get; init; }
    }
}
