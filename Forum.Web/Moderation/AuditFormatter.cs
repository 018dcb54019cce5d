using System.Globalization;
using System.Text.RegularExpressions;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Moderation;
using Microsoft.Extensions.Localization;

namespace Forum.Web.Moderation;

/// <summary>One audit row as a reader sees it: the act's name and its before and after values, in the reader's language.</summary>
public sealed record AuditLine(string Action, string? Before, string? After);

/// <summary>
/// Turns the audit log's stored values (status names, project slugs, category codes, account ids, "post 12: hidden
/// (…)") into words in the reader's language, keyed by the act. The log stores stable codes so that renaming a
/// project or a status never rewrites history; this is the one place that reads them back. A value it cannot read is
/// shown as stored rather than hidden: the log must never lose what was recorded.
/// </summary>
public static partial class AuditFormatter
{
    /// <summary>Every act the log records, in the order the action filter lists them.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        "OfficialReply", "Solution", "Close", "InternalNote", "AwaitHomeowner", "Reopen", "ViewContact",
        "ChangeCategory", "Move", "Assign", "Merge", "Lock", "Unlock", "HidePost", "HidePhoto", "UpholdReports", "DismissReports",
        "AddCompany", "RenameCompany", "AddProject", "AddCategory", "AddRecipient", "ActivateRecipient", "DeactivateRecipient",
        "InviteStaff", "ActivateStaff", "DeactivateStaff", "RetryMessage", "DismissMessage", "AcknowledgeEscalation",
    ];

    public static string ActionName(string action, IStringLocalizer localizer)
    {
        var name = localizer["AuditAction" + action];
        return name.ResourceNotFound ? action : name.Value;
    }

    public static AuditLine Format(AuditEntry entry, Catalog catalog, IStringLocalizer localizer)
    {
        var culture = CultureInfo.CurrentUICulture;
        string Value(string stored, string? person) => entry.Action switch
        {
            "OfficialReply" or "Solution" or "AwaitHomeowner" or "Reopen" => Status(stored, localizer),
            "Close" => Closed(stored, localizer),
            "Lock" or "Unlock" => stored switch
            {
                "True" => localizer["AuditLocked"].Value,
                "False" => localizer["AuditUnlocked"].Value,
                _ => stored,
            },
            "ChangeCategory" or "AddCategory" => catalog.CategoryByCode(stored)?.DisplayName.For(culture) ?? stored,
            "Move" or "AddProject" => ProjectName(catalog.ProjectBySlug(stored), catalog, culture) ?? stored,
            "AddCompany" => catalog.CompanyBySlug(stored)?.DisplayName.For(culture) ?? stored,
            "Assign" => person ?? (stored.All(char.IsAsciiDigit) ? localizer["AuditUnknownPerson"].Value : stored),
            "Merge" => localizer["AuditMergedInto", stored].Value,
            "HidePost" or "UpholdReports" or "DismissReports" or "HidePhoto" => Visibility(stored, localizer),
            "RenameCompany" => RenamedCompany().Match(stored) is { Success: true } m ? m.Groups["names"].Value : stored,
            "AddRecipient" => Recipient(stored, catalog, localizer, culture),
            "ActivateRecipient" or "DeactivateRecipient" => localizer["AuditRecipientNumber", stored].Value,
            "InviteStaff" => Invitation(stored, catalog, localizer, culture),
            _ => stored,
        };

        // Unassigning stores no assignee: that is "nobody", not a missing value.
        var after = entry.After is null && entry.Action == "Assign" ? localizer["AuditNobody"].Value : entry.After is null ? null : Value(entry.After, entry.AfterPerson);
        var before = entry.Before is null ? null : Value(entry.Before, entry.BeforePerson);
        return new AuditLine(ActionName(entry.Action, localizer), before, after);
    }

    private static string Status(string stored, IStringLocalizer localizer) =>
        Enum.TryParse<ThreadStatus>(stored, ignoreCase: false, out var status) && Enum.IsDefined(status) && stored == status.ToString()
            ? localizer["Status" + status].Value
            : stored;

    // Closing records the status it left and "Closed: <resolution summary>".
    private static string Closed(string stored, IStringLocalizer localizer)
    {
        const string prefix = nameof(ThreadStatus.Closed) + ": ";
        return stored.StartsWith(prefix, StringComparison.Ordinal)
            ? localizer["AuditClosedWith", stored[prefix.Length..]].Value
            : Status(stored, localizer);
    }

    private static string? ProjectName(Project? project, Catalog catalog, CultureInfo culture) =>
        project is null ? null
            : catalog.CompanyById(project.CompanyId) is { } company ? $"{project.DisplayName.For(culture)} · {company.DisplayName.For(culture)}"
            : project.DisplayName.For(culture);

    // Posts and photos are recorded as "post 12: visible", "post 12: hidden (reason)", "post 12: shown" and
    // "post 12: 3 report(s)".
    private static string Visibility(string stored, IStringLocalizer localizer)
    {
        var match = VisibilityValue().Match(stored);
        if (!match.Success)
        {
            return stored;
        }

        var photo = match.Groups["thing"].Value == "photo";
        var id = match.Groups["id"].Value;
        if (match.Groups["reason"].Success)
        {
            var reason = match.Groups["reason"].Value;
            return photo ? localizer["AuditPhotoHidden", id, reason].Value : localizer["AuditPostHidden", id, reason].Value;
        }

        return match.Groups["reports"].Success ? localizer["AuditPostReports", id, match.Groups["reports"].Value].Value
            : photo ? localizer["AuditPhotoShown", id].Value
            : localizer["AuditPostShown", id].Value;
    }

    // "<company id> <recipient role> <e-mail>"
    private static string Recipient(string stored, Catalog catalog, IStringLocalizer localizer, CultureInfo culture)
    {
        var parts = stored.Split(' ');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var companyId)
            || !Enum.TryParse<RecipientRole>(parts[1], ignoreCase: false, out var role))
        {
            return stored;
        }

        var company = catalog.CompanyById(companyId)?.DisplayName.For(culture) ?? stored;
        return $"{company} · {localizer["RecipientRole" + role]} · {parts[2]}";
    }

    // "<e-mail> <role> <company slug, for local staff>"
    private static string Invitation(string stored, Catalog catalog, IStringLocalizer localizer, CultureInfo culture)
    {
        var parts = stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 || localizer["Role" + parts[1]] is { ResourceNotFound: true })
        {
            return stored;
        }

        var role = localizer["Role" + parts[1]].Value;
        return parts.Length == 3
            ? $"{parts[0]} · {role} · {catalog.CompanyBySlug(parts[2])?.DisplayName.For(culture) ?? parts[2]}"
            : $"{parts[0]} · {role}";
    }

    [GeneratedRegex(@"^(?<thing>post|photo) (?<id>\d+): (?:hidden \((?<reason>.*)\)|(?<reports>\d+) report\(s\)|visible|shown)$", RegexOptions.Singleline)]
    private static partial Regex VisibilityValue();

    [GeneratedRegex(@"^\d+: (?<names>.*)$", RegexOptions.Singleline)]
    private static partial Regex RenamedCompany();
}
