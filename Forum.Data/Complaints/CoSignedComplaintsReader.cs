using Dapper;
using Forum.Core.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Complaints;

public sealed class CoSignedComplaintsReader(ForumDatabase database) : ICoSignedComplaintsReader
{
    private const string ListSql = """
        SELECT t.Id, t.Title, t.Status, t.CreatedAt, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked,
               c.Slug AS CompanySlug, c.Name AS CompanyName, c.NameEn AS CompanyNameEn,
               p.Slug AS ProjectSlug, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Code AS CategoryCode, g.Name AS CategoryName, g.NameEn AS CategoryNameEn
        FROM CoSigns s
        JOIN Threads t ON t.Id = s.ThreadId
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        WHERE s.UserId = @UserId AND t.IsHidden = 0 AND t.MergedIntoId IS NULL
        ORDER BY s.CreatedAt DESC, t.Id DESC
        """;

    public async Task<IReadOnlyList<ThreadSummary>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ThreadSummaryRow>(new CommandDefinition(
            ListSql + "\n" + database.Dialect.Limit("@Take"), new { UserId = userId, Take = 200 }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSummary()).ToList();
    }
}
