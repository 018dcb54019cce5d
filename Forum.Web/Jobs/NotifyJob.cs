using Forum.Core.Notifications;
using Hangfire;

namespace Forum.Web.Jobs;

/// <summary>
/// Enqueued right after a complaint is posted (through <see cref="NotifySignal"/>, one pending run at a time), and recurring every minute (<c>Forum:Jobs:NotifyCron</c>) to catch
/// anything a restart dropped: writes what the notifier finds new to the outbox, then starts a delivery at once.
/// </summary>
public sealed class NotifyJob(Notifier notifier, NotifySignal signal, IBackgroundJobClient jobs, ILogger<NotifyJob> logger)
{
    public const string RecurringId = "notify";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        signal.Started();
        var result = await notifier.RunAsync(cancellationToken);
        if (result.Messages > 0)
        {
            logger.LogInformation("Notifications: {Messages} message(s) queued about {Complaints} complaint(s)", result.Messages, result.Complaints);
            jobs.Enqueue<DeliverOutboxJob>(job => job.RunAsync(CancellationToken.None));
        }
    }
}
