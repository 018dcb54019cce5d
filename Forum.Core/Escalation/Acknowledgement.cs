namespace Forum.Core.Escalation;

/// <summary>What a signed "received" link names: the escalation (thread, rung, cycle) and the HQ recipient it was sent to.</summary>
public sealed record AcknowledgementRequest(long ThreadId, EscalationRung Rung, int Cycle, long RecipientId)
{
    public EscalationKey Key => new(Rung, Cycle);
}

/// <summary>An escalation as its acknowledgement page shows it; <see cref="AcknowledgedAt"/> is set once anyone at HQ acknowledged it.</summary>
public sealed record AcknowledgementView(long ThreadId, string Title, EscalationRung Rung, int Cycle, string RecipientName, DateTime? AcknowledgedAt)
{
    public string Number => Complaints.ThreadNumber.Format(ThreadId);
}

public enum AcknowledgeOutcome
{
    Acknowledged,

    /// <summary>Someone at HQ had acknowledged this escalation before: nothing new is recorded.</summary>
    AlreadyAcknowledged,

    /// <summary>No such escalation, or the recipient is not (or no longer) one of HQ's.</summary>
    NotFound,
}

/// <summary>
/// Headquarters acknowledging an escalation (DESIGN.md, "HQ may acknowledge from the mail"): once per escalation, the
/// <c>AcknowledgedByHeadquarters</c> event and its audit row written in one transaction; a unique key decides a race.
/// </summary>
public interface IAcknowledgementRepository
{
    Task<AcknowledgementView?> FindAsync(AcknowledgementRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records the acknowledgement at <paramref name="now"/>; returns the outcome and when it was (first) acknowledged.</summary>
    Task<(AcknowledgeOutcome Outcome, DateTime? At)> AcknowledgeAsync(AcknowledgementRequest request, DateTime now, CancellationToken cancellationToken = default);
}
