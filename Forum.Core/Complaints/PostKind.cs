namespace Forum.Core.Complaints;

/// <summary>Kinds of post in a thread. Stored by name.</summary>
public enum PostKind
{
    /// <summary>A reply by the homeowner who posted or by another homeowner.</summary>
    HomeownerReply,

    /// <summary>A reply by staff of the thread's company or HQ, shown with the company's name.</summary>
    OfficialReply,

    /// <summary>An official reply that proposes the solution (stops the solution clock).</summary>
    Solution,

    /// <summary>Staff only: never rendered in public HTML or a homeowner's view.</summary>
    InternalNote,

    /// <summary>A status change, escalation or moderation act, rendered on the public timeline.</summary>
    Event,
}
