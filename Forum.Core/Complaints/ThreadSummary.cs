using Forum.Core.Companies;

namespace Forum.Core.Complaints;

/// <summary>One row of a thread list: what a visitor scans before opening a complaint.</summary>
public sealed record ThreadSummary
{
    public required long Id { get; init; }
    public string Number => ThreadNumber.Format(Id);
    public required string Title { get; init; }
    public required ThreadStatus Status { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required int ReplyCount { get; init; }
    public required int CoSignCount { get; init; }
    public required bool IsGroupComplaint { get; init; }
    public required bool IsLocked { get; init; }
    public required string CompanySlug { get; init; }
    public required LocalizedName CompanyName { get; init; }
    public required string ProjectSlug { get; init; }
    public required LocalizedName ProjectName { get; init; }
    public required string CategoryCode { get; init; }
    public required LocalizedName CategoryName { get; init; }

    /// <summary>The first visible photo of the opening post, for a thumbnail in lists.</summary>
    public long? PhotoId { get; init; }

    /// <summary>The running reply deadline the thread stored (null once answered or closed).</summary>
    public DateTime? ReplyDueAt { get; init; }

    /// <summary>The running solution deadline the thread stored (null once solved, closed, or while paused).</summary>
    public DateTime? SolutionDueAt { get; init; }

    /// <summary>The solution cycle (how many times the thread was reopened).</summary>
    public int Cycle { get; init; }

    /// <summary>The running deadlines, soonest first.</summary>
    public IReadOnlyList<Escalation.RungClock> Deadlines => Escalation.ThreadSchedule.ClocksOf(ReplyDueAt, SolutionDueAt, Cycle);

    /// <summary>Past a running deadline at <paramref name="now"/>.</summary>
    public bool IsOverdueAt(DateTime now) => Deadlines.Any(c => c.DueAt <= now);
}
