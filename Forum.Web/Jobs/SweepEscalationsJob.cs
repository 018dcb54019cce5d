using Forum.Core.Escalation;
using Hangfire;

namespace Forum.Web.Jobs;

/// <summary>
/// Recurring (<c>Forum:Escalation:SweepCron</c>): escalates every thread whose rung is due, then starts a delivery
/// at once if it wrote mail. Safe to run twice or on several nodes: the database's unique key decides.
/// </summary>
public sealed class SweepEscalationsJob(EscalationSweeper sweeper, IBackgroundJobClient jobs, Moderation.QueueChanges changes, ILogger<SweepEscalationsJob> logger)
{
    public const string RecurringId = "escalation-sweep";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await sweeper.SweepAsync(cancellationToken);
        if (result.Escalations > 0)
        {
            logger.LogInformation("Sweep escalated {Escalations} rung(s) on {Threads} thread(s), {Messages} message(s) queued",
                result.Escalations, result.ThreadsExamined, result.Messages);
        }

        foreach (var failure in result.Failures ?? [])
        {
            logger.LogError(failure.Error, "Could not escalate thread {ThreadId}; it is retried in {Delay}", failure.ThreadId, EscalationSweeper.RetryFailedThreadAfter);
        }

        if (result.Escalations > 0)
        {
            changes.Notify();
        }

        if (result.Messages > 0)
        {
            jobs.Enqueue<DeliverOutboxJob>(job => job.RunAsync(CancellationToken.None));
        }
    }
}
