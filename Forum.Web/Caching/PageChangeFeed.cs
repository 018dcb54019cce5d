using Forum.Data.Caching;
using Forum.Web.Configuration;
using Microsoft.AspNetCore.OutputCaching;

namespace Forum.Web.Caching;

/// <summary>
/// Follows the page-change log (written by database triggers in every writer's transaction, on any node) and evicts
/// the cached pages each change touches: the thread's page, its company's and project's pages, and the lists.
/// Every request that may be answered from the cache first calls <see cref="EnsureFreshAsync"/>: one read of the
/// newest change id (an index seek on the key), and only when it moved, the changes themselves. So a write on any
/// node, or by a background job, shows on the very next request to every node.
/// </summary>
public sealed class PageChangeFeed(PageChangeRepository changes, IOutputCacheStore store, CatalogCache catalogs, ILogger<PageChangeFeed> logger)
{
    /// <summary>More changes than this at once are not worth evicting one by one.</summary>
    internal const int MaxBatch = 1000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastSeen = -1;

    /// <summary>The newest change this node has acted on (-1 before the first read).</summary>
    public long LastSeen => Interlocked.Read(ref _lastSeen);

    /// <summary>Evicts what changed since the last call, if anything did; cheap (one key read) when nothing did.</summary>
    public async ValueTask EnsureFreshAsync(CancellationToken cancellationToken = default)
    {
        if (await changes.LatestIdAsync(cancellationToken) != LastSeen)
        {
            await SyncAsync(cancellationToken);
        }
    }

    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var lastSeen = _lastSeen;
            if (lastSeen < 0 || (await changes.OldestIdAsync(cancellationToken) is var oldest && oldest > lastSeen + 1))
            {
                // First read, or this node fell behind a prune: whatever is cached may be stale.
                await EvictEverythingAsync(cancellationToken);
                return;
            }

            var batch = await changes.ReadAfterAsync(lastSeen, MaxBatch + 1, cancellationToken);
            if (batch.Count > MaxBatch)
            {
                await EvictEverythingAsync(cancellationToken);
                return;
            }

            if (batch.Count == 0)
            {
                return;
            }

            var catalog = await catalogs.GetAsync(cancellationToken);
            var tags = new HashSet<string>(StringComparer.Ordinal) { PublicPagePolicy.ListsTag };
            foreach (var change in batch)
            {
                if (change.ThreadId is not { } threadId)
                {
                    await EvictEverythingAsync(cancellationToken);
                    return;
                }

                tags.Add(PublicPagePolicy.ThreadTag(threadId));
                if (catalog.Companies.FirstOrDefault(c => c.Id == change.CompanyId) is { } company)
                {
                    tags.Add(PublicPagePolicy.CompanyTag(company.Slug));
                }

                if (catalog.Projects.FirstOrDefault(p => p.Id == change.ProjectId) is { } project)
                {
                    tags.Add(PublicPagePolicy.ProjectTag(project.Slug));
                }
            }

            foreach (var tag in tags)
            {
                await store.EvictByTagAsync(tag, cancellationToken);
            }

            Interlocked.Exchange(ref _lastSeen, batch[^1].Id);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The newest id is read first: a change logged after it is read on the next pass, one before it is covered here.
    private async Task EvictEverythingAsync(CancellationToken cancellationToken)
    {
        var latest = await changes.LatestIdAsync(cancellationToken);
        catalogs.Invalidate();
        await store.EvictByTagAsync(PublicPagePolicy.AllTag, cancellationToken);
        Interlocked.Exchange(ref _lastSeen, latest);
        logger.LogDebug("Evicted every cached page; following page changes after {Latest}", latest);
    }
}
