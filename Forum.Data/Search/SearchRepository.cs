using System.Text;
using Dapper;
using Forum.Core.Search;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Search;

public sealed class SearchRepository(ForumDatabase database) : ISearchRepository
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.PageSize, 100);
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        if (!request.Query.CanSearch)
        {
            return new SearchPage([], page, false);
        }

        var (sql, parameters) = SearchStore.For(database.Dialect).BuildSearch(request with { Page = page });
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ThreadSummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
        var items = rows.Take(request.PageSize).ToList();
        if (items.Count == 0)
        {
            return new SearchPage([], page, false);
        }

        var (textsSql, textParameters) = BuildTextsSql(items.Select(r => r.Id).ToList());
        var texts = (await connection.QueryAsync<TextRow>(new CommandDefinition(textsSql, textParameters, cancellationToken: cancellationToken)))
            .ToLookup(t => t.ThreadId);
        var hits = items.Select(r =>
        {
            var own = texts[r.Id].ToList();
            return new SearchHit(r.ToSummary(), own.FirstOrDefault(t => t.IsReply == 0)?.Body ?? "", own.Where(t => t.IsReply == 1).Select(t => t.Body).ToList());
        }).ToList();
        return new SearchPage(hits, page, rows.Count > request.PageSize && page < SearchRequest.MaxPage);
    }

    /// <summary>The FTS5 MATCH expression of a query on SQLite (for benchmarks and diagnostics).</summary>
    public static string SqliteMatchExpression(SearchQuery query) => SqliteSearchStore.MatchExpression(query);

    public Task<int> IndexMissingAsync(CancellationToken cancellationToken = default) =>
        SearchIndex.IndexMissingAsync(database, 1000, cancellationToken);

    /// <summary>The opening posts and public replies of the threads on a page, for the snippets.</summary>
    internal static (string Sql, DynamicParameters Parameters) BuildTextsSql(IReadOnlyList<long> threadIds)
    {
        var parameters = new DynamicParameters();
        var list = new StringBuilder();
        for (var i = 0; i < threadIds.Count; i++)
        {
            list.Append(i == 0 ? "" : ", ").Append("@I").Append(i);
            parameters.Add("I" + i, threadIds[i]);
        }

        var sql = $"""
            SELECT Id AS ThreadId, 0 AS IsReply, Id AS PostId, Body FROM Threads WHERE Id IN ({list})
            UNION ALL
            SELECT ThreadId, 1 AS IsReply, Id AS PostId, Body FROM Posts
            WHERE ThreadId IN ({list}) AND IsHidden = 0 AND Kind IN {SearchDocument.PublicKinds}
            ORDER BY ThreadId, IsReply, PostId
            """;
        return (sql, parameters);
    }

    private sealed class TextRow
    {
        public long ThreadId { get; init; }
        public int IsReply { get; init; }
        public long PostId { get; init; }
        public string Body { get; init; } = "";
    }
}
