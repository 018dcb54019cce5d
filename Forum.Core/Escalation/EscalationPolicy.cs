using Forum.Core.Complaints;

namespace Forum.Core.Escalation;

/// <summary>A running clock: rung <see cref="Key"/> escalates at <see cref="DueAt"/> unless stopped first.</summary>
public sealed record RungClock(EscalationKey Key, DateTime DueAt)
{
    public EscalationRung Rung => Key.Rung;
}

/// <summary>A clock an act stopped: its deadline, and whether the act came after it.</summary>
public sealed record StoppedClock(EscalationKey Key, DateTime DueAt, bool Late)
{
    public EscalationRung Rung => Key.Rung;
}

/// <summary>The clock facts a thread stores (<see cref="EscalationPolicy.Schedule"/>).</summary>
public sealed record ThreadSchedule(DateTime? ReplyDueAt, DateTime? SolutionDueAt, DateTime? NextCheckAt)
{
    /// <summary>The running deadlines a thread stored, as clocks, soonest first (what pages and the console show).</summary>
    public static IReadOnlyList<RungClock> ClocksOf(DateTime? replyDueAt, DateTime? solutionDueAt, int cycle)
    {
        var clocks = new List<RungClock>(2);
        if (replyDueAt is { } reply)
        {
            clocks.Add(new RungClock(new EscalationKey(EscalationRung.FirstResponse, 0), reply));
        }

        if (solutionDueAt is { } solution)
        {
            clocks.Add(new RungClock(new EscalationKey(EscalationRung.Solution, cycle), solution));
        }

        clocks.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return clocks;
    }

    /// <summary>The earliest running deadline: a thread is overdue once it has passed.</summary>
    public DateTime? DeadlineAt => (ReplyDueAt, SolutionDueAt) switch
    {
        ({ } r, { } s) => r < s ? r : s,
        ({ } r, null) => r,
        (null, var s) => s,
    };
}

/// <summary>How a rung went for a thread.</summary>
public enum RungOutcome
{
    /// <summary>Its clock still runs and its deadline is ahead.</summary>
    Pending,

    /// <summary>Met before its deadline (or never needed).</summary>
    OnTime,

    /// <summary>Met after its deadline, or its deadline has passed and it still runs.</summary>
    Late,
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

    /// <summary>The time a rung allows from its clock's start ("no official reply within 3 h"), for the words that name it.</summary>
    public TimeSpan Allowed(EscalationRung rung) => rung == EscalationRung.FirstResponse ? Options.FirstResponse : Options.Solution;

    /// <summary>The clocks still running (not stopped, not yet escalated), soonest first.</summary>
    public IReadOnlyList<RungClock> RunningClocks(EscalationState state) =>
        Deadlines(state).Where(c => !state.Escalated.Contains(c.Key)).ToList();

    /// <summary>
    /// Every clock that runs now, whether or not it has already escalated, soonest first: what the thread shows as its
    /// deadlines and what it is late against. A clock stops with the act that meets it (first official reply,
    /// solution, closing); the solution clock is paused (absent) while the thread waits for the homeowner.
    /// </summary>
    public IReadOnlyList<RungClock> Deadlines(EscalationState state)
    {
        var clocks = new List<RungClock>();
        if (state.IsHidden)
        {
            return clocks;
        }

        if (state.FirstOfficialReplyAt is null && state.Status != ThreadStatus.Closed)
        {
            clocks.Add(new RungClock(new EscalationKey(EscalationRung.FirstResponse, 0), state.CreatedAt + Options.FirstResponse));
        }

        var solutionStart = state.ReopenedAt is { } reopened && state.ReopenCount > 0 ? reopened : state.CreatedAt;
        var solved = state.SolutionProposedAt is { } proposed && proposed >= solutionStart;
        if (!solved && !IsPaused(state) && state.Status != ThreadStatus.Closed)
        {
            clocks.Add(new RungClock(new EscalationKey(EscalationRung.Solution, state.ReopenCount), solutionStart + Options.Solution + state.SolutionPaused));
        }

        if (state.CoSignCount >= Options.GroupComplaintCoSigns && Options.GroupComplaintCoSigns > 0)
        {
            clocks.Add(new RungClock(new EscalationKey(EscalationRung.GroupComplaint, 0), state.CreatedAt));
        }

        clocks.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return clocks;
    }

    /// <summary>Waiting for the homeowner pauses the solution clock.</summary>
    public static bool IsPaused(EscalationState state) =>
        state.Status == ThreadStatus.AwaitingHomeowner || state.AwaitingHomeownerSince is not null;

    /// <summary>
    /// What a thread stores after any act (DESIGN.md, "The record"): the running deadline of each rung (null when that
    /// clock is stopped or paused), the earliest of them, and when the sweep must look at the thread next (the
    /// earliest clock that has not escalated yet; at or before now when one is due). Every reader reads these columns;
    /// none recomputes them.
    /// </summary>
    public ThreadSchedule Schedule(EscalationState state)
    {
        var deadlines = Deadlines(state);
        var reply = deadlines.FirstOrDefault(c => c.Rung == EscalationRung.FirstResponse)?.DueAt;
        var solution = deadlines.FirstOrDefault(c => c.Rung == EscalationRung.Solution)?.DueAt;
        var next = deadlines.Where(c => !state.Escalated.Contains(c.Key)).Select(c => (DateTime?)c.DueAt).FirstOrDefault();
        return new ThreadSchedule(reply, solution, next);
    }

