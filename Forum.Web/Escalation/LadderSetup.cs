using System.Threading.RateLimiting;
using Forum.Core.Escalation;
using Forum.Data.Escalation;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Forum.Web.Escalation;

/// <summary>What the ladder adds around the sweep: reminders before a deadline, the proof of who was told, HQ's acknowledgement link.</summary>
public static class LadderSetup
{
    /// <summary>Rate-limit policy of the acknowledgement page: reads and submissions, per address.</summary>
    public const string AcknowledgeRateLimit = "hq-acknowledge";

    /// <summary>Opening or submitting acknowledgement links, per address per minute (a person clicks a few).</summary>
    public const int AcknowledgementsPerAddressPerMinute = 20;

    public static IServiceCollection AddForumLadder(this IServiceCollection services)
    {
        services.AddSingleton<IEscalationNoticeReader, EscalationNoticeReader>();

        services.AddOptions<EscalationOptions>()
            .Validate(o => o.WarnBefore >= TimeSpan.Zero, "Forum:Escalation:WarnBefore must be a duration (hh:mm:ss) of zero (off) or more.");
        services.AddSingleton<IEscalationWarningRepository, EscalationWarningRepository>();
        services.AddSingleton<IEscalationWarningComposer>(sp => ActivatorUtilities.CreateInstance<EscalationMailComposer>(sp));
        services.AddSingleton<EscalationWarner>();

        // The keys are configured once with the accounts (shared folder, application name); this only makes sure the
        // protector exists where the mail composer runs without the web host's accounts (job nodes, tests).
        services.AddDataProtection();
        services.AddSingleton<AcknowledgementLinks>();
        services.AddSingleton<IAcknowledgementRepository, AcknowledgementRepository>();
        services.AddScoped<AcknowledgementService>();
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((limiter, provider) =>
        {
            var enabled = provider.GetService<RateLimitOptions>()?.Enabled ?? true;
            limiter.AddPolicy(AcknowledgeRateLimit, context => enabled
                ? RateLimitPartition.GetFixedWindowLimiter("ack:" + RateLimits.Address(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = AcknowledgementsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("off"));
        });
        return services;
    }
}
