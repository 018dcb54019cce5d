using Forum.Core.Escalation;

namespace Forum.Core.Complaints;

/// <summary>What happened to a complaint. Stored by name in <c>ThreadEvents.Kind</c>; never renamed.</summary>
public enum ThreadEventKind
{
    Posted,
    Replied,
    OfficialReply,
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
    Escalated,
    AcknowledgedByHeadquarters,

    /// <summary>An act met a running deadline (<see cref="ThreadEvent.Rung"/>, <see cref="ThreadEvent.DueAt"/>), in time or late.</summary>
    ClockStopped,
}

/// <summary>
/// One act on a complaint, as recorded (DESIGN.md, "The record"): appended in the same transaction as the act, never
/// updated or deleted. Timelines, "My complaints" and lateness read these. Which fields are set depends on the kind:
/// <list type="bullet">
/// <item><see cref="Rung"/>/<see cref="DueAt"/>: for <see cref="ThreadEventKind.ClockStopped"/> (written with the act
/// that met a deadline: first official reply, solution, closing) the deadline it met; for
/// <see cref="ThreadEventKind.Escalated"/> the deadline that passed.</item>
/// <item><see cref="FromValue"/>/<see cref="ToValue"/>: ids or names before and after (moved: project ids; category:
/// category codes; assigned: user ids; status changes: status names).</item>
/// <item><see cref="Text"/>: the closing summary, the reopening reason, or the public reason a post or photo was hidden.</item>
/// </list>
/// </summary>
public sealed record ThreadEvent
{
    public long Id { get; init; }
    public required long ThreadId { get; init; }
    public required ThreadEventKind Kind { get; init; }
    public required DateTime At { get; init; }

    /// <summary>The solution cycle the act happened in (0 until the first reopening).</summary>
    public int Cycle { get; init; }

    public long? ActorId { get; init; }

    /// <summary>Homeowner, LocalStaff, HqStaff, Admin, Community or System (the sweep).</summary>
    public string? ActorRole { get; init; }

    /// <summary>The actor's public name, filled in by readers.</summary>
    public string? ActorName { get; init; }

    public long? PostId { get; init; }
    public long? PhotoId { get; init; }

    /// <summary>For merges: the other complaint.</summary>
    public long? RelatedThreadId { get; init; }

    public EscalationRung? Rung { get; init; }
    public DateTime? DueAt { get; init; }
    public string? FromValue { get; init; }
    public string? ToValue { get; init; }
    public string? Text { get; init; }
    public int? Rating { get; init; }

    /// <summary>For a stopped clock: how late it was met (negative: how early).</summary>
    public TimeSpan? Lateness => Kind == ThreadEventKind.ClockStopped && DueAt is { } due ? At - due : null;
}

/// <summary>Roles written into <see cref="ThreadEvent.ActorRole"/> besides the staff roles.</summary>
public static class EventActors
{
    public const string Homeowner = "Homeowner";
    public const string Community = "Community";
    public const string System = "System";
}

/// <summary>Reads the record of a complaint.</summary>
public interface IThreadEventReader
{
    /// <summary>The events of a thread (and of the threads merged into it), oldest first.</summary>
    Task<IReadOnlyList<ThreadEvent>> ListAsync(long threadId, CancellationToken cancellationToken = default);
}
