using Forum.Core.Notifications;
using Forum.Data.Notifications;

namespace Forum.Web.Notifications;

/// <summary>Who is told, when: the notifier, its storage and its wording.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddForumNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.CoalesceWindow >= TimeSpan.Zero, "Forum:Notifications:CoalesceWindow must not be negative (hh:mm:ss).")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationOptions>>().Value);
        services.AddSingleton<INotificationRepository, NotificationRepository>();
        services.AddSingleton<INotificationComposer, NotificationMailComposer>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<ISubscriptionRepository, SubscriptionRepository>();
        // Links are signed with the host's data-protection keys (AccountsSetup persists and shares them); registered
        // here too so the job harness, which has no accounts, can sign them.
        services.AddDataProtection();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddScoped<SubscriptionService>();
        return services;
    }
}
