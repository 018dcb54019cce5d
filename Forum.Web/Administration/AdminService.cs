using System.Globalization;
using System.Security.Claims;
using Forum.Core.Accounts;
using Forum.Core.Administration;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Web.Accounts;
using Forum.Web.Configuration;
using Microsoft.AspNetCore.Identity;

namespace Forum.Web.Administration;

/// <summary>
/// The admin pages: companies, projects, categories, back-office accounts (invited by e-mail, deactivated, never
/// deleted) and escalation recipients. Admin role checked here as well as on the page.
/// </summary>
public sealed class AdminService(
    IAdminRepository admin,
    CatalogCache catalogs,
    UserManager<ForumUser> users,
    AccountService accounts,
    TimeProvider timeProvider)
{
    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    private static long ActorId(ClaimsPrincipal principal) =>
        principal.IsInRole(ForumRoles.Admin) && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new UnauthorizedAccessException("Admins only.");

    public async Task<IReadOnlyList<FieldError>> AddCompanyAsync(ClaimsPrincipal principal, string? slug, string? name, string? nameEn)
    {
        var actor = ActorId(principal);
        var errors = new List<FieldError>();
        var s = AdminRules.Slug(slug, "CompanySlug", errors);
        var n = AdminRules.Name(name, "CompanyName", errors);
        var e = AdminRules.Name(nameEn, "CompanyNameEn", errors);
        if (errors.Count == 0 && await admin.AddCompanyAsync(s, n, e, actor, Now) is null)
        {
            errors.Add(new FieldError("CompanySlug", "Taken"));
        }

        catalogs.Invalidate();
        return errors;
    }

    public async Task<IReadOnlyList<FieldError>> AddProjectAsync(ClaimsPrincipal principal, string? companySlug, string? slug, string? name, string? nameEn, string? city)
    {
        var actor = ActorId(principal);
        var errors = new List<FieldError>();
        var company = (await catalogs.GetAsync()).CompanyBySlug(companySlug);
        if (company is not { Kind: CompanyKind.Local })
        {
            errors.Add(new FieldError("ProjectCompany", "Required"));
        }

        var s = AdminRules.Slug(slug, "ProjectSlug", errors);
        var n = AdminRules.Name(name, "ProjectName", errors);
        var e = AdminRules.Name(nameEn, "ProjectNameEn", errors);
        var c = AdminRules.Name(city, "ProjectCity", errors, AdminRules.CityMax);
        if (errors.Count == 0 && await admin.AddProjectAsync(company!.Id, s, n, e, c, actor, Now) is null)
        {
            errors.Add(new FieldError("ProjectSlug", "Taken"));
        }

        catalogs.Invalidate();
        return errors;
    }

    public async Task<IReadOnlyList<FieldError>> AddCategoryAsync(ClaimsPrincipal principal, string? code, string? name, string? nameEn)
    {
        var actor = ActorId(principal);
        var errors = new List<FieldError>();
        var c = AdminRules.Slug(code, "CategoryCode", errors);
        var n = AdminRules.Name(name, "CategoryName", errors);
        var e = AdminRules.Name(nameEn, "CategoryNameEn", errors);
        if (errors.Count == 0 && await admin.AddCategoryAsync(c, n, e, actor, Now) is null)
        {
            errors.Add(new FieldError("CategoryCode", "Taken"));
        }

        catalogs.Invalidate();
        return errors;
    }

    /// <summary>Creates the account with the role and sends a link to choose a password (which also confirms the address).</summary>
    public async Task<IReadOnlyList<FieldError>> InviteAsync(ClaimsPrincipal principal, string? email, string? displayName, string? role, string? companySlug, string language)
    {
        var actor = ActorId(principal);
        var errors = new List<FieldError>();
        AccountRules.ValidateEmail(email, errors, "InviteEmail");
        var name = AccountRules.ValidateDisplayName(displayName, errors, "InviteName");
        var canonicalRole = AdminRules.InvitableRoles.FirstOrDefault(r => r == role);
        if (canonicalRole is null)
        {
            errors.Add(new FieldError("InviteRole", "Required"));
        }

        var company = (await catalogs.GetAsync()).CompanyBySlug(companySlug);
        if (canonicalRole == ForumRoles.LocalStaff && company is not { Kind: CompanyKind.Local })
        {
            errors.Add(new FieldError("InviteCompany", "Required"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (await users.FindByEmailAsync(email!.Trim()) is not null)
        {
            return [new FieldError("InviteEmail", "Taken")];
        }

        var user = new ForumUser
        {
            Email = email.Trim(),
            DisplayName = name,
            EmailConfirmed = false,
            Language = language == "en" ? "en" : "zh-CN",
            CompanyId = canonicalRole == ForumRoles.LocalStaff ? company!.Id : null,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created.Errors.Select(e => new FieldError("InviteEmail", "Identity", e.Description)).ToList();
        }

        await users.AddToRoleAsync(user, canonicalRole!);
        await accounts.SendInvitationAsync(user);
        await admin.AuditAsync(actor, "InviteStaff", null, $"{user.Email} {canonicalRole} {companySlug}", Now);
        return [];
    }

    /// <summary>Deactivated, never deleted (their answers stay on the record); every session ends at once.</summary>
    public async Task<bool> SetActiveAsync(ClaimsPrincipal principal, long userId, bool active)
    {
        var actor = ActorId(principal);
        if (userId == actor || await users.FindByIdAsync(userId.ToString(CultureInfo.InvariantCulture)) is not { } user || user.IsActive == active)
        {
            return false;
        }

        user.IsActive = active;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await admin.AuditAsync(actor, active ? "ActivateStaff" : "DeactivateStaff", null, user.Email, Now);
        return true;
    }

    public Task<IReadOnlyList<StaffAccount>> StaffAsync() => admin.ListStaffAsync();

    public Task<IReadOnlyList<RecipientEntry>> RecipientsAsync() => admin.ListRecipientsAsync();

    public async Task<IReadOnlyList<FieldError>> AddRecipientAsync(ClaimsPrincipal principal, string? companySlug, string? role, string? name, string? email, string? language)
    {
        var actor = ActorId(principal);
        var errors = new List<FieldError>();
        var company = (await catalogs.GetAsync()).CompanyBySlug(companySlug);
        var parsed = Enum.TryParse<RecipientRole>(role, out var r) && Enum.IsDefined(r) ? r : (RecipientRole?)null;
        // Customer relations exist everywhere; a company head only in a local company; executives only at HQ.
        var fits = company is not null && parsed switch
        {
            RecipientRole.CustomerRelations => true,
            RecipientRole.CompanyHead => company.Kind == CompanyKind.Local,
            RecipientRole.Executive => company.Kind == CompanyKind.Headquarters,
            _ => false,
        };
        if (!fits)
        {
            errors.Add(new FieldError("RecipientRole", "RoleNotForCompany"));
        }

        var n = AdminRules.Name(name, "RecipientName", errors);
        AccountRules.ValidateEmail(email, errors, "RecipientEmail");
        if (errors.Count == 0)
        {
            await admin.AddRecipientAsync(company!.Id, parsed!.Value, n, email!.Trim(), language == "en" ? "en" : "zh-CN", actor, Now);
        }

        return errors;
    }

    public async Task<bool> SetRecipientActiveAsync(ClaimsPrincipal principal, long recipientId, bool active) =>
        await admin.SetRecipientActiveAsync(recipientId, active, ActorId(principal), Now);
}
