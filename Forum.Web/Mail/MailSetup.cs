using Forum.Core.Mail;
using Forum.Data.Mail;

namespace Forum.Web.Mail;

/// <summary>The outbox's watchers: the alarm and its page, the health check, the outage log.</summary>
public static class MailSetup
{
    public static IServiceCollection AddForumMailMonitoring(this IServiceCollection services)
    {
        services.AddSingleton<IOutboxMonitor, OutboxMonitorRepository>();
        services.AddSingleton<MailOutageLog>();
        services.AddScoped<OutboxAdminService>();
        return services;
    }

    public static IHealthChecksBuilder AddOutboxCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<OutboxHealthCheck>(OutboxHealthCheck.Name);
}
