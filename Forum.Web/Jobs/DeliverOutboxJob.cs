using Forum.Core.Mail;
using Hangfire;

namespace Forum.Web.Jobs;

/// <summary>
/// Recurring (<c>Forum:Jobs:DeliveryCron</c>) and enqueued after a sweep writes mail: sends what is due in the outbox
/// and records each answer. Claims keep two nodes (or two runs) off the same message.
/// </summary>
public sealed class DeliverOutboxJob(OutboxDelivery delivery, Mail.MailOutageLog outage, ILogger<DeliverOutboxJob> logger)
{
    public const string RecurringId = "outbox-delivery";

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await delivery.DeliverDueAsync(cancellationToken);
        outage.Observe(result);
        if (result.Sent + result.Retrying + result.Failed > 0)
        {
            logger.LogInformation("Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed", result.Sent, result.Retrying, result.Failed);
        }
    }
}
