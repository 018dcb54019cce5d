using Forum.Core.Companies;

namespace Forum.Core.Complaints;

/// <summary>A whole complaint as the public sees it: the thread, its author's public name and its clocks.</summary>
public sealed record ThreadDetail
{
    public required long Id { get; init; }
    public string Number => ThreadNumber.Format(Id);
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required ThreadStatus Status { get; init; }
    public required string AuthorName { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? FirstOfficialReplyAt { get; init; }
    public DateTime? SolutionProposedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public DateTime? ReopenedAt { get; init; }
    public string? ResolutionSummary { get; init; }
    public required int ReplyCount { get; init; }
    public required int CoSignCount { get; init; }
    public required bool IsGroupComplaint { get; init; }
    public required bool IsLocked { get; init; }
    public required long CompanyId { get; init; }
    public long AuthorId { get; init; }
    public DateTime? ConfirmedAt { get; init; }
    public int? Rating { get; init; }
    public string? RatingComment { get; init; }
    public DateTime? AwaitingHomeownerSince { get; init; }
    public long? AssignedToId { get; init; }
    public required string CompanySlug { get; init; }
    public required LocalizedName CompanyName { get; init; }
    public required string ProjectSlug { get; init; }
    public required LocalizedName ProjectName { get; init; }
    public required string CategoryCode { get; init; }
    public required LocalizedName CategoryName { get; init; }

    /// <summary>The running deadlines the thread stored (see <see cref="ThreadSummary.ReplyDueAt"/>).</summary>
    public DateTime? ReplyDueAt { get; init; }

    public DateTime? SolutionDueAt { get; init; }

    /// <summary>The solution cycle (how many times the thread was reopened).</summary>
    public int Cycle { get; init; }

    public IReadOnlyList<Escalation.RungClock> Deadlines => Escalation.ThreadSchedule.ClocksOf(ReplyDueAt, SolutionDueAt, Cycle);
}

/// <summary>A duplicate merged into another complaint: its own text and public posts, shown on the target's page.</summary>
public sealed record MergedDuplicate(long Id, string Title, string Body, string AuthorName, DateTime CreatedAt, IReadOnlyList<PublicPost> Posts)
{
    public string Number => ThreadNumber.Format(Id);
}

/// <summary>A post as the public sees it. Internal notes never become a <see cref="PublicPost"/>.</summary>
public sealed record PublicPost
{
    public required long Id { get; init; }
    public required PostKind Kind { get; init; }
    public required string Body { get; init; }
    public required DateTime CreatedAt { get; init; }
    public string? AuthorName { get; init; }

    /// <summary>For official replies and solutions: the company the staff member answered for.</summary>
    public LocalizedName? CompanyName { get; init; }

    /// <summary>For events: what happened (<see cref="ThreadEventType"/>).</summary>
    public ThreadEventType? EventType { get; init; }

    public bool IsHidden { get; init; }
    public string? HiddenReason { get; init; }

    /// <summary>The role that hid the post (LocalStaff, HqStaff, Admin), for the public tombstone.</summary>
    public string? HiddenByRole { get; init; }

    public bool IsOfficial => Kind is PostKind.OfficialReply or PostKind.Solution;
}

/// <summary>What an event post records. Stored by name.</summary>
public enum ThreadEventType
{
    Reopened,
    AwaitingHomeowner,
}
