using Forum.Core.Mail;

namespace Forum.Core.Escalation;

/// <summary>A reminder that went out: a rung's deadline will be missed unless the local company acts.</summary>
public sealed record WarningRecord(long ThreadId, EscalationRung Rung, int Cycle, DateTime DueAt, DateTime WarnedAt, int RecipientCount);

/// <summary>Writes the reminder mail (the web layer owns the wording); its Message-ID is fixed per thread, rung, cycle and recipient.</summary>
public interface IEscalationWarningComposer
{
    OutgoingMessage ComposeWarning(EscalationSubject subject, RungClock clock, DateTime now, Recipient recipient);
}

/// <summary>
/// The reminders' storage. "Once per rung and cycle" holds across runs and nodes as for escalations: the reminder row
/// and its outbox rows are written in one transaction, and a unique key on (thread, rung, cycle) makes a second
/// attempt a no-op.
/// </summary>
public interface IEscalationWarningRepository
{
    /// <summary>Threads with a running deadline in (<paramref name="from"/>, <paramref name="until"/>] not yet reminded about it, through indexes.</summary>
    Task<IReadOnlyList<long>> ListWarningDueThreadIdsAsync(DateTime from, DateTime until, int max, CancellationToken cancellationToken = default);

    /// <summary>Sends the reminders due on the thread now (<see cref="EscalationPolicy.WarningsDue"/>), in one transaction.</summary>
    Task<IReadOnlyList<WarningRecord>> WarnAsync(long threadId, DateTime now, EscalationPolicy policy, IEscalationWarningComposer composer, CancellationToken cancellationToken = default);
}

/// <summary>Runs the reminders: finds the threads in the policy's window and reminds each in its own transaction. Safe to run twice or on several nodes.</summary>
public sealed class EscalationWarner(IEscalationWarningRepository repository, EscalationPolicy policy, IEscalationWarningComposer composer, TimeProvider timeProvider)
{
    public const int BatchSize = 200;

    public sealed record Result(int Warnings, int Messages, IReadOnlyList<SweepFailure> Failures);

    public async Task<Result> WarnAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (policy.WarningWindow(now) is not { } window)
        {
            return new Result(0, 0, []);
        }

        int warnings = 0, messages = 0;
        var failures = new List<SweepFailure>();
        var seen = new HashSet<long>();
        while (true)
        {
            var fresh = (await repository.ListWarningDueThreadIdsAsync(window.From, window.Until, BatchSize, cancellationToken)).Where(seen.Add).ToList();
            if (fresh.Count == 0)
            {
                return new Result(warnings, messages, failures);
            }

            foreach (var threadId in fresh)
            {
                try
                {
                    var written = await repository.WarnAsync(threadId, now, policy, composer, cancellationToken);
                    warnings += written.Count;
                    messages += written.Sum(w => w.RecipientCount);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One thread that cannot be reminded must not stop the reminders of the others; the next run tries again.
                    failures.Add(new SweepFailure(threadId, exception));
                }
            }
        }
    }
}
