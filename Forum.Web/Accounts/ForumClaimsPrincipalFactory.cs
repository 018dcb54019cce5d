using System.Globalization;
using System.Security.Claims;
using Forum.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>Puts the roles, the public display name and (for local staff) the company into the sign-in cookie.</summary>
public sealed class ForumClaimsPrincipalFactory(UserManager<ForumUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ForumUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ForumUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ForumClaims.DisplayName, user.DisplayName));
        if (!user.EmailConfirmed)
        {
            // Refreshed with the cookie (the security-stamp check, every minute), so the banner goes after confirming.
            identity.AddClaim(new Claim(ForumClaims.Unconfirmed, "1"));
        }
        if (user.CompanyId is { } companyId)
        {
            identity.AddClaim(new Claim(ForumClaims.CompanyId, companyId.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var role in await UserManager.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        return identity;
    }
}
