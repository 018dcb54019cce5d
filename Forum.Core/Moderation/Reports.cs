namespace Forum.Core.Moderation;

/// <summary>Why a post is reported. Stored by name.</summary>
public enum ReportReason
{
    PersonalData,
    Abuse,
    Spam,
    OffTopic,
    Other,
}

/// <summary>What a report did: counted, counted and the post is now hidden pending review, or a repeat.</summary>
public enum ReportOutcome
{
    Counted,
    HiddenPendingReview,
    AlreadyReported,
    NotFound,
}

/// <summary>A reported post waiting for review, with how many people reported it and why.</summary>
public sealed record ReportedPost(long PostId, long ThreadId, long CompanyId, string Body, string? AuthorName, bool IsHidden, int Reports, string Reasons, DateTime FirstReportedAt);

/// <summary>Community reports and their review queue.</summary>
public interface IReportRepository
{
    /// <summary>
    /// Records the report (once per person and post) and, when the post reaches <paramref name="hideAt"/> open
    /// reports, hides it pending review — in one transaction.
    /// </summary>
    Task<ReportOutcome> ReportAsync(long postId, long reporterId, ReportReason reason, string? note, int hideAt, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Posts with open reports, of one company or (null) all.</summary>
    Task<IReadOnlyList<ReportedPost>> ListOpenAsync(long? companyId, CancellationToken cancellationToken = default);

    /// <summary>Closes the post's open reports: upheld keeps it hidden (with the reason), dismissed shows it again.</summary>
    Task<bool> ReviewAsync(long postId, StaffMember reviewer, bool uphold, string publicReason, DateTime now, CancellationToken cancellationToken = default);
}

/// <summary><c>Forum:Moderation:*</c>.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Forum:Moderation";

    /// <summary>Open reports from different people that hide a post until staff review it.</summary>
    public int ReportsToHide { get; set; } = 3;
}
