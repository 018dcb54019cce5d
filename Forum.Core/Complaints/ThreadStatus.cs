namespace Forum.Core.Complaints;

/// <summary>
/// The life of a complaint: Open → Answered (first official reply) → SolutionProposed → Closed; Reopened by the
/// homeowner within 7 days of closing; AwaitingHomeowner pauses the solution clock. Stored by name.
/// </summary>
public enum ThreadStatus
{
    Open,
    Answered,
    SolutionProposed,
    AwaitingHomeowner,
    Closed,
    Reopened,
}

public static class ThreadStatuses
{
    /// <summary>The lower-case name used in URLs (<c>?status=open</c>).</summary>
    public static string ToSlug(this ThreadStatus status) => status switch
    {
        ThreadStatus.Open => "open",
        ThreadStatus.Answered => "answered",
        ThreadStatus.SolutionProposed => "solution-proposed",
        ThreadStatus.AwaitingHomeowner => "awaiting-homeowner",
        ThreadStatus.Closed => "closed",
        ThreadStatus.Reopened => "reopened",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseSlug(string? slug, out ThreadStatus status)
    {
        foreach (var candidate in Enum.GetValues<ThreadStatus>())
        {
            if (string.Equals(candidate.ToSlug(), slug, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
