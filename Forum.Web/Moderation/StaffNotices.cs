namespace Forum.Web.Moderation;

/// <summary>
/// The staff acts that end on a notice (post, redirect, get with <c>?done=Act</c>): each has a resource
/// <c>StaffDone{Act}</c>. Anything else in the address shows no notice.
/// </summary>
public static class StaffNotices
{
    public static readonly IReadOnlySet<string> Acts = new HashSet<string>(StringComparer.Ordinal)
    {
        "OfficialReply", "Solution", "InternalNote", "Close", "Category", "Move", "Assign", "Merge", "Reopen",
        "HidePost", "HidePhoto", "Await", "Lock", "Unlock", "Dismiss",
    };
}
