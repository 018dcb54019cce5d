using Forum.Core.Complaints;

namespace Forum.Core.Escalation;

/// <summary>What the ladder needs to know about a thread: its clocks and what has already been escalated.</summary>
public sealed record EscalationState
{
    public required DateTime CreatedAt { get; init; }
    public required ThreadStatus Status { get; init; }
    public DateTime? FirstOfficialReplyAt { get; init; }
    public DateTime? SolutionProposedAt { get; init; }
    public DateTime? ReopenedAt { get; init; }

    /// <summary>How many times the homeowner reopened the thread: the current solution cycle.</summary>
    public int ReopenCount { get; init; }

    /// <summary>Set while the thread waits for the homeowner: the solution clock is paused from then.</summary>
    public DateTime? AwaitingHomeownerSince { get; init; }

    /// <summary>Time already spent waiting for the homeowner in this cycle (added to the solution deadline).</summary>
    public TimeSpan SolutionPaused { get; init; }

    public int CoSignCount { get; init; }
    public bool IsHidden { get; init; }
    public IReadOnlySet<EscalationKey> Escalated { get; init; } = new HashSet<EscalationKey>();

    /// <summary>The state once <paramref name="keys"/> have escalated too.</summary>
    public EscalationState WithEscalated(IEnumerable<EscalationKey> keys) => this with { Escalated = Escalated.Concat(keys).ToHashSet() };
}
