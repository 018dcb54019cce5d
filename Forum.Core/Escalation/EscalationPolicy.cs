using Forum.Core.Complaints;

namespace Forum.Core.Escalation;

/// <summary>A running clock: rung <see cref="Key"/> escalates at <see cref="DueAt"/> unless stopped first.</summary>
public sealed record RungClock(EscalationKey Key, DateTime DueAt)
{
    public EscalationRung Rung => Key.Rung;
}

/// <summary>
/// The escalation ladder as a pure function of a thread's state and the time (DESIGN.md, "The escalation ladder"):
/// <list type="bullet">
/// <item>Rung 1 runs from posting until the first official reply; after <see cref="EscalationOptions.FirstResponse"/> it
/// is reported to the local company's customer relations and HQ's customer relations center.</item>
/// <item>Rung 2 runs from posting (or the latest reopening) until a solution is proposed or the thread closes, paused
/// while awaiting the homeowner; after <see cref="EscalationOptions.Solution"/> it goes to HQ customer relations, the
/// company head and the executives.</item>
/// <item>A group complaint escalates as soon as co-signs reach the threshold, to HQ and the company head.</item>
/// </list>
/// Hidden threads do not escalate. Each (rung, cycle) escalates once; what was escalated is part of the state.
/// </summary>
public sealed class EscalationPolicy(EscalationOptions options)
{
    public EscalationOptions Options { get; } = options;

    /// <summary>The clocks still running (not stopped, not yet escalated), soonest first.</summary>
    public IReadOnlyList<RungClock> RunningClocks(EscalationState state)
    {
        var clocks = new List<RungClock>();
        if (state.IsHidden)
        {
            return clocks;
        }

        var firstResponse = new EscalationKey(EscalationRung.FirstResponse, 0);
        if (state.FirstOfficialReplyAt is null && state.Status != ThreadStatus.Closed && !state.Escalated.Contains(firstResponse))
        {
            clocks.Add(new RungClock(firstResponse, state.CreatedAt + Options.FirstResponse));
        }

        var solution = new EscalationKey(EscalationRung.Solution, state.ReopenCount);
        var solutionStart = state.ReopenedAt is { } reopened && state.ReopenCount > 0 ? reopened : state.CreatedAt;
        var solved = state.SolutionProposedAt is { } proposed && proposed >= solutionStart;
        var paused = state.Status == ThreadStatus.AwaitingHomeowner || state.AwaitingHomeownerSince is not null;
        if (!solved && !paused && state.Status != ThreadStatus.Closed && !state.Escalated.Contains(solution))
        {
            clocks.Add(new RungClock(solution, solutionStart + Options.Solution + state.SolutionPaused));
        }

        var group = new EscalationKey(EscalationRung.GroupComplaint, 0);
        if (state.CoSignCount >= Options.GroupComplaintCoSigns && Options.GroupComplaintCoSigns > 0 && !state.Escalated.Contains(group))
        {
            clocks.Add(new RungClock(group, state.CreatedAt));
        }

        clocks.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return clocks;
    }

    /// <summary>The rungs that must escalate now.</summary>
    public IReadOnlyList<RungClock> Due(EscalationState state, DateTime now) =>
        RunningClocks(state).Where(c => c.DueAt <= now).ToList();

    /// <summary>
    /// When the sweep should look at this thread again, assuming the rungs due now have been escalated: the earliest
    /// running deadline, or null when no clock runs. Stored as the thread's EscalationDueAt (indexed).
    /// </summary>
    public DateTime? NextCheckAt(EscalationState state, DateTime now)
    {
        var due = Due(state, now).Select(c => c.Key);
        var after = state with { Escalated = state.Escalated.Concat(due).ToHashSet() };
        return RunningClocks(after).Select(c => (DateTime?)c.DueAt).FirstOrDefault();
    }

    /// <summary>Who hears about each rung (DESIGN.md).</summary>
    public static IReadOnlyList<RecipientGroup> RecipientsOf(EscalationRung rung) => rung switch
    {
        EscalationRung.FirstResponse =>
        [
            new(RecipientScope.ThreadCompany, RecipientRole.CustomerRelations),
            new(RecipientScope.Headquarters, RecipientRole.CustomerRelations),
        ],
        EscalationRung.Solution =>
        [
            new(RecipientScope.Headquarters, RecipientRole.CustomerRelations),
            new(RecipientScope.ThreadCompany, RecipientRole.CompanyHead),
            new(RecipientScope.Headquarters, RecipientRole.Executive),
        ],
        EscalationRung.GroupComplaint =>
        [
            new(RecipientScope.Headquarters, RecipientRole.CustomerRelations),
            new(RecipientScope.ThreadCompany, RecipientRole.CompanyHead),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(rung), rung, null),
    };
}
