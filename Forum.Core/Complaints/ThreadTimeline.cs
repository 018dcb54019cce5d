using Forum.Core.Escalation;

namespace Forum.Core.Complaints;

public enum TimelineEntryKind
{
    Posted,
    FirstOfficialReply,
    SolutionProposed,
    AwaitingHomeowner,
    Resumed,
    Closed,
    Reopened,
    Rated,
    MergedInto,
    MergedFrom,
    Moved,
    CategoryChanged,
    Assigned,
    PostHidden,
    PostRestored,
    PhotoHidden,
    Locked,
    Unlocked,
    ReportedToHeadquarters,
    EscalatedToLeadership,
    GroupComplaintRaised,
    AcknowledgedByHeadquarters,
}

/// <summary>
/// One line of a thread's timeline, read from its <see cref="Event"/>. <see cref="SincePosted"/> is set where the wait
/// matters; <see cref="Late"/> is how late the act met its deadline (negative: in time), from the stored
/// <see cref="ThreadEventKind.ClockStopped"/> event; for escalations <see cref="DueAt"/> is when the deadline passed.
/// </summary>
public sealed record TimelineEntry(TimelineEntryKind Kind, DateTime At, TimeSpan? SincePosted)
{
    public ThreadEvent? Event { get; init; }
    public TimeSpan? Late { get; init; }
    public DateTime? DueAt { get; init; }
    public int Cycle => Event?.Cycle ?? 0;

    /// <summary>For escalations: whether each audience has been told yet, from the outbox (<see cref="EscalationNotices"/>).</summary>
    public IReadOnlyList<AudienceNotice> Notices { get; init; } = [];
}

/// <summary>
/// Builds a thread's timeline from its events (DESIGN.md, "The record"), oldest first. Nothing is removed by later
/// acts: a reopening adds a cycle and the earlier closing, its summary and its rating stay.
/// </summary>
public static class ThreadTimeline
{
    /// <summary>Kinds only staff see (who was given the thread).</summary>
    private static readonly HashSet<TimelineEntryKind> StaffOnly = [TimelineEntryKind.Assigned];

    /// <param name="deliveries">
    /// The outbox rows of the thread's escalations: an escalation says an audience was told only once its mail was
    /// accepted. Without them every escalation reads as still being reported.
    /// </param>
    public static IReadOnlyList<TimelineEntry> Build(
        ThreadDetail thread, IEnumerable<ThreadEvent> events, bool forStaff = false, IReadOnlyList<EscalationDelivery>? deliveries = null)
    {
        var own = events.Where(e => e.ThreadId == thread.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        var stops = own.Where(e => e.Kind == ThreadEventKind.ClockStopped).ToList();
        var cycleStarts = own.Where(e => e.Kind == ThreadEventKind.Reopened).ToDictionary(e => e.Cycle, e => e.At);
        var answered = false;
        var entries = new List<TimelineEntry>();
        foreach (var e in own)
        {
            TimeSpan? Since() => e.At - (e.Cycle > 0 && cycleStarts.TryGetValue(e.Cycle, out var start) ? start : thread.CreatedAt);
            TimeSpan? LateFor(EscalationRung rung) =>
                stops.FirstOrDefault(s => s.Rung == rung && s.At == e.At && (s.PostId is null || s.PostId == e.PostId))?.Lateness;

            TimelineEntry? entry = e.Kind switch
            {
                ThreadEventKind.Posted => new(TimelineEntryKind.Posted, e.At, null),
                ThreadEventKind.OfficialReply or ThreadEventKind.SolutionProposed when !answered =>
                    new(TimelineEntryKind.FirstOfficialReply, e.At, e.At - thread.CreatedAt) { Late = LateFor(EscalationRung.FirstResponse) },
                _ => null,
            };
            if (entry is not null)
            {
                answered |= e.Kind is ThreadEventKind.OfficialReply or ThreadEventKind.SolutionProposed;
                entries.Add(entry with { Event = e });
                if (e.Kind != ThreadEventKind.SolutionProposed)
                {
                    continue;
                }
            }

            entry = e.Kind switch
            {
                ThreadEventKind.SolutionProposed => new(TimelineEntryKind.SolutionProposed, e.At, Since()) { Late = LateFor(EscalationRung.Solution) },
                ThreadEventKind.AwaitingHomeowner => new(TimelineEntryKind.AwaitingHomeowner, e.At, null),
                ThreadEventKind.Resumed => new(TimelineEntryKind.Resumed, e.At, null),
                ThreadEventKind.Closed => new(TimelineEntryKind.Closed, e.At, Since()) { Late = LateFor(EscalationRung.Solution) },
                ThreadEventKind.Reopened => new(TimelineEntryKind.Reopened, e.At, null),
                ThreadEventKind.Rated => new(TimelineEntryKind.Rated, e.At, null),
                ThreadEventKind.MergedInto => new(TimelineEntryKind.MergedInto, e.At, null),
                ThreadEventKind.MergedFrom => new(TimelineEntryKind.MergedFrom, e.At, null),
                ThreadEventKind.Moved => new(TimelineEntryKind.Moved, e.At, null),
                ThreadEventKind.CategoryChanged => new(TimelineEntryKind.CategoryChanged, e.At, null),
                ThreadEventKind.Assigned => new(TimelineEntryKind.Assigned, e.At, null),
                ThreadEventKind.PostHidden => new(TimelineEntryKind.PostHidden, e.At, null),
                ThreadEventKind.PostRestored => new(TimelineEntryKind.PostRestored, e.At, null),
                ThreadEventKind.PhotoHidden => new(TimelineEntryKind.PhotoHidden, e.At, null),
                ThreadEventKind.Locked => new(TimelineEntryKind.Locked, e.At, null),
                ThreadEventKind.Unlocked => new(TimelineEntryKind.Unlocked, e.At, null),
                ThreadEventKind.AcknowledgedByHeadquarters => new(TimelineEntryKind.AcknowledgedByHeadquarters, e.At, null),
                ThreadEventKind.Escalated => new(e.Rung switch
                {
                    EscalationRung.FirstResponse => TimelineEntryKind.ReportedToHeadquarters,
                    EscalationRung.Solution => TimelineEntryKind.EscalatedToLeadership,
                    _ => TimelineEntryKind.GroupComplaintRaised,
                }, e.At, null)
                {
                    DueAt = e.DueAt,
                    Notices = e.Rung is { } rung ? EscalationNotices.Of(new EscalationKey(rung, e.Cycle), deliveries ?? []) : [],
                },
                _ => null,
            };
            if (entry is not null && (forStaff || !StaffOnly.Contains(entry.Kind)))
            {
                entries.Add(entry with { Event = e });
            }
        }

        return entries;
    }
}

/// <summary>
/// One deadline of the current cycle as the thread page shows it, running or met, kept after it passes.
/// <see cref="ReportedAt"/> is when headquarters' mail about it was accepted; <see cref="Escalated"/> says it was
/// escalated at all; <see cref="Reporting"/> that a mail to headquarters waits to be accepted ("reporting…" until it
/// is). An escalation with no mail to HQ at all (none configured, or recorded history) claims neither.
/// </summary>
public sealed record DeadlineLine(EscalationRung Rung, int Cycle, DateTime DueAt, DateTime? MetAt, DateTime? ReportedAt)
{
    public bool Escalated { get; init; }

