using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Dapper;
using Forum.Core.Search;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Search;

/// <param name="commonWordMinimum">Below this many matches a word is never treated as common (tests lower it).</param>
public sealed class SearchRepository(ForumDatabase database, long commonWordMinimum = SearchRepository.CommonWordMinimum) : ISearchRepository
{
    /// <summary>How long a word's match count is trusted: counts move slowly, and counting a word in every thread costs ~80 ms.</summary>
    private static readonly TimeSpan StatisticsLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Below this many matches a word is never common: in a small forum its share of the threads says little.</summary>
    internal const long CommonWordMinimum = 10_000;

    private readonly ConcurrentDictionary<string, (long Count, long At)> _matchCounts = new(StringComparer.Ordinal);

    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.PageSize, 100);
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        if (!request.Query.CanSearch)
        {
            return new SearchPage([], page, false);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var statistics = request.Order == SearchOrder.Relevance ? await StatisticsAsync(connection, request.Query, cancellationToken) : null;
        var order = statistics is { EveryWordIsCommon: true } ? SearchOrder.Newest : request.Order;
        var rows = await SearchStore.For(database.Dialect).FindAsync(connection, request with { Page = page, Order = order }, statistics?.Rarity, cancellationToken);
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

    /// <summary>
    /// Per-word statistics (SQLite): each clause's <see cref="SearchRanking.Rarity"/> from how many indexed threads hold
    /// it, kept for <see cref="StatisticsLifetime"/>; null on SQL Server, whose term weights are stored. A clause in
    /// fewer than <see cref="CommonWordMinimum"/> threads is never treated as common. When every clause is common
    /// (in half of the threads or more) nothing ranks, and best match is the newest order.
    /// </summary>
    private async Task<(IReadOnlyList<double> Rarity, bool EveryWordIsCommon)?> StatisticsAsync(DbConnection connection, SearchQuery query, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var indexed = await CountAsync(connection, "", IndexedSqliteOnly, null, cancellationToken);
        var rarity = new List<double>(query.Clauses.Count);
        var everyWordIsCommon = query.Clauses.Count > 0;
        foreach (var clause in query.Clauses)
        {
            var match = SqliteSearchStore.MatchExpression(query with { Clauses = [clause] });
            var count = await CountAsync(connection, match, MatchCountSqliteOnly, new { Match = match }, cancellationToken);
            rarity.Add(SearchRanking.Rarity(indexed, count));
            everyWordIsCommon &= count >= commonWordMinimum && count * 2 > indexed;
        }

        return (rarity, everyWordIsCommon);
    }

    // Visible threads: the indexed ones, near enough (merged threads leave the index too) and a cheap count.
    private const string IndexedSqliteOnly = "SELECT COUNT(*) FROM Threads WHERE IsHidden = 0";

    private const string MatchCountSqliteOnly = "SELECT COUNT(*) FROM ThreadSearch WHERE ThreadSearch MATCH @Match";

    private async Task<long> CountAsync(DbConnection connection, string key, string sql, object? parameters, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_matchCounts.TryGetValue(key, out var known) && now - known.At < StatisticsLifetime.TotalMilliseconds)
        {
            return known.Count;
        }

        if (_matchCounts.Count > 10_000)
        {
            _matchCounts.Clear();
        }

        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        _matchCounts[key] = (count, now);
        return count;
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
