using System.Runtime.CompilerServices;
using Dapper;
using Forum.Core.Sharing;
using Forum.Data.Database;

namespace Forum.Data.Sharing;

public sealed class SharingRepository(ForumDatabase database) : ISharingRepository
{
    private const string LatestSql = """
        SELECT t.Id, t.Title, t.Body, u.DisplayName AS AuthorName, t.CreatedAt, t.UpdatedAt
        FROM Threads t
        JOIN Users u ON u.Id = t.AuthorId
        WHERE t.IsHidden = 0 AND t.MergedIntoId IS NULL
          AND (@CompanyId IS NULL OR t.CompanyId = @CompanyId)
          AND (@ProjectId IS NULL OR t.ProjectId = @ProjectId)
        ORDER BY t.Id DESC
        """;

    public async Task<IReadOnlyList<FeedEntry>> LatestAsync(long? companyId, long? projectId, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FeedRow>(new CommandDefinition(
            LatestSql + "\n" + database.Dialect.Limit("@Take"),
            new { CompanyId = companyId, ProjectId = projectId, Take = take },
            cancellationToken: cancellationToken));
        return rows.Select(r => new FeedEntry(r.Id, r.Title, r.Body, r.AuthorName, r.CreatedAt, r.UpdatedAt)).ToList();
    }

    // One pass over the primary key: the number of every pageSize-th public complaint starts a page.
    private const string PageStartsSql = """
        SELECT Id
        FROM (SELECT Id, ROW_NUMBER() OVER (ORDER BY Id) AS RowNumber
              FROM Threads
              WHERE IsHidden = 0 AND MergedIntoId IS NULL) AS numbered
        WHERE (RowNumber - 1) % @PageSize = 0
        ORDER BY Id
        """;

    public async Task<IReadOnlyList<long>> SitemapPageStartsAsync(int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var starts = await connection.QueryAsync<long>(new CommandDefinition(PageStartsSql, new { PageSize = pageSize }, cancellationToken: cancellationToken));
        return starts.ToList();
    }

    private const string SitemapPageSql = """
        SELECT Id, UpdatedAt
        FROM Threads
        WHERE Id >= @FromId AND IsHidden = 0 AND MergedIntoId IS NULL
        ORDER BY Id
        """;

    public async IAsyncEnumerable<SitemapEntry> SitemapPageAsync(long fromId, int take, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<SitemapRow>(
            SitemapPageSql + "\n" + database.Dialect.Limit("@Take"), new { FromId = fromId, Take = take });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new SitemapEntry(row.Id, row.UpdatedAt);
        }
    }

    private sealed class FeedRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public string AuthorName { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
    }

    private sealed class SitemapRow
    {
        public long Id { get; init; }
        public DateTime UpdatedAt { get; init; }
    }
}
