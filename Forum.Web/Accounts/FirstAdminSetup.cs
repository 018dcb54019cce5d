using System.Security.Cryptography;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>
/// A forum started without demo data has no account at all, so nobody could reach the back office. While no
/// administrator exists, each start prints a one-time link to the console: a random secret, signed and time-limited
/// by data protection, whose hash is stored. The page behind it creates the first administrator; the link stops
/// working once used, once an administrator exists, or after <see cref="Lifetime"/>.
/// </summary>
public sealed class FirstAdminSetup(
    ISetupTokenRepository tokens,
    IDataProtectionProvider protection,
    UserManager<ForumUser> users,
    IOptions<ForumOptions> options,
    TimeProvider timeProvider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Forum.FirstAdminSetup").ToTimeLimitedDataProtector();

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>A new setup link when no administrator exists, otherwise null.</summary>
    public async Task<string?> IssueLinkAsync(CancellationToken cancellationToken = default)
    {
        if (await tokens.AnyAdminAsync(cancellationToken))
        {
            return null;
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        await tokens.CreateAsync(Hash(secret), Now, cancellationToken);
        var token = WebEncoders.Base64UrlEncode(Protector.Protect(secret, timeProvider.GetUtcNow().Add(Lifetime)));
        return options.Value.PublicBaseUrl.TrimEnd('/') + "/account/setup?token=" + token;
    }

    /// <summary>Whether the link still works: signed by us, not expired, unused, and no administrator yet.</summary>
    public async Task<bool> IsValidAsync(string? token) =>
        Secret(token) is { } secret && await tokens.IsUnusedAsync(Hash(secret)) && !await tokens.AnyAdminAsync();

    /// <summary>Creates the first administrator; empty when done, otherwise what to show on the form.</summary>
    public async Task<IReadOnlyList<FieldError>> CreateAdminAsync(string? token, string? email, string? displayName, string? password, string? confirmPassword)
    {
        var errors = new List<FieldError>();
        AccountRules.ValidateEmail(email, errors);
        var name = AccountRules.ValidateDisplayName(displayName, errors);
        AccountRules.ValidatePasswordLength(password, errors);
        if (password != confirmPassword)
        {
            errors.Add(new FieldError("ConfirmPassword", "PasswordsDiffer"));
        }

        var admin = new ForumUser { Email = email?.Trim(), DisplayName = name, EmailConfirmed = true, Language = "zh-CN" };
        if (!string.IsNullOrEmpty(password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, admin, password);
                errors.AddRange(result.Errors.Select(e => new FieldError("Password", "Identity", e.Description)));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (Secret(token) is not { } secret || await tokens.AnyAdminAsync() || !await tokens.TryUseAsync(Hash(secret), Now))
        {
            return [new FieldError("Form", "SetupLinkInvalid")];
        }

        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            await tokens.ReleaseAsync(Hash(secret));
            return created.Errors.Select(e => new FieldError(
                e.Code == nameof(IdentityErrorDescriber.DuplicateEmail) ? "Email" : "Password", "Identity", e.Description)).ToList();
        }

        await users.AddToRoleAsync(admin, ForumRoles.Admin);
        return [];
    }

    private byte[]? Secret(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return Protector.Unprotect(WebEncoders.Base64UrlDecode(token), out _);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string Hash(byte[] secret) => Convert.ToHexStringLower(SHA256.HashData(secret));
}

public static class FirstAdminSetupStartup
{
    /// <summary>Prints the first administrator's setup link when the forum has no administrator yet.</summary>
    public static async Task OfferFirstAdminSetupAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var link = await scope.ServiceProvider.GetRequiredService<FirstAdminSetup>().IssueLinkAsync();
        if (link is not null)
        {
            var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Forum.Setup");
            logger.LogWarning("No administrator exists yet. Open this one-time link to create the first one (valid for {Days} days, until used, or until an administrator exists): {Link}",
                FirstAdminSetup.Lifetime.TotalDays, link);
        }
    }
}
