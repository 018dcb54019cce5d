using Forum.Core.Escalation;

namespace Forum.Core.Complaints;

public enum TimelineEntryKind
{
    Posted,
    FirstOfficialReply,
    SolutionProposed,
    AwaitingHomeowner,
    Closed,
    Reopened,
    ReportedToHeadquarters,
    EscalatedToLeadership,
    GroupComplaintRaised,
}

/// <summary>One line of a thread's public timeline. <see cref="SincePosted"/> is set where the wait matters.</summary>
public sealed record TimelineEntry(TimelineEntryKind Kind, DateTime At, TimeSpan? SincePosted);

/// <summary>Builds the public timeline of a thread from its clocks and its event posts, oldest first.</summary>
public static class ThreadTimeline
{
    public static IReadOnlyList<TimelineEntry> Build(ThreadDetail thread, IEnumerable<PublicPost> posts, IEnumerable<EscalationRecord>? escalations = null)
    {
        var entries = new List<TimelineEntry> { new(TimelineEntryKind.Posted, thread.CreatedAt, null) };

        if (thread.FirstOfficialReplyAt is { } answered)
        {
            entries.Add(new(TimelineEntryKind.FirstOfficialReply, answered, answered - thread.CreatedAt));
        }

        if (thread.SolutionProposedAt is { } solved)
        {
            entries.Add(new(TimelineEntryKind.SolutionProposed, solved, solved - thread.CreatedAt));
        }

        foreach (var post in posts.Where(p => p.Kind == PostKind.Event && p.EventType is not null))
        {
            var kind = post.EventType switch
            {
                ThreadEventType.Reopened => TimelineEntryKind.Reopened,
                ThreadEventType.AwaitingHomeowner => TimelineEntryKind.AwaitingHomeowner,
                _ => (TimelineEntryKind?)null,
            };
            if (kind is { } k)
            {
                entries.Add(new(k, post.CreatedAt, null));
            }
        }

        foreach (var escalation in escalations ?? [])
        {
            var kind = escalation.Rung switch
            {
                EscalationRung.FirstResponse => TimelineEntryKind.ReportedToHeadquarters,
                EscalationRung.Solution => TimelineEntryKind.EscalatedToLeadership,
                _ => TimelineEntryKind.GroupComplaintRaised,
            };
            // The entry names the rule it broke; "how long since posting" would mislead for a reopened cycle.
            entries.Add(new(kind, escalation.EscalatedAt, null));
        }

        if (thread.ClosedAt is { } closed && thread.Status == ThreadStatus.Closed)
        {
            entries.Add(new(TimelineEntryKind.Closed, closed, closed - thread.CreatedAt));
        }

        return entries.OrderBy(e => e.At).ThenBy(e => e.Kind).ToList();
    }
}
