using Forum.Core.Complaints;
using Forum.Core.Escalation;

namespace Forum.Tests.Core.Escalation;

/// <summary>When the policy says a reminder is due: the pure rule, no database.</summary>
public class EscalationWarningPolicyTests
{
    private static readonly DateTime Posted = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

    private static EscalationState Open(DateTime? answeredAt = null) => new() { CreatedAt = Posted, Status = ThreadStatus.Open, FirstOfficialReplyAt = answeredAt };

    private static readonly HashSet<EscalationKey> None = [];

    [Fact]
    public void WarningsDue_FromWarnAtUntilTheDeadline_ThenTheEscalationSpeaks()
    {
        var policy = new EscalationPolicy(new EscalationOptions());

        Assert.Empty(policy.WarningsDue(Open(), Posted.AddHours(2).AddSeconds(-1), None));
        Assert.Equal([new EscalationKey(EscalationRung.FirstResponse, 0)], policy.WarningsDue(Open(), Posted.AddHours(2), None).Select(c => c.Key));
        Assert.Empty(policy.WarningsDue(Open(), Posted.AddHours(3), None));
        Assert.Equal(Posted.AddHours(11), policy.WarnAt(policy.Deadlines(Open()).Single(c => c.Rung == EscalationRung.Solution)));
    }

    [Fact]
    public void WarningsDue_AlreadyWarnedMetPausedOrOff_Nothing()
    {
        var policy = new EscalationPolicy(new EscalationOptions());
        var off = new EscalationPolicy(new EscalationOptions { WarnBefore = TimeSpan.Zero });
        var paused = Open(Posted.AddMinutes(5)) with { Status = ThreadStatus.AwaitingHomeowner, AwaitingHomeownerSince = Posted.AddHours(1) };

        Assert.Empty(policy.WarningsDue(Open(), Posted.AddHours(2.5), new HashSet<EscalationKey> { new(EscalationRung.FirstResponse, 0) }));
        Assert.Empty(policy.WarningsDue(Open(Posted.AddHours(1)), Posted.AddHours(2.5), None));
        Assert.Empty(policy.WarningsDue(paused, Posted.AddHours(11.5), None));
        Assert.Empty(off.WarningsDue(Open(), Posted.AddHours(2.5), None));
        Assert.Null(off.WarningWindow(Posted));
        Assert.Equal((Posted, Posted.AddHours(1)), policy.WarningWindow(Posted));
    }
}
