using System.Security.Cryptography;
using Forum.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// Keeps sign-in tickets in the database (<c>Sessions</c>) so that the cookie is only a session key. The cookie
/// handler removes the row on sign-out, so a copy of the cookie taken before opens nothing afterwards; a row whose
/// user has a new security stamp (password changed or reset, deactivated, "sign out everywhere") is refused on the
/// very next request, on every node.
/// </summary>
public sealed class DatabaseTicketStore(ISessionRepository sessions, IOptions<IdentityOptions> identity, TimeProvider timeProvider) : ITicketStore
{
    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await sessions.CreateAsync(Record(key, ticket), Now);
        return key;
    }

    // The cookie handler renews rather than stores when a browser with a live session signs in again (a password
    // change refreshes the sign-in): the row then takes the new ticket's user and stamp along with the ticket.
    public Task RenewAsync(string key, AuthenticationTicket ticket) => sessions.RenewAsync(Record(key, ticket));

    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await sessions.FindLiveTicketAsync(key, Now) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key) => sessions.DeleteAsync(key);

    private SessionRecord Record(string key, AuthenticationTicket ticket)
    {
        var claims = identity.Value.ClaimsIdentity;
        var userId = ticket.Principal.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = ticket.Principal.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (!long.TryParse(userId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || string.IsNullOrEmpty(stamp))
        {
            throw new InvalidOperationException("A sign-in ticket without a user id or a security stamp cannot become a session.");
        }

        return new SessionRecord(key, id, stamp, TicketSerializer.Default.Serialize(ticket), Now, ticket.Properties.ExpiresUtc?.UtcDateTime);
    }
}

/// <summary>
/// The sign-in cookie's name follows the request's scheme: <c>__Host-Forum.Auth</c> over HTTPS (which browsers accept
/// only with <c>Secure</c>, <c>Path=/</c> and no <c>Domain</c>, so no other site or subdomain can plant or widen it),
/// and <c>.Forum.Auth</c> over plain HTTP, where a <c>__Host-</c> cookie would be refused (local development, tests).
/// Behind a TLS-terminating proxy the scheme is the one <c>X-Forwarded-Proto</c> gives, believed only from
/// <c>Forum:KnownProxies</c>.
/// </summary>
public sealed class SchemeCookieManager : ICookieManager
{
    public const string HttpName = ".Forum.Auth";
    public const string HttpsName = "__Host-Forum.Auth";

    private readonly ChunkingCookieManager _inner = new();

    private static string NameFor(HttpContext context, string key) =>
        key == HttpName && context.Request.IsHttps ? HttpsName : key;

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        _inner.AppendResponseCookie(context, NameFor(context, key), value, options);
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        _inner.DeleteCookie(context, NameFor(context, key), options);
    }
}
