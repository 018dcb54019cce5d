namespace Forum.Core.Complaints;

/// <summary>Public reads of complaints. Hidden threads and internal notes are never returned.</summary>
public interface IThreadRepository
{
    /// <summary>One keyset page of visible threads, newest first, matching every filter given.</summary>
    Task<ThreadListPage> ListAsync(ThreadListQuery query, CancellationToken cancellationToken = default);

    /// <summary>The visible thread with this id, or null when there is none (or it is hidden).</summary>
    Task<ThreadDetail?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The thread's public posts (no internal notes) in the order they were written.</summary>
    Task<IReadOnlyList<PublicPost>> ListPublicPostsAsync(long threadId, CancellationToken cancellationToken = default);

    /// <summary>Where a merged thread went, or null: its old number redirects there.</summary>
    Task<long?> FindMergedIntoAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The duplicates staff merged into this thread, oldest first, with their public posts: the target's page shows
    /// them in full ("merged from T-…"), so nothing a homeowner wrote leaves the public record.
    /// </summary>
    Task<IReadOnlyList<MergedDuplicate>> ListMergedFromAsync(long threadId, CancellationToken cancellationToken = default);

    /// <summary>Whether this person has already said "me too" on the thread.</summary>
    Task<bool> HasCoSignedAsync(long threadId, long userId, CancellationToken cancellationToken = default);
}
