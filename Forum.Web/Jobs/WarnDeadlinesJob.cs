using Forum.Core.Escalation;
using Hangfire;

namespace Forum.Web.Jobs;

/// <summary>
/// Recurring, with the sweep (<c>Forum:Escalation:SweepCron</c>): reminds the local company of the deadlines that
/// will run out within <c>Forum:Escalation:WarnBefore</c>, once per rung and cycle, then starts a delivery if it
/// wrote mail. Safe to run twice or on several nodes: the database's unique key decides.
/// </summary>
public sealed class WarnDeadlinesJob(EscalationWarner warner, IBackgroundJobClient jobs, ILogger<WarnDeadlinesJob> logger)
{
    public const string RecurringId = "escalation-warnings";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await warner.WarnAsync(cancellationToken);
        if (result.Warnings > 0)
        {
            logger.LogInformation("Reminded the local company of {Warnings} deadline(s), {Messages} message(s) queued", result.Warnings, result.Messages);
            jobs.Enqueue<DeliverOutboxJob>(job => job.RunAsync(CancellationToken.None));
        }

        foreach (var failure in result.Failures)
        {
            logger.LogError(failure.Error, "Could not remind about thread {ThreadId}; the next run tries again", failure.ThreadId);
        }
    }
}
