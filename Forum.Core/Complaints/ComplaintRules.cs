using System.Text.RegularExpressions;
using Forum.Core.Companies;

namespace Forum.Core.Complaints;

/// <summary>What a homeowner fills in to post a complaint. Kept as typed, so a failed submit loses nothing.</summary>
public sealed class ComplaintDraft
{
    public string? Company { get; set; }
    public string? Project { get; set; }
    public string? Category { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? RealName { get; set; }
    public string? Phone { get; set; }
    public string? Unit { get; set; }

    /// <summary>Issued with the form; the same id posted twice creates one thread.</summary>
    public string? RequestId { get; set; }
}

/// <summary>A field that failed a rule: the page turns <see cref="Code"/> into a localized sentence with <see cref="Arguments"/>.</summary>
public sealed record FieldError(string Field, string Code, params object[] Arguments);

/// <summary>The validated complaint, ready to store.</summary>
public sealed record ValidComplaint(long CompanyId, long ProjectId, long CategoryId, string Title, string Body, string RealName, string Phone, string Unit, string RequestId)
{
    /// <summary>Checked, re-encoded and stored photos to attach to the opening post.</summary>
    public IReadOnlyList<Forum.Core.Photos.NewPhoto> Photos { get; init; } = [];
}

/// <summary>Length limits (shown in the forms) and the rules every posting passes on the server.</summary>
public static partial class ComplaintRules
{
    public const int TitleMin = 5;
    public const int TitleMax = 100;
    public const int BodyMin = 10;
    public const int BodyMax = 5000;
    public const int RealNameMax = 50;
    public const int PhoneMax = 20;
    public const int UnitMax = 50;
    public const int ReplyMax = 2000;

    /// <summary>How long after closing the homeowner may still reopen (DESIGN.md).</summary>
    public static readonly TimeSpan ReopenWindow = TimeSpan.FromDays(7);

    public const int RatingCommentMax = 500;

    /// <summary>
    /// Limits count characters as people see them; storage counts UTF-16 units, and one emoji can take several. The
    /// SQL Server columns hold this many units per allowed character (db/sqlserver/0006), and no more is accepted.
    /// </summary>
    public const int StorageFactor = 4;

    [GeneratedRegex(@"^\+?[0-9][0-9 \-()]{5,19}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-]{8,64}$")]
    private static partial Regex RequestIdPattern();

    public static (ValidComplaint? Complaint, IReadOnlyList<FieldError> Errors) Validate(ComplaintDraft draft, Catalog catalog)
    {
        var errors = new List<FieldError>();

        var company = catalog.CompanyBySlug(draft.Company?.Trim());
        if (company is null || company.Kind != CompanyKind.Local)
        {
            errors.Add(new FieldError(nameof(draft.Company), "Required"));
        }

        var project = catalog.ProjectBySlug(draft.Project?.Trim());
        if (project is null)
        {
            errors.Add(new FieldError(nameof(draft.Project), "Required"));
        }
        else if (company is not null && project.CompanyId != company.Id)
        {
            errors.Add(new FieldError(nameof(draft.Project), "ProjectNotInCompany"));
        }

        var category = catalog.CategoryByCode(draft.Category?.Trim());
        if (category is null)
        {
            errors.Add(new FieldError(nameof(draft.Category), "Required"));
        }

        var title = Text(draft.Title, nameof(draft.Title), TitleMin, TitleMax, errors);
        var body = Text(draft.Body, nameof(draft.Body), BodyMin, BodyMax, errors);
        var realName = Text(draft.RealName, nameof(draft.RealName), 1, RealNameMax, errors);
        var unit = Text(draft.Unit, nameof(draft.Unit), 1, UnitMax, errors);
        var phone = Text(draft.Phone, nameof(draft.Phone), 1, PhoneMax, errors);
        if (phone.Length > 0 && phone.Length <= PhoneMax && !PhonePattern().IsMatch(phone))
        {
            errors.Add(new FieldError(nameof(draft.Phone), "Phone"));
        }

        var requestId = draft.RequestId?.Trim() ?? "";
        if (!RequestIdPattern().IsMatch(requestId))
        {
            errors.Add(new FieldError("Form", "Expired"));
        }

        if (errors.Count > 0 || company is null || project is null || category is null)
        {
            return (null, errors);
        }

        return (new ValidComplaint(company.Id, project.Id, category.Id, title, body, realName, phone, unit, requestId), errors);
    }

    /// <summary>A reply's text: required, at most <see cref="ReplyMax"/> characters.</summary>
    public static IReadOnlyList<FieldError> ValidateReply(string? body)
    {
        var errors = new List<FieldError>();
        Text(body, "Body", 1, ReplyMax, errors);
        return errors;
    }

    /// <summary>
    /// Trims, normalises line ends, removes control characters other than line breaks (text stays as typed otherwise:
    /// markup is kept and encoded when shown), and checks the length in characters as people count them.
    /// </summary>
    public static string Clean(string? value) =>
        new string((value ?? "").Replace("\r\n", "\n").Replace('\r', '\n')
            .Where(c => c == '\n' || c == '\t' || !char.IsControl(c)).ToArray())
            .Trim();

    private static string Text(string? value, string field, int min, int max, List<FieldError> errors)
    {
        var text = Clean(value);
        var length = new System.Globalization.StringInfo(text).LengthInTextElements;
        if (length == 0)
        {
            errors.Add(new FieldError(field, "Required"));
        }
        else if (length < min)
        {
            errors.Add(new FieldError(field, "TooShort", min));
        }
        else if (length > max || text.Length > max * StorageFactor)
        {
            errors.Add(new FieldError(field, "TooLong", max, length));
        }

        return text;
    }
}
