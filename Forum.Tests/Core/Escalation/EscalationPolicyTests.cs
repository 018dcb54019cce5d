using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Core.Escalation;

public class EscalationPolicyTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly EscalationPolicy Policy = new(new EscalationOptions());

    private readonly FakeTimeProvider _time = new(Posted);

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private static EscalationState Open(params EscalationKey[] escalated) => new()
    {
        CreatedAt = Posted.UtcDateTime,
        Status = ThreadStatus.Open,
        Escalated = escalated.ToHashSet(),
    };

    private static IEnumerable<EscalationRung> Rungs(IEnumerable<RungClock> clocks) => clocks.Select(c => c.Rung);

    [Fact]
    public void AnsweredAt2h59_NoRung1At3h()
    {
        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(59));
        var state = Open() with { Status = ThreadStatus.Answered, FirstOfficialReplyAt = Now };

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.DoesNotContain(EscalationRung.FirstResponse, Rungs(Policy.Due(state, Now)));
        Assert.Equal([EscalationRung.Solution], Rungs(Policy.RunningClocks(state)));
    }

    [Fact]
    public void UnansweredAt2h59_NothingDueYet()
    {
        _time.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));

        Assert.Empty(Policy.Due(Open(), Now));
    }

    [Fact]
    public void UnansweredAt3h_Rung1DueOnce()
    {
        _time.Advance(TimeSpan.FromHours(3));

        var due = Assert.Single(Policy.Due(Open(), Now));
        Assert.Equal(new EscalationKey(EscalationRung.FirstResponse, 0), due.Key);
        Assert.Equal(Posted.UtcDateTime.AddHours(3), due.DueAt);

        // Once escalated, the same rung is never due again, however late the next sweep runs.
        _time.Advance(TimeSpan.FromHours(5));
        Assert.DoesNotContain(EscalationRung.FirstResponse, Rungs(Policy.Due(Open(due.Key), Now)));
    }

    [Fact]
    public void AnsweredButNoSolutionAt12h_Rung2Due()
    {
        var state = Open(new EscalationKey(EscalationRung.FirstResponse, 0)) with
        {
            Status = ThreadStatus.Answered,
            FirstOfficialReplyAt = Posted.UtcDateTime.AddHours(4),
        };

        _time.Advance(TimeSpan.FromHours(12));

        var due = Assert.Single(Policy.Due(state, Now));
        Assert.Equal(new EscalationKey(EscalationRung.Solution, 0), due.Key);
    }

    [Fact]
    public void UnansweredAt12h_BothRungsDueTogether()
    {
        _time.Advance(TimeSpan.FromHours(13));

        Assert.Equal([EscalationRung.FirstResponse, EscalationRung.Solution], Rungs(Policy.Due(Open(), Now)));
    }

    [Fact]
    public void SolutionProposedInTime_NoRung2()
    {
        var state = Open() with
        {
            Status = ThreadStatus.SolutionProposed,
            FirstOfficialReplyAt = Posted.UtcDateTime.AddHours(1),
            SolutionProposedAt = Posted.UtcDateTime.AddHours(11),
        };

        _time.Advance(TimeSpan.FromDays(3));

        Assert.Empty(Policy.Due(state, Now));
        Assert.Null(Policy.NextCheckAt(state, Now));
    }

    [Fact]
    public void Closed_Nothing()
    {
        var state = Open() with { Status = ThreadStatus.Closed };

        _time.Advance(TimeSpan.FromDays(30));

        Assert.Empty(Policy.RunningClocks(state));
        Assert.Null(Policy.NextCheckAt(state, Now));
    }

    [Fact]
    public void Hidden_Nothing()
    {
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Empty(Policy.Due(Open() with { IsHidden = true, CoSignCount = 50 }, Now));
    }

    [Fact]
    public void Reopened_NewSolutionDeadlineInANewCycle()
    {
        var reopenedAt = Posted.UtcDateTime.AddDays(3);
        var state = Open(new EscalationKey(EscalationRung.Solution, 0)) with
        {
            Status = ThreadStatus.Reopened,
            FirstOfficialReplyAt = Posted.UtcDateTime.AddHours(1),
            SolutionProposedAt = Posted.UtcDateTime.AddHours(20),
            ReopenedAt = reopenedAt,
            ReopenCount = 1,
        };
        _time.SetUtcNow(reopenedAt.AddHours(11).AddMinutes(59));

        var clock = Assert.Single(Policy.RunningClocks(state));
        Assert.Equal(new EscalationKey(EscalationRung.Solution, 1), clock.Key);
        Assert.Equal(reopenedAt.AddHours(12), clock.DueAt);
        Assert.Empty(Policy.Due(state, Now));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new EscalationKey(EscalationRung.Solution, 1), Assert.Single(Policy.Due(state, Now)).Key);
    }

    [Fact]
    public void AwaitingHomeowner_PausesTheSolutionClock_AndThePauseIsAddedAfter()
    {
        var answered = Open() with { Status = ThreadStatus.Answered, FirstOfficialReplyAt = Posted.UtcDateTime.AddHours(1) };
        var waiting = answered with { Status = ThreadStatus.AwaitingHomeowner, AwaitingHomeownerSince = Posted.UtcDateTime.AddHours(2) };

        _time.Advance(TimeSpan.FromHours(20));
        Assert.Empty(Policy.Due(waiting, Now));

        var resumed = answered with { SolutionPaused = TimeSpan.FromHours(10) };
        Assert.Equal(Posted.UtcDateTime.AddHours(22), Assert.Single(Policy.RunningClocks(resumed)).DueAt);
        Assert.Empty(Policy.Due(resumed, Now));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(25, true)]
    public void GroupComplaint_DueAtOnceWhenCoSignsReachTheThreshold(int coSigns, bool due)
    {
        var state = Open() with { Status = ThreadStatus.Answered, FirstOfficialReplyAt = Posted.UtcDateTime.AddMinutes(5), CoSignCount = coSigns };
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(due, Policy.Due(state, Now).Any(c => c.Rung == EscalationRung.GroupComplaint));
        Assert.DoesNotContain(
            Policy.Due(state with { Escalated = new HashSet<EscalationKey> { new(EscalationRung.GroupComplaint, 0) } }, Now),
            c => c.Rung == EscalationRung.GroupComplaint);
    }

    [Fact]
    public void ConfiguredDurations_AreUsed()
    {
        var policy = new EscalationPolicy(new EscalationOptions { FirstResponse = TimeSpan.FromSeconds(3), Solution = TimeSpan.FromSeconds(8) });

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal([EscalationRung.FirstResponse], Rungs(policy.Due(Open(), Now)));
        Assert.Equal(Posted.UtcDateTime.AddSeconds(8), policy.NextCheckAt(Open(), Now));
    }

    [Fact]
    public void NextCheckAt_IsTheEarliestRunningDeadline()
    {
        Assert.Equal(Posted.UtcDateTime.AddHours(3), Policy.NextCheckAt(Open(), Now));

        _time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(Posted.UtcDateTime.AddHours(12), Policy.NextCheckAt(Open(), Now));
    }

    [Fact]
    public void Recipients_FollowTheLadder()
    {
        Assert.Equal(
            [new RecipientGroup(RecipientScope.ThreadCompany, RecipientRole.CustomerRelations), new RecipientGroup(RecipientScope.Headquarters, RecipientRole.CustomerRelations)],
            EscalationPolicy.RecipientsOf(EscalationRung.FirstResponse));
        Assert.Contains(new RecipientGroup(RecipientScope.Headquarters, RecipientRole.Executive), EscalationPolicy.RecipientsOf(EscalationRung.Solution));
        Assert.Contains(new RecipientGroup(RecipientScope.ThreadCompany, RecipientRole.CompanyHead), EscalationPolicy.RecipientsOf(EscalationRung.Solution));
        Assert.DoesNotContain(new RecipientGroup(RecipientScope.Headquarters, RecipientRole.Executive), EscalationPolicy.RecipientsOf(EscalationRung.GroupComplaint));
        Assert.Contains(new RecipientGroup(RecipientScope.ThreadCompany, RecipientRole.CompanyHead), EscalationPolicy.RecipientsOf(EscalationRung.GroupComplaint));
    }
}
