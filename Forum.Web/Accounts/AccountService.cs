using System.Security.Claims;
using System.Text;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Mail;
using Forum.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Memory;

namespace Forum.Web.Accounts;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Wrong address or password, an unknown or deactivated account: one answer for all.</summary>
    Failed,

    /// <summary>
    /// Too many wrong passwords: locked until <see cref="SignInAnswer.LockedUntil"/>. An unknown address gets the same
    /// answer after as many failures, so the lockout does not tell which addresses have accounts.
    /// </summary>
    LockedOut,
}

/// <summary>The outcome of a sign-in, and until when the account is locked when it is.</summary>
public sealed record SignInAnswer(SignInOutcome Outcome, DateTimeOffset? LockedUntil = null);

public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,
    Invalid,
}

/// <summary>
/// Registration, e-mail confirmation, sign-in, password reset and settings on ASP.NET Core Identity. Account
/// enumeration is closed: register, sign-in and reset give the same answer, in about the same time (a password hash
/// is computed either way), whether or not the address has an account.
/// </summary>
public sealed class AccountService(
    UserManager<ForumUser> users,
    SignInManager<ForumUser> signIn,
    IPasswordHasher<ForumUser> hasher,
    IOutboxRepository outbox,
    AccountMailComposer mail,
    IBackgroundJobClient jobs,
    ISessionRepository sessions,
    TimeProvider timeProvider,
    IMemoryCache decoyLockouts)
{
    // A real hash of nothing in particular, verified when there is no account, so "no such user" costs what a wrong
    // password costs.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<ForumUser>().HashPassword(new ForumUser(), Guid.NewGuid().ToString()));

    public async Task<IReadOnlyList<FieldError>> RegisterAsync(string? email, string? displayName, string? password, string? confirmPassword, string language)
    {
        var errors = new List<FieldError>();
        AccountRules.ValidateEmail(email, errors);
        var name = AccountRules.ValidateDisplayName(displayName, errors);
        AccountRules.ValidatePasswordLength(password, errors);
        if (password != confirmPassword)
        {
            errors.Add(new FieldError("ConfirmPassword", "PasswordsDiffer"));
        }

        var candidate = new ForumUser { Email = email?.Trim(), DisplayName = name, Language = language == "en" ? "en" : "zh-CN" };
        if (!string.IsNullOrEmpty(password))
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, candidate, password);
                errors.AddRange(result.Errors.Select(e => new FieldError("Password", "Identity", e.Description)));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var existing = await users.FindByEmailAsync(candidate.Email!);
        if (existing is not null)
        {
            // Same page as a new registration; the owner of the address learns by e-mail that someone tried.
            hasher.HashPassword(candidate, password!);
            await SendAsync(AccountMail.AlreadyRegistered, existing, "/account/sign-in");
            return errors;
        }

        var created = await users.CreateAsync(candidate, password!);
        if (!created.Succeeded)
        {
            // A concurrent registration of the same address: answer as for an existing one.
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail))
                ? errors
                : created.Errors.Select(e => new FieldError("Password", "Identity", e.Description)).ToList();
        }

        await users.AddToRoleAsync(candidate, ForumRoles.Homeowner);
        await SendConfirmationAsync(candidate);
        return errors;
    }

    public async Task SendConfirmationAsync(ForumUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        await SendAsync(AccountMail.Confirm, user, $"/account/confirm?user={user.Id}&code={code}");
    }

    public async Task<ConfirmOutcome> ConfirmEmailAsync(string? userId, string? code)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) || await users.FindByIdAsync(userId) is not { IsActive: true } user)
        {
            return ConfirmOutcome.Invalid;
        }

        if (user.EmailConfirmed)
        {
            return ConfirmOutcome.AlreadyConfirmed;
        }

        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return ConfirmOutcome.Invalid;
        }

        var result = await users.ConfirmEmailAsync(user, token);
        return result.Succeeded ? ConfirmOutcome.Confirmed : ConfirmOutcome.Invalid;
    }

    public async Task<SignInAnswer> SignInAsync(string? email, string? password, bool remember)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || password.Length > AccountRules.PasswordMax)
        {
            return new SignInAnswer(SignInOutcome.Failed);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is not { IsActive: true })
        {
            hasher.VerifyHashedPassword(new ForumUser(), DecoyHash.Value, password);
            return DecoyFailure(email.Trim());
        }

        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Identity answers a locked account without hashing; spend the same time as for a wrong password.
            hasher.VerifyHashedPassword(user, DecoyHash.Value, password);
        }

        if (result.IsLockedOut)
        {
            return new SignInAnswer(SignInOutcome.LockedOut, await users.GetLockoutEndDateAsync(user));
        }

        return new SignInAnswer(result.Succeeded ? SignInOutcome.Succeeded : SignInOutcome.Failed);
    }

    /// <summary>
    /// Counts failures for an address without an account as Identity counts them for one with an account, and locks
    /// it just as long, so "locked until" appears after the same number of tries either way.
    /// </summary>
    private SignInAnswer DecoyFailure(string email)
    {
        var key = "decoy-lockout:" + email.ToUpperInvariant();
        var now = timeProvider.GetUtcNow();
        var (failures, lockedUntil) = decoyLockouts.TryGetValue(key, out (int, DateTimeOffset?) state) ? state : (0, null);
        if (lockedUntil is { } until && until > now)
        {
            return new SignInAnswer(SignInOutcome.LockedOut, until);
        }

        failures = lockedUntil is null ? failures + 1 : 1;
        var lockout = users.Options.Lockout;
        lockedUntil = failures >= lockout.MaxFailedAccessAttempts ? now + lockout.DefaultLockoutTimeSpan : null;
        decoyLockouts.Set(key, (lockedUntil is null ? failures : 0, lockedUntil), TimeSpan.FromHours(1));
        return lockedUntil is { } locked ? new SignInAnswer(SignInOutcome.LockedOut, locked) : new SignInAnswer(SignInOutcome.Failed);
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    /// <summary>
    /// Ends every session of the signed-in person, this one included: a new security stamp refuses them all on their
    /// next request, and their rows go at once.
    /// </summary>
    public async Task SignOutEverywhereAsync(ClaimsPrincipal principal)
    {
        if (await CurrentAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await sessions.DeleteAllForUserAsync(user.Id);
        }

        await signIn.SignOutAsync();
    }

    public async Task RequestPasswordResetAsync(string? email)
    {
        var errors = new List<FieldError>();
        AccountRules.ValidateEmail(email, errors);
        // A hash on every path, so the answer takes about as long whether or not the address has an account.
        hasher.HashPassword(new ForumUser(), Guid.NewGuid().ToString());
        var user = errors.Count == 0 ? await users.FindByEmailAsync(email!.Trim()) : null;
        if (user is not { IsActive: true })
        {
            return;
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        await SendAsync(AccountMail.ResetPassword, user, $"/account/reset?email={Uri.EscapeDataString(user.Email!)}&code={code}");
    }

    /// <summary>Empty when the password was reset; a bad or used link is one error on the form.</summary>
    public async Task<IReadOnlyList<FieldError>> ResetPasswordAsync(string? email, string? code, string? password, string? confirmPassword)
    {
        var errors = new List<FieldError>();
        AccountRules.ValidatePasswordLength(password, errors);
        if (password != confirmPassword)
        {
            errors.Add(new FieldError("ConfirmPassword", "PasswordsDiffer"));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        string? token = null;
        try
        {
            token = string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
        }

        if (user is not { IsActive: true } || token is null)
        {
            return [new FieldError("Form", "LinkInvalid")];
        }

        var result = await users.ResetPasswordAsync(user, token, password!);
        if (result.Succeeded)
        {
            // Following the link proved the address too.
            if (!user.EmailConfirmed)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
            }

            // Proving the address lifts a lockout at once: the owner need not wait out the 5 minutes.
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            return [];
        }

        return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
            ? [new FieldError("Form", "LinkInvalid")]
            : result.Errors.Select(e => new FieldError("Password", "Identity", e.Description)).ToList();
    }

    public async Task<ForumUser?> CurrentAsync(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? await users.GetUserAsync(principal) : null;

    public async Task<IReadOnlyList<FieldError>> ChangeDisplayNameAsync(ClaimsPrincipal principal, string? displayName)
    {
        var errors = new List<FieldError>();
        var name = AccountRules.ValidateDisplayName(displayName, errors);
        if (errors.Count > 0 || await CurrentAsync(principal) is not { } user)
        {
            return errors;
        }

        user.DisplayName = name;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => new FieldError("DisplayName", "Identity", e.Description)).ToList();
        }

        await signIn.RefreshSignInAsync(user);
        return errors;
    }

    public async Task<IReadOnlyList<FieldError>> ChangePasswordAsync(ClaimsPrincipal principal, string? current, string? password, string? confirmPassword)
    {
        var errors = new List<FieldError>();
        AccountRules.ValidatePasswordLength(current, errors, "CurrentPassword");
        AccountRules.ValidatePasswordLength(password, errors, "NewPassword");
        if (password != confirmPassword)
        {
            errors.Add(new FieldError("ConfirmPassword", "PasswordsDiffer"));
        }

        if (errors.Count > 0 || await CurrentAsync(principal) is not { } user)
        {
            return errors;
        }

        var result = await users.ChangePasswordAsync(user, current!, password!);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => new FieldError(
                e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "CurrentPassword" : "NewPassword", "Identity", e.Description)).ToList();
        }

        await signIn.RefreshSignInAsync(user);
        return errors;
    }

    /// <summary>A password link for a new back-office account (the same reset token, a welcoming message).</summary>
    public async Task SendInvitationAsync(ForumUser user)
    {
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        await SendAsync(AccountMail.Invite, user, $"/account/reset?email={Uri.EscapeDataString(user.Email!)}&code={code}");
    }

    private async Task SendAsync(AccountMail kind, ForumUser user, string? link)
    {
        await outbox.EnqueueAsync("Account" + kind, [mail.Compose(kind, user, link)], timeProvider.GetUtcNow().UtcDateTime);
        jobs.Enqueue<DeliverOutboxJob>(job => job.RunAsync(CancellationToken.None));
    }
}