    /// <summary>
    /// The clocks an act stopped: running before, gone after, and not merely paused or hidden. Each carries its
    /// deadline and whether the act came after it, which the thread keeps as the rung's outcome.
    /// </summary>
    public IReadOnlyList<StoppedClock> Stopped(EscalationState before, EscalationState after, DateTime now)
    {
        if (after.IsHidden)
        {
            return [];
        }

        var running = Deadlines(after).Select(c => c.Key).ToHashSet();
        return Deadlines(before)
            .Where(c => c.Rung != EscalationRung.GroupComplaint && !running.Contains(c.Key))
            .Where(c => c.Rung != EscalationRung.Solution || !IsPaused(after) || after.Status == ThreadStatus.Closed)
            .Select(c => new StoppedClock(c.Key, c.DueAt, now > c.DueAt))
            .ToList();
    }

    /// <summary>
    /// The outcomes of a thread's clocks reconstructed from its state alone, for threads stored before schedules were
    /// (migrated databases): each rung's deadline in the current cycle against the act that met it, or the closing.
    /// </summary>
    public (bool? ReplyLate, bool? SolutionLate) PastOutcomes(EscalationState state, DateTime? closedAt)
    {
        var unmet = Deadlines(state with
        {
            FirstOfficialReplyAt = null, SolutionProposedAt = null, AwaitingHomeownerSince = null, Status = ThreadStatus.Open, IsHidden = false,
        });
        var solutionStart = state.ReopenedAt is { } reopened && state.ReopenCount > 0 ? reopened : state.CreatedAt;
        var replyMet = state.FirstOfficialReplyAt ?? (state.Status == ThreadStatus.Closed ? closedAt : null);
        var solutionMet = state.SolutionProposedAt is { } proposed && proposed >= solutionStart ? proposed
            : state.Status == ThreadStatus.Closed ? closedAt : null;
        bool? Late(EscalationRung rung, DateTime? met) =>
            met is { } at && unmet.FirstOrDefault(c => c.Rung == rung) is { } clock ? at > clock.DueAt : null;
        return (Late(EscalationRung.FirstResponse, replyMet), Late(EscalationRung.Solution, solutionMet));
    }

    /// <summary>
    /// Where a rung stands for a thread, from what the thread stored: a running clock decides (late once its deadline
    /// has passed); otherwise the outcome stored when the clock last stopped.
    /// </summary>
    public static RungOutcome Outcome(DateTime? runningDueAt, bool? stoppedLate, DateTime now)
    {
        if (runningDueAt is { } due)
        {
            return due <= now ? RungOutcome.Late : RungOutcome.Pending;
        }

        return stoppedLate switch
        {
            true => RungOutcome.Late,
            false => RungOutcome.OnTime,
            null => RungOutcome.Pending,
        };
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
        var after = state.WithEscalated(Due(state, now).Select(c => c.Key));
        return RunningClocks(after).Select(c => (DateTime?)c.DueAt).FirstOrDefault();
    }

    /// <summary>
    /// When the local company is reminded that a running clock will run out (DESIGN.md, "Who is told, when"):
    /// <see cref="EscalationOptions.WarnBefore"/> before its deadline.
    /// </summary>
    public DateTime WarnAt(RungClock clock) => clock.DueAt - Options.WarnBefore;

    /// <summary>
    /// The deadlines whose reminder is due at <paramref name="now"/>: those in (From, Until]. The stored running
    /// deadlines are searched in this window, then <see cref="WarningsDue"/> decides on each thread's state; null when
    /// reminders are off.
    /// </summary>
    public (DateTime From, DateTime Until)? WarningWindow(DateTime now) =>
        Options.WarnBefore > TimeSpan.Zero ? (now, now + Options.WarnBefore) : null;

    /// <summary>
    /// The clocks to remind about now: still running (not met, not paused, not escalated), past their warning time and
    /// not yet past their deadline (then the escalation speaks instead), and not reminded in this cycle yet. A group
    /// complaint has no warning: it escalates at once.
    /// </summary>
    public IReadOnlyList<RungClock> WarningsDue(EscalationState state, DateTime now, IReadOnlySet<EscalationKey> warned) =>
        Options.WarnBefore <= TimeSpan.Zero
            ? []
            : RunningClocks(state)
                .Where(c => c.Rung != EscalationRung.GroupComplaint && WarnAt(c) <= now && now < c.DueAt && !warned.Contains(c.Key))
                .ToList();

    /// <summary>Who is reminded before each rung: the local company, whose deadline it is (its head too before the leadership rung).</summary>
    public static IReadOnlyList<RecipientGroup> WarningRecipientsOf(EscalationRung rung) => rung switch
    {
        EscalationRung.FirstResponse => [new(RecipientScope.ThreadCompany, RecipientRole.CustomerRelations)],
        EscalationRung.Solution =>
        [
            new(RecipientScope.ThreadCompany, RecipientRole.CustomerRelations),
            new(RecipientScope.ThreadCompany, RecipientRole.CompanyHead),
        ],
        _ => [],
    };

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
