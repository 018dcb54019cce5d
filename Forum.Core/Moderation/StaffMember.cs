using Forum.Core.Accounts;

namespace Forum.Core.Moderation;

/// <summary>Who is acting in the back office: their roles and, for local staff, their company.</summary>
public sealed record StaffMember(long UserId, string DisplayName, IReadOnlySet<string> Roles, long? CompanyId)
{
    public bool IsHeadquarters => Roles.Contains(ForumRoles.HqStaff) || Roles.Contains(ForumRoles.Admin);

    public bool IsLocalStaff => Roles.Contains(ForumRoles.LocalStaff) && CompanyId is not null;

    public bool IsStaff => IsHeadquarters || IsLocalStaff;

    /// <summary>The role recorded in the audit log for an act.</summary>
    public string ActingRole => IsHeadquarters
        ? (Roles.Contains(ForumRoles.HqStaff) ? ForumRoles.HqStaff : ForumRoles.Admin)
        : ForumRoles.LocalStaff;
}

/// <summary>
/// Who may act on a thread (DESIGN.md): local staff on their own company's threads, HQ staff and admins on all.
/// Checked on the server for every staff page and every staff action.
/// </summary>
public static class StaffAccess
{
    public static bool CanActOn(StaffMember member, long threadCompanyId) =>
        member.IsHeadquarters || (member.IsLocalStaff && member.CompanyId == threadCompanyId);

    /// <summary>Whose threads the console lists: null means every company.</summary>
    public static long? QueueScope(StaffMember member) => member.IsHeadquarters ? null : member.CompanyId;
}
