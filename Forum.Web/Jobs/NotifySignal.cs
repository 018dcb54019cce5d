using Hangfire;

namespace Forum.Web.Jobs;

/// <summary>
/// Posting a complaint asks the notifier to run at once. One job per posting would, at hundreds of postings a second,
/// queue hundreds of notifier runs, each waiting for the one before (<see cref="NotifyJob"/> never runs twice at once)
/// to find nothing new, and enqueuing costs the posting more than its own database work. One pending run reads
/// everything committed before it starts, so while a run is pending a posting adds none. The run clears the request as
/// it starts, before it reads, so a posting committed after that asks again. A request older than
/// <see cref="PendingFor"/> asks again too: with several nodes the run may start on another node, which cannot clear
/// this node's request (and the minute's recurring run catches anything in any case).
/// </summary>
public sealed class NotifySignal(IBackgroundJobClient jobs, TimeProvider timeProvider)
{
    public static readonly TimeSpan PendingFor = TimeSpan.FromSeconds(5);

    // UTC ticks of the pending request; 0 = none.
    private long pendingSince;

    /// <summary>Called after a posting commits: enqueues a notifier run unless one is already pending.</summary>
    public void Request()
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var since = Interlocked.Read(ref pendingSince);
        if (since != 0 && now - since < PendingFor.Ticks)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref pendingSince, now, since) != since)
        {
            return; // Another posting enqueued the run just now.
        }

        try
        {
            jobs.Enqueue<NotifyJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch
        {
            Interlocked.Exchange(ref pendingSince, 0);
            throw;
        }
    }

    /// <summary>Called by the run as it starts, before it reads what is new.</summary>
    public void Started() => Interlocked.Exchange(ref pendingSince, 0);
}
