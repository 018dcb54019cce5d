using System.Text.RegularExpressions;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Escalation;

namespace Forum.Core.Administration;

/// <summary>A person with a back-office role, as the admin page lists them.</summary>
public sealed record StaffAccount(long Id, string DisplayName, string? Email, string Roles, long? CompanyId, bool IsActive, bool HasPassword);

/// <summary>An escalation recipient with its active flag, as the admin page lists them.</summary>
public sealed record RecipientEntry(long Id, long CompanyId, RecipientRole Role, string Name, string Email, string Language, bool IsActive);

/// <summary>The admin pages' storage: the catalogue, people's roles, escalation recipients. Every change is audited.</summary>
public interface IAdminRepository
{
    /// <summary>Null when the slug is taken.</summary>
    Task<long?> AddCompanyAsync(string slug, string name, string nameEn, long actorId, DateTime now, CancellationToken cancellationToken = default);

    Task<bool> RenameCompanyAsync(long companyId, string name, string nameEn, long actorId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Null when the slug is taken or the company is not a local company.</summary>
    Task<long?> AddProjectAsync(long companyId, string slug, string name, string nameEn, string city, long actorId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Null when the code is taken.</summary>
    Task<long?> AddCategoryAsync(string code, string name, string nameEn, long actorId, DateTime now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StaffAccount>> ListStaffAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RecipientEntry>> ListRecipientsAsync(CancellationToken cancellationToken = default);

    Task<long> AddRecipientAsync(long companyId, RecipientRole role, string name, string email, string language, long actorId, DateTime now, CancellationToken cancellationToken = default);

    Task<bool> SetRecipientActiveAsync(long recipientId, bool active, long actorId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Records an admin act that happened elsewhere (an invitation, a deactivation).</summary>
    Task AuditAsync(long actorId, string action, string? before, string? after, DateTime now, CancellationToken cancellationToken = default);
}

/// <summary>What the admin forms accept.</summary>
public static partial class AdminRules
{
    public const int NameMax = 50;
    public const int CityMax = 20;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex SlugPattern();

    /// <summary>Roles an admin can give in an invitation.</summary>
    public static readonly IReadOnlyList<string> InvitableRoles = [ForumRoles.LocalStaff, ForumRoles.HqStaff, ForumRoles.Executive, ForumRoles.Admin];

    public static string Slug(string? value, string field, List<FieldError> errors)
    {
        var slug = (value ?? "").Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug))
        {
            errors.Add(new FieldError(field, "Slug"));
        }

        return slug;
    }

    public static string Name(string? value, string field, List<FieldError> errors, int max = NameMax)
    {
        var name = ComplaintRules.Clean(value).Replace('\n', ' ');
        if (name.Length == 0)
        {
            errors.Add(new FieldError(field, "Required"));
        }
        else if (name.Length > max)
        {
            errors.Add(new FieldError(field, "TooLong", max, name.Length));
        }

        return name;
    }
}
