namespace Forum.Core.Escalation;

/// <summary>The rungs of the escalation ladder (DESIGN.md). Stored by name.</summary>
public enum EscalationRung
{
    /// <summary>Rung 1: no official reply within <see cref="EscalationOptions.FirstResponse"/> (3 h): reported to HQ.</summary>
    FirstResponse,

    /// <summary>Rung 2: no solution within <see cref="EscalationOptions.Solution"/> (12 h): HQ leadership.</summary>
    Solution,

    /// <summary>Co-signs reached <see cref="EscalationOptions.GroupComplaintCoSigns"/>: HQ and the company head, at once.</summary>
    GroupComplaint,
}

/// <summary>
/// One escalation of a thread. A rung escalates at most once per <paramref name="Cycle"/>: cycle 0 is the thread as
/// posted; each reopening starts a new cycle with a new solution deadline. The database enforces it with a unique key.
/// </summary>
public readonly record struct EscalationKey(EscalationRung Rung, int Cycle);

/// <summary>Who is told, as roles; the recipients table turns them into people.</summary>
public enum RecipientRole
{
    /// <summary>Customer-relations staff: of the local company, or HQ's customer relations center.</summary>
    CustomerRelations,

    /// <summary>The local company's head (principal leader).</summary>
    CompanyHead,

    /// <summary>HQ executives (configured in the recipients table).</summary>
    Executive,
}

/// <summary>Whose recipients: the thread's own local company, or headquarters.</summary>
public enum RecipientScope
{
    ThreadCompany,
    Headquarters,
}

public readonly record struct RecipientGroup(RecipientScope Scope, RecipientRole Role);
