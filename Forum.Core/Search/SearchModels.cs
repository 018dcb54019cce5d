using Forum.Core.Complaints;

namespace Forum.Core.Search;

public enum SearchOrder
{
    Relevance,
    Newest,
}

/// <summary>A search with the list filters; <see cref="Page"/> counts from 1.</summary>
public sealed record SearchRequest
{
    public const int MaxPage = 50;

    /// <summary>
    /// Best match ranks the newest this-many matching threads (after the filters), not every match: a word found in
    /// 60,000 threads would otherwise be scored in full on every search. Every page a visitor can reach
    /// (<see cref="MaxPage"/> × 20 = 1,000 results) comes from this set, and a query matching fewer threads is
    /// ranked exactly.
    /// </summary>
    public const int RankedCandidates = 2000;

    public required SearchQuery Query { get; init; }
    public long? CompanyId { get; init; }
    public long? ProjectId { get; init; }
    public long? CategoryId { get; init; }
    public ThreadStatus? Status { get; init; }
    public OverdueOptions? Overdue { get; init; }
    public SearchOrder Order { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    /// <summary>How many of the newest matches best match ranks (<see cref="RankedCandidates"/>; smaller in tests).</summary>
    public int CandidateLimit { get; init; } = RankedCandidates;
}

/// <summary>A result: the thread as in any list, and the public texts the snippet may come from.</summary>
public sealed record SearchHit(ThreadSummary Thread, string Body, IReadOnlyList<string> Replies);

public sealed record SearchPage(IReadOnlyList<SearchHit> Items, int Page, bool HasMore);

/// <summary>The public search index: what a visitor can read, and nothing else.</summary>
public interface ISearchRepository
{
    Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>Indexes threads that have no index entry yet (demo data, generated data, an upgraded database).</summary>
    Task<int> IndexMissingAsync(CancellationToken cancellationToken = default);
}
