namespace Forum.Core.Escalation;

/// <summary>
/// Runs the ladder: finds the threads due and escalates them a batch per transaction. Safe to run twice, on one node
/// or several at once: the repository's unique key makes a repeat a no-op.
/// </summary>
public sealed class EscalationSweeper(
    IEscalationRepository repository,
    EscalationPolicy policy,
    IEscalationMessageComposer composer,
    TimeProvider timeProvider)
{
    /// <summary>Threads read per query; a sweep keeps reading until nothing is due.</summary>
    public const int BatchSize = 200;

    /// <summary>A bound on one sweep, so a backlog is worked through over several runs instead of one endless one.</summary>
    public const int MaxThreadsPerSweep = 10_000;

    /// <summary>How long a thread that failed to escalate waits before the sweep tries it again.</summary>
    public static readonly TimeSpan RetryFailedThreadAfter = TimeSpan.FromMinutes(5);

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var examined = 0;
        var escalations = 0;
        var messages = 0;
        var failures = new List<SweepFailure>();
        var seen = new HashSet<long>();
        while (examined < MaxThreadsPerSweep)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var due = await repository.ListDueThreadIdsAsync(now, BatchSize, cancellationToken);
            var fresh = due.Where(seen.Add).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            examined += fresh.Count;
            IReadOnlyList<EscalationRecord> written;
            try
            {
                written = await repository.EscalateBatchAsync(fresh, now, policy, composer, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The batch is undone. One by one, the thread at fault is found and set aside, and the rest go on
                // (anything a store without batches had already written is a no-op the second time: the unique key).
                written = await EscalateOneByOneAsync(fresh, now, failures, cancellationToken);
            }

            escalations += written.Count;
            messages += written.Sum(e => e.RecipientCount);
        }

        return new SweepResult(examined, escalations, messages, failures);
    }

    private async Task<IReadOnlyList<EscalationRecord>> EscalateOneByOneAsync(
        IReadOnlyList<long> threadIds, DateTime now, List<SweepFailure> failures, CancellationToken cancellationToken)
    {
        var written = new List<EscalationRecord>();
        foreach (var threadId in threadIds)
        {
            try
            {
                written.AddRange(await repository.EscalateAsync(threadId, now, policy, composer, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One thread that cannot be escalated (bad data, a bug) must not stop the ladder for the rest.
                failures.Add(new SweepFailure(threadId, exception));
                await repository.PostponeAsync(threadId, now + RetryFailedThreadAfter, cancellationToken);
            }
        }

        return written;
    }

    /// <summary>Escalates one thread now (used right after co-signs change, so a group complaint is told at once).</summary>
    public Task<IReadOnlyList<EscalationRecord>> EscalateThreadAsync(long threadId, CancellationToken cancellationToken = default) =>
        repository.EscalateAsync(threadId, timeProvider.GetUtcNow().UtcDateTime, policy, composer, cancellationToken);
}
