namespace Forum.Web.Moderation;

/// <summary>
/// Tells open staff consoles on this node that a thread arrived or changed, so they refresh at once. Changes made on
/// other nodes reach a console through its periodic reload instead.
/// </summary>
public sealed class QueueChanges
{
    private long version;

    public event Action? Changed;

    /// <summary>Counts the changes announced, so a shared list read before the last one is known to be stale.</summary>
    public long Version => Interlocked.Read(ref version);

    public void Notify()
    {
        Interlocked.Increment(ref version);
        Changed?.Invoke();
    }
}
