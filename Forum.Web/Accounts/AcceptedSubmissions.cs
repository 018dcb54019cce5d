using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Forum.Web.Accounts;

/// <summary>One limit on accepted submissions: at most <paramref name="Permits"/> within any <paramref name="Window"/>.</summary>
public sealed record SubmissionLimit(int Permits, TimeSpan Window);

/// <summary>
/// The times of accepted form submissions per rate-limit partition (an account or an address). A refused form (a
/// missing title, a bad photo) is never recorded, so the corrected form that follows it goes through at once; only
/// what the site accepted counts against "one complaint a minute". In memory, per node, like the framework's limiters.
/// </summary>
public sealed class AcceptedSubmissions(TimeProvider time, RateLimitOptions options)
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _accepted = new(StringComparer.Ordinal);

    /// <summary>Records that the form a page handled under <paramref name="policy"/> was accepted.</summary>
    public void Accepted(HttpContext context, string policy)
    {
        if (options.AcceptedOnly(policy) is { } limits)
        {
            Record(RateLimits.PartitionKey(policy, context), limits.Max(l => l.Window));
        }
    }

    /// <summary>Records one accepted submission for <paramref name="key"/> now.</summary>
    public void Record(string key, TimeSpan keepFor)
    {
        var now = time.GetUtcNow();
        var times = _accepted.GetOrAdd(key, _ => []);
        lock (times)
        {
            times.RemoveAll(t => now - t >= keepFor);
            times.Add(now);
        }

        PruneSometimes(now, keepFor);
    }

    /// <summary>How long until one more submission fits every limit; null when it fits now.</summary>
    public TimeSpan? WaitBeforeNext(string key, IReadOnlyList<SubmissionLimit> limits)
    {
        if (!_accepted.TryGetValue(key, out var times))
        {
            return null;
        }

        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        lock (times)
        {
            foreach (var limit in limits)
            {
                var inWindow = times.Where(t => now - t < limit.Window).Order().ToList();
                if (inWindow.Count >= limit.Permits)
                {
                    // The oldest submission that must leave the window before one more fits.
                    var until = inWindow[inWindow.Count - limit.Permits] + limit.Window - now;
                    wait = wait is { } w && w > until ? w : until;
                }
            }
        }

        return wait;
    }

    private int _records;

    /// <summary>Forgets accounts whose submissions have all left the longest window (every 1,000 records).</summary>
    private void PruneSometimes(DateTimeOffset now, TimeSpan keepFor)
    {
        if (Interlocked.Increment(ref _records) % 1000 != 0)
        {
            return;
        }

        foreach (var (key, times) in _accepted)
        {
            lock (times)
            {
                if (times.All(t => now - t >= keepFor))
                {
                    _accepted.TryRemove(key, out _);
                }
            }
        }
    }
}

/// <summary>
/// A framework <see cref="RateLimiter"/> that grants a permit when the accepted submissions of its partition leave
/// room, and consumes nothing itself: the page records the submission once it was accepted
/// (<see cref="AcceptedSubmissions.Record"/>). Chained behind a one-at-a-time concurrency limiter, so two forms sent at
/// once by the same account are checked one after the other.
/// </summary>
public sealed class AcceptedSubmissionLimiter(AcceptedSubmissions accepted, string key, IReadOnlyList<SubmissionLimit> limits) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true, null);

    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        accepted.WaitBeforeNext(key, limits) is { } wait ? new Lease(false, wait) : Granted;

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
