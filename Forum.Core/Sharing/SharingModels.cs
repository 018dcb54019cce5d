namespace Forum.Core.Sharing;

/// <summary>A public complaint as a feed shows it: what anyone can read on its page, nothing private.</summary>
public sealed record FeedEntry(long Id, string Title, string Body, string AuthorName, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>A public complaint's address and when it last changed, for the sitemap.</summary>
public sealed record SitemapEntry(long Id, DateTime UpdatedAt);

/// <summary>
/// What feeds and the sitemap read: only public complaints (not hidden, not merged into another), newest first for
/// feeds and by number for the sitemap, which pages by a seek on Id so a million complaints cost what a few do.
/// </summary>
public interface ISharingRepository
{
    /// <summary>The newest public complaints, of one company or one project when given.</summary>
    Task<IReadOnlyList<FeedEntry>> LatestAsync(long? companyId, long? projectId, int take, CancellationToken cancellationToken = default);

    /// <summary>The first complaint number of each sitemap page of <paramref name="pageSize"/> complaints.</summary>
    Task<IReadOnlyList<long>> SitemapPageStartsAsync(int pageSize, CancellationToken cancellationToken = default);

    /// <summary>One sitemap page, from <paramref name="fromId"/> up, read as it is written out (never all in memory).</summary>
    IAsyncEnumerable<SitemapEntry> SitemapPageAsync(long fromId, int take, CancellationToken cancellationToken = default);
}
