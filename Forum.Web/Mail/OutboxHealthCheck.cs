using Forum.Core.Mail;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.Web.Mail;

/// <summary>
/// <c>/healthz</c> says "degraded" while the oldest message not yet accepted is older than
/// <see cref="OutboxAlarm.StuckAfter"/>: mail is stuck (SMTP down, or refusing), though the site itself still serves.
/// </summary>
public sealed class OutboxHealthCheck(IOutboxMonitor monitor, TimeProvider timeProvider) : IHealthCheck
{
    public const string Name = "outbox";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var alarm = await monitor.GetAlarmAsync(now, cancellationToken);
        return alarm.OldestPendingAt is { } oldest && oldest <= OutboxAlarm.StuckBefore(now)
            ? HealthCheckResult.Degraded($"the oldest unsent message has waited since {oldest:u}")
            : HealthCheckResult.Healthy();
    }
}
