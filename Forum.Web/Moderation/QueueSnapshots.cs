using System.Collections.Concurrent;

namespace Forum.Web.Moderation;

/// <summary>
/// The staff queue as the open consoles of one node share it: one list per scope (HQ's whole queue, or one company's),
/// read again once a change on this node is announced (<see cref="QueueChanges"/>) or the list is older than
/// <see cref="MaxAge"/>. Each console used to hold and reload its own copy of every open complaint: fifty HQ consoles
/// held fifty copies of thousands of rows and read them fifty times every 15 s. Consoles ask for the list every
/// second and keep no other, so a superseded list is dropped as soon as every console has moved on.
/// </summary>
public sealed class QueueSnapshots(QueueChanges changes, TimeProvider timeProvider)
{
    /// <summary>
    /// How old a shared list may be before the next console that asks reads it again: a change made on another node
    /// shows on every console within 15 s (this, a console's one-second tick, and the read itself).
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    // Key: the company's id, or 0 for HQ's queue of every company.
    private readonly ConcurrentDictionary<long, Snapshot> snapshots = new();

    private sealed record Snapshot(long Version, DateTimeOffset ReadAt, Task<IReadOnlyList<QueueRow>> Rows);

    public Task<IReadOnlyList<QueueRow>> GetAsync(long? companyId, Func<Task<IReadOnlyList<QueueRow>>> read, CancellationToken cancellationToken)
    {
        var key = companyId ?? 0;
        var version = changes.Version;
        var now = timeProvider.GetUtcNow();
        if (!snapshots.TryGetValue(key, out var snapshot) || snapshot.Version != version || now - snapshot.ReadAt >= MaxAge
            || snapshot.Rows.IsFaulted || snapshot.Rows.IsCanceled)
        {
            // Shared by every console that asks meanwhile, so no one console's cancellation stops it.
            snapshot = new Snapshot(version, now, read());
            snapshots[key] = snapshot;
        }

        return snapshot.Rows.WaitAsync(cancellationToken);
    }
}
