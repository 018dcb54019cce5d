using Forum.Core.Complaints;
using Forum.Core.Escalation;

namespace Forum.Data.Demo;

/// <summary>An escalation a demo complaint had in its past: the rung, its deadline, and when the ladder fired.</summary>
internal sealed record DemoEscalation(EscalationKey Key, DateTime DueAt, DateTime EscalatedAt);

/// <summary>
/// A deadline an act of a demo complaint met, in time or late (<see cref="Clock"/>), at <see cref="At"/>; by the
/// reply at <see cref="ReplyIndex"/> in <see cref="DemoThread.Replies"/>, or by the closing when that is null.
/// </summary>
internal sealed record DemoStop(StoppedClock Clock, DateTime At, int? ReplyIndex);

/// <summary>What a demo complaint's past holds besides its posts: its escalations and the deadlines its acts met.</summary>
internal sealed record DemoPast(IReadOnlyList<DemoEscalation> Escalations, IReadOnlyList<DemoStop> Stops);

/// <summary>
/// Replays a demo complaint's acts in time order and asks <see cref="EscalationPolicy"/>, between each act, which
/// clocks ran out: those are the escalations the complaint would have had, each at the moment the ladder would have
/// fired it (its deadline; for a group complaint, the co-sign that reached the threshold). Each act also asks the
/// policy which clocks it stopped, as the writers do. Only what fell due before <c>now</c> is history; a deadline still
/// ahead is left to the sweep, which then mails it as it falls due.
/// </summary>
internal static class DemoHistory
{
    private sealed record Act(DateTime At, Func<EscalationState, EscalationState> Apply, int? ReplyIndex = null);

    /// <summary>
    /// The past of <paramref name="thread"/>, posted at <paramref name="postedAt"/>, closed, reopened and waiting for its
    /// homeowner when the seeder decided: each (rung, cycle) escalated once, oldest first.
    /// </summary>
    public static DemoPast Replay(
        EscalationPolicy policy, DemoThread thread, DateTime postedAt, DateTime? closedAt, DateTime? reopenedAt, DateTime? awaitingSince, DateTime now)
    {
        var state = new EscalationState { CreatedAt = postedAt, Status = ThreadStatus.Open };
        var escalations = new List<DemoEscalation>();
        var stops = new List<DemoStop>();
        var since = postedAt;
        foreach (var act in Acts(policy, thread, postedAt, closedAt, reopenedAt, awaitingSince).Append(new Act(now, s => s)))
        {
            // Every clock that runs out before the next act (and before now) fires, soonest first.
            while (policy.RunningClocks(state).FirstOrDefault(c => c.DueAt < act.At) is { } clock)
            {
                escalations.Add(new DemoEscalation(clock.Key, clock.DueAt, clock.DueAt > since ? clock.DueAt : since));
                state = state with { Escalated = new HashSet<EscalationKey>(state.Escalated) { clock.Key } };
            }

            var after = act.Apply(state);
            stops.AddRange(policy.Stopped(state, after, act.At).Select(c => new DemoStop(c, act.At, act.ReplyIndex)));
            state = after;
            since = act.At;
        }

        return new DemoPast(escalations, stops);
    }

    // The acts that move the clocks, as the seeder stores them: the first official reply, the first solution, the wait
    // for the homeowner, the co-sign that makes a group complaint, the closing and the reopening.
    private static IEnumerable<Act> Acts(
        EscalationPolicy policy, DemoThread thread, DateTime postedAt, DateTime? closedAt, DateTime? reopenedAt, DateTime? awaitingSince)
    {
        var acts = new List<Act>();
        var firstOfficial = Array.FindIndex(thread.Replies, r => r.Kind is PostKind.OfficialReply or PostKind.Solution);
        if (firstOfficial >= 0)
        {
            var at = postedAt + thread.Replies[firstOfficial].After;
            acts.Add(new Act(at, s => s with { FirstOfficialReplyAt = at, Status = ThreadStatus.Answered }, firstOfficial));
        }

        var firstSolution = Array.FindIndex(thread.Replies, r => r.Kind == PostKind.Solution);
        if (firstSolution >= 0)
        {
            var at = postedAt + thread.Replies[firstSolution].After;
            acts.Add(new Act(at, s => s with { SolutionProposedAt = at, Status = ThreadStatus.SolutionProposed }, firstSolution));
        }

        if (awaitingSince is { } waitFrom)
        {
            acts.Add(new Act(waitFrom, s => s with { Status = ThreadStatus.AwaitingHomeowner, AwaitingHomeownerSince = waitFrom }));
        }

        var threshold = policy.Options.GroupComplaintCoSigns;
        if (threshold > 0 && thread.CoSigns >= threshold)
        {
            // The demo stores how many co-signed, not when: they are spread over the complaint's first day.
            var span = thread.Age < TimeSpan.FromDays(1) ? thread.Age : TimeSpan.FromDays(1);
            var reachedAt = postedAt + span * threshold / (thread.CoSigns + 1);
            acts.Add(new Act(reachedAt, s => s with { CoSignCount = thread.CoSigns }));
        }

        if (closedAt is { } closed)
        {
            acts.Add(new Act(closed, s => s with { Status = ThreadStatus.Closed }));
        }

        if (reopenedAt is { } reopened)
        {
            acts.Add(new Act(reopened, s => s with { Status = ThreadStatus.Reopened, ReopenedAt = reopened, ReopenCount = s.ReopenCount + 1 }));
        }

        // Stable: an official reply that is also the first solution answers first, then proposes.
        return acts.OrderBy(a => a.At);
    }
}
