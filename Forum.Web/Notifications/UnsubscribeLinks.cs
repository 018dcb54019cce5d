using System.Globalization;
using Forum.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Forum.Web.Notifications;

/// <summary>
/// Unsubscribe links: a person and a complaint, signed and encrypted with ASP.NET Data Protection (keys shared by the
/// nodes), so a link works without signing in and cannot be forged or pointed at someone else.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, IOptions<ForumOptions> forum)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Forum.Notifications.Unsubscribe.v1");

    private string BaseUrl => forum.Value.PublicBaseUrl.TrimEnd('/');

    public string Token(long userId, long threadId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{userId}:{threadId}"));

    /// <summary>The page with a confirm button (the link in the mail's text).</summary>
    public string PageUrl(long userId, long threadId) => QueryHelpers.AddQueryString(BaseUrl + "/unsubscribe", "t", Token(userId, threadId));

    /// <summary>The RFC 8058 address mail clients POST "List-Unsubscribe=One-Click" to.</summary>
    public string OneClickUrl(long userId, long threadId) => QueryHelpers.AddQueryString(BaseUrl + "/unsubscribe/one-click", "t", Token(userId, threadId));

    public (long UserId, long ThreadId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split(':');
            return parts.Length == 2
                   && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var thread)
                ? (user, thread)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