    public bool Reporting { get; init; }

    /// <summary>How late it was met (negative: early); null while it runs.</summary>
    public TimeSpan? Lateness => MetAt - DueAt;
}

/// <summary>
/// The deadline box of a thread: each rung of the current cycle, from the running deadlines the thread stored and
/// the <see cref="ThreadEventKind.ClockStopped"/> events of the deadlines already met. Nothing is recomputed.
/// </summary>
public static class ThreadDeadlines
{
    public static IReadOnlyList<DeadlineLine> Build(ThreadDetail thread, IEnumerable<ThreadEvent> events, IReadOnlyList<EscalationDelivery>? deliveries = null)
    {
        var list = events.Where(e => e.ThreadId == thread.Id).ToList();
        bool Escalated(EscalationRung rung, int cycle) =>
            list.Any(e => e.Kind == ThreadEventKind.Escalated && e.Rung == rung && e.Cycle == cycle);
        DateTime? Reported(EscalationRung rung, int cycle) =>
            Escalated(rung, cycle) ? EscalationNotices.HeadquartersToldAt(new EscalationKey(rung, cycle), deliveries ?? []) : null;
        bool Reporting(EscalationRung rung, int cycle) =>
            Escalated(rung, cycle) && EscalationNotices.HeadquartersState(new EscalationKey(rung, cycle), deliveries ?? []) == NoticeState.Telling;
        DeadlineLine Line(EscalationRung rung, int cycle, DateTime dueAt, DateTime? metAt) =>
            new(rung, cycle, dueAt, metAt, Reported(rung, cycle)) { Escalated = Escalated(rung, cycle), Reporting = Reporting(rung, cycle) };

        var lines = thread.Deadlines
            .Select(c => Line(c.Rung, c.Key.Cycle, c.DueAt, null))
            .ToList();
        foreach (var stop in list.Where(e => e.Kind == ThreadEventKind.ClockStopped && e.Rung is not null && e.DueAt is not null))
        {
            var current = stop.Rung == EscalationRung.FirstResponse || stop.Cycle == thread.Cycle;
            if (current && lines.All(l => l.Rung != stop.Rung))
            {
                lines.Add(Line(stop.Rung!.Value, stop.Cycle, stop.DueAt!.Value, stop.At));
            }
        }

        return lines.OrderBy(l => l.Rung).ToList();
    }
}
