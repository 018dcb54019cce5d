using Forum.Core.Mail;

namespace Forum.Web.Mail;

/// <summary>
/// Says "SMTP unreachable" once per outage, as a warning, and "reachable again" when a message is answered again, so
/// a 2-minute outage leaves one line at each end instead of silence (or a line every minute). One per node.
/// </summary>
public sealed class MailOutageLog(ILogger<MailOutageLog> logger)
{
    private int _down;

    public bool IsDown => Volatile.Read(ref _down) == 1;

    public void Observe(OutboxDelivery.Result result)
    {
        if (result.Unreachable is { } reason)
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
            {
                logger.LogWarning("SMTP unreachable: {Reason}. Mail waits in the outbox and is tried again every minute.", reason);
            }
        }
        else if (result.Sent + result.Retrying + result.Failed > 0 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            // Only an answer about a message proves the server is back; a run with nothing to send proves nothing.
            logger.LogInformation("SMTP reachable again: {Sent} message(s) sent", result.Sent);
        }
    }
}
