namespace Forum.Web.Moderation;

/// <summary>
/// Tells open staff consoles on this node that a thread arrived or changed, so they refresh at once. Changes made on
/// other nodes reach a console through its periodic reload instead.
/// </summary>
public sealed class QueueChanges
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
