using Forum.Core.Companies;
using Forum.Core.Complaints;

namespace Forum.Data.Complaints;

/// <summary>
/// The columns of a thread-list row, as every list query selects them (t.Id … g.NameEn AS CategoryNameEn), and
/// their mapping; queries that need more derive from it.
/// </summary>
internal class ThreadSummaryRow
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public int ReplyCount { get; init; }
    public int CoSignCount { get; init; }
    public bool IsGroupComplaint { get; init; }
    public bool IsLocked { get; init; }
    public string CompanySlug { get; init; } = "";
    public string CompanyName { get; init; } = "";
    public string CompanyNameEn { get; init; } = "";
    public string ProjectSlug { get; init; } = "";
    public string ProjectName { get; init; } = "";
    public string ProjectNameEn { get; init; } = "";
    public string CategoryCode { get; init; } = "";
    public string CategoryName { get; init; } = "";
    public string CategoryNameEn { get; init; } = "";
    public long? PhotoId { get; init; }
    public DateTime? ReplyDueAt { get; init; }
    public DateTime? SolutionDueAt { get; init; }
    public int ReopenCount { get; init; }

    public ThreadSummary ToSummary() => new()
    {
        Id = Id,
        PhotoId = PhotoId,
        ReplyDueAt = ReplyDueAt,
        SolutionDueAt = SolutionDueAt,
        Cycle = ReopenCount,
        Title = Title,
        Status = Enum.Parse<ThreadStatus>(Status),
        CreatedAt = CreatedAt,
        ReplyCount = ReplyCount,
        CoSignCount = CoSignCount,
        IsGroupComplaint = IsGroupComplaint,
        IsLocked = IsLocked,
        CompanySlug = CompanySlug,
        CompanyName = new LocalizedName(CompanyName, CompanyNameEn),
        ProjectSlug = ProjectSlug,
        ProjectName = new LocalizedName(ProjectName, ProjectNameEn),
        CategoryCode = CategoryCode,
        CategoryName = new LocalizedName(CategoryName, CategoryNameEn),
    };
}

/// <summary>The columns of a post with its author and company names, and its mapping.</summary>
internal sealed class PostRow
{
    /// <summary>Selects these columns from Posts o; the caller adds its WHERE and ORDER BY.</summary>
    internal const string SelectSql = """
        SELECT o.Id, o.Kind, o.Body, o.CreatedAt, o.EventType, o.IsHidden, o.HiddenReason, o.HiddenByRole,
               u.DisplayName AS AuthorName, c.Name AS CompanyName, c.NameEn AS CompanyNameEn
        FROM Posts o
        LEFT JOIN Users u ON u.Id = o.AuthorId
        LEFT JOIN Companies c ON c.Id = o.CompanyId

        """;

    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string? EventType { get; init; }
    public bool IsHidden { get; init; }
    public string? HiddenReason { get; init; }
    public string? HiddenByRole { get; init; }
    public string? AuthorName { get; init; }
    public string? CompanyName { get; init; }
    public string? CompanyNameEn { get; init; }

    /// <param name="withHiddenText">Staff see a hidden post's text; the public never does.</param>
    public PublicPost ToPost(bool withHiddenText) => new()
    {
        Id = Id,
        Kind = Enum.Parse<PostKind>(Kind),
        Body = IsHidden && !withHiddenText ? string.Empty : Body,
        CreatedAt = CreatedAt,
        AuthorName = AuthorName,
        CompanyName = CompanyName is null ? null : new LocalizedName(CompanyName, CompanyNameEn ?? CompanyName),
        EventType = EventType is null ? null : Enum.Parse<ThreadEventType>(EventType),
        IsHidden = IsHidden,
        HiddenReason = HiddenReason,
        HiddenByRole = HiddenByRole,
    };
}
