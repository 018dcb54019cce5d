using System.Diagnostics;
using Forum.Core.Escalation;
using Forum.Core.Mail;

namespace Forum.Web.Operations;

/// <summary>Counts each escalation the repository writes, by rung, and logs it with the complaint's number.</summary>
public sealed class MeteredEscalationRepository(IEscalationRepository inner, ForumMetrics metrics, ILogger<MeteredEscalationRepository> logger) : IEscalationRepository
{
    public Task<IReadOnlyList<long>> ListDueThreadIdsAsync(DateTime now, int max, CancellationToken cancellationToken = default) =>
        inner.ListDueThreadIdsAsync(now, max, cancellationToken);

    /// <summary>A batch with more escalations than this is logged as one line (each escalation at Debug).</summary>
    public const int EscalationsLoggedOneByOne = 20;

    public async Task<IReadOnlyList<EscalationRecord>> EscalateAsync(long threadId, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default) =>
        Meter(await inner.EscalateAsync(threadId, now, policy, composer, cancellationToken), LogLevel.Information);

    /// <summary>
    /// A usual sweep's few escalations are logged one by one with their complaint's number; a backlog's thousands
    /// would flood the log (and wait on the console's queue), so a large batch is one line, each escalation at Debug.
    /// </summary>
    public async Task<IReadOnlyList<EscalationRecord>> EscalateBatchAsync(IReadOnlyList<long> threadIds, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default)
    {
        var written = await inner.EscalateBatchAsync(threadIds, now, policy, composer, cancellationToken);
        Meter(written, written.Count <= EscalationsLoggedOneByOne ? LogLevel.Information : LogLevel.Debug);
        if (written.Count > EscalationsLoggedOneByOne)
        {
            logger.LogInformation("Escalated {Escalations} rung(s) on {Threads} of {Examined} complaint(s) looked at, {Messages} message(s) queued",
                written.Count, written.Select(e => e.ThreadId).Distinct().Count(), threadIds.Count, written.Sum(e => e.RecipientCount));
        }

        return written;
    }

    private IReadOnlyList<EscalationRecord> Meter(IReadOnlyList<EscalationRecord> written, LogLevel level)
    {
        var logged = logger.IsEnabled(level);
        foreach (var escalation in written)
        {
            metrics.Escalated(escalation.Rung);
            if (logged)
            {
                logger.Log(level, "Complaint {ThreadNumber} escalated: {Rung}, cycle {Cycle}, {RecipientCount} recipient(s)",
                    Forum.Core.Complaints.ThreadNumber.Format(escalation.ThreadId), escalation.Rung, escalation.Cycle, escalation.RecipientCount);
            }
        }

        return written;
    }

    public Task PostponeAsync(long threadId, DateTime until, CancellationToken cancellationToken = default) =>
        inner.PostponeAsync(threadId, until, cancellationToken);

    public Task<IReadOnlyList<EscalationRecord>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default) =>
        inner.ListForThreadAsync(threadId, cancellationToken);

    public Task<EscalationState?> FindStateAsync(long threadId, CancellationToken cancellationToken = default) =>
        inner.FindStateAsync(threadId, cancellationToken);

    public Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long companyId, CancellationToken cancellationToken = default) =>
        inner.ListRecipientsAsync(companyId, cancellationToken);

    public Task<int> StoreMissingSchedulesAsync(EscalationPolicy policy, DateTime now, CancellationToken cancellationToken = default) =>
        inner.StoreMissingSchedulesAsync(policy, now, cancellationToken);
}

/// <summary>Times each hand-off to the mail server, and the wait from the outbox to acceptance.</summary>
public sealed class MeteredMailTransport(IMailTransport inner, ForumMetrics metrics, TimeProvider time) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default) =>
        new Session(await inner.OpenAsync(cancellationToken), metrics, time);

    private sealed class Session(IMailSession inner, ForumMetrics metrics, TimeProvider time) : IMailSession
    {
        public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken = default)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await inner.SendAsync(message, cancellationToken);
            metrics.MailDelivered(Stopwatch.GetElapsedTime(started), result.Outcome.ToString());
            if (result.Outcome == SendOutcome.Accepted)
            {
                metrics.MailAccepted(time.GetUtcNow().UtcDateTime - message.CreatedAt);
            }

            return result;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
