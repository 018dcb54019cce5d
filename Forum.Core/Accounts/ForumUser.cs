namespace Forum.Core.Accounts;

/// <summary>
/// A person with an account: a homeowner, staff of a company, an executive or an admin. The fields Identity needs
/// (e-mail, password hash, stamps, lockout) live here as plain data; ASP.NET Core Identity works on it through the
/// Dapper stores in Forum.Data.
/// </summary>
public sealed class ForumUser
{
    public long Id { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public string? NormalizedEmail { get; set; }
    public bool EmailConfirmed { get; set; }
    public string? PasswordHash { get; set; }
    public string? SecurityStamp { get; set; }
    public string? ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public DateTimeOffset? LockoutEnd { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public int AccessFailedCount { get; set; }

    /// <summary>The language account mail is written in (zh-CN or en): the one the person registered in.</summary>
    public string Language { get; set; } = "zh-CN";

    /// <summary>For local staff: their company. Null for homeowners and HQ people.</summary>
    public long? CompanyId { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

/// <summary>The roles of DESIGN.md, by the names stored in UserRoles and put in the sign-in cookie.</summary>
public static class ForumRoles
{
    public const string Homeowner = "Homeowner";
    public const string LocalStaff = "LocalStaff";
    public const string HqStaff = "HqStaff";
    public const string Executive = "Executive";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Homeowner, LocalStaff, HqStaff, Executive, Admin];

    /// <summary>People who answer for a company (and so may see private contact details of its threads).</summary>
    public static readonly IReadOnlyList<string> Staff = [LocalStaff, HqStaff];
}

/// <summary>Claim types the forum adds to the sign-in cookie.</summary>
public static class ForumClaims
{
    public const string DisplayName = "forum:display_name";
    public const string CompanyId = "forum:company_id";

    /// <summary>Present while the e-mail address is not confirmed: the layout then offers to send the link again.</summary>
    public const string Unconfirmed = "forum:unconfirmed";
}
