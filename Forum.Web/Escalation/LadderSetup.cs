using Forum.Core.Escalation;
using Forum.Data.Escalation;

namespace Forum.Web.Escalation;

/// <summary>What the ladder adds around the sweep: the proof of who was told.</summary>
public static class LadderSetup
{
    public static IServiceCollection AddForumLadder(this IServiceCollection services)
    {
        services.AddSingleton<IEscalationNoticeReader, EscalationNoticeReader>();
        return services;
    }
}
