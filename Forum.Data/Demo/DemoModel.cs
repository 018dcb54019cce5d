using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;

namespace Forum.Data.Demo;

// The shapes of the demo content (DemoContent.cs). Times are offsets from "now" when the seeder runs, so a fresh
// demo always has threads from minutes to weeks old, some of them past their 3 h and 12 h deadlines.

internal sealed record DemoCompany(string Slug, CompanyKind Kind, string Name, string NameEn);

internal sealed record DemoProject(string CompanySlug, string Slug, string Name, string NameEn, string City);

internal sealed record DemoCategory(string Code, string Name, string NameEn);

/// <summary>A staff member who writes official replies for a company (public name, e.g. "深圳公司客服 王经理").</summary>
internal sealed record DemoStaff(string Key, string DisplayName, string CompanySlug);

internal sealed record DemoHomeowner(string Key, string DisplayName);

/// <summary>A post <paramref name="After"/> the thread was posted, by a homeowner or staff key.</summary>
internal sealed record DemoReply(TimeSpan After, string AuthorKey, PostKind Kind, string Body);

/// <summary>
/// A complaint posted <paramref name="Age"/> ago. Its clocks follow from its replies: the first OfficialReply or
/// Solution is the first official reply; the first Solution is when the solution was proposed; a Closed thread
/// closes <paramref name="ClosedAfter"/> after it was posted, with <paramref name="ResolutionSummary"/>, and its author
/// may have confirmed and rated the outcome (<paramref name="Rating"/>).
/// </summary>
internal sealed record DemoThread(
    string ProjectSlug,
    string CategoryCode,
    string AuthorKey,
    TimeSpan Age,
    string Title,
    string Body,
    ThreadStatus Status,
    DemoReply[] Replies,
    string? ResolutionSummary = null,
    TimeSpan? ClosedAfter = null,
    int CoSigns = 0,
    DemoRating? Rating = null);

/// <summary>The follow-up (回访): the author confirms <paramref name="AfterClosing"/> after the closing and rates 1–5.</summary>
internal sealed record DemoRating(TimeSpan AfterClosing, int Stars, string Comment);

/// <summary>An escalation recipient of a company (by slug).</summary>
internal sealed record DemoRecipient(string CompanySlug, RecipientRole Role, string Name, string Email, string Language);

/// <summary>A demo sign-in: an existing person (<paramref name="PersonKey"/>) or a new one named <paramref name="DisplayName"/>.</summary>
internal sealed record DemoAccount(string Email, string? PersonKey, string? DisplayName, string? CompanySlug, string Role);
