using Forum.Core.Complaints;
using Forum.Web.Complaints;
using Microsoft.AspNetCore.Antiforgery;

namespace Forum.Web.Accounts;

/// <summary>
/// Form posts that are actions rather than pages: sign out, co-sign, report a post. Each requires a valid antiforgery
/// token (checked by the middleware) and answers a missing or forged one with 400 before reading the form.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", async (HttpContext context, AccountService accounts) =>
        {
            if (await ReadValidFormAsync(context) is not { } form)
            {
                return FormExpired(context);
            }

            await accounts.SignOutAsync();
            return Results.LocalRedirect(LocalReturnUrl(form["returnUrl"]));
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        // "Send the link again" from the banner of an unconfirmed account, on any page; back to that page.
        endpoints.MapPost("/account/resend-confirmation", async (HttpContext context, AccountService accounts) =>
        {
            if (await ReadValidFormAsync(context) is not { } form)
            {
                return FormExpired(context);
            }

            var back = LocalReturnUrl(form["returnUrl"]);
            if (await accounts.CurrentAsync(context.User) is not { EmailConfirmed: false } user)
            {
                return Results.LocalRedirect(back);
            }

            await accounts.SendConfirmationAsync(user);
            return Results.LocalRedirect(back + (back.Contains('?') ? "&" : "?") + "confirmation=sent");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).RequireRateLimiting(RateLimits.AccountSettings);

        endpoints.MapPost("/threads/{number}/cosign", async (string number, HttpContext context, ComplaintService complaints) =>
        {
            if (await ReadValidFormAsync(context) is null)
            {
                return FormExpired(context);
            }

            if (!ThreadNumber.TryParse(number, out var id))
            {
                return Results.NotFound();
            }

            var (refusal, result) = await complaints.CoSignAsync(context.User, id);
            var back = $"/threads/{ThreadNumber.Format(id)}";
            return refusal switch
            {
                PostingRefusal.SignInRequired => Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back)),
                PostingRefusal.NotFound => Results.NotFound(),
                PostingRefusal.None => Results.LocalRedirect(back + (result is { Added: true } ? "?cosigned=1" : "?cosigned=0") + "#cosign"),
                _ => Results.LocalRedirect(back + "?refused=" + refusal + "#cosign"),
            };
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        endpoints.MapPost("/posts/{postId:long}/report", async (long postId, HttpContext context, Moderation.ReportService reports,
            Forum.Core.Moderation.IModerationRepository moderation) =>
        {
            if (await ReadValidFormAsync(context) is not { } form)
            {
                return FormExpired(context);
            }

            if (await moderation.FindPostThreadAsync(postId) is not { } owner)
            {
                return Results.NotFound();
            }

            var back = $"/threads/{ThreadNumber.Format(owner.ThreadId)}";
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back));
            }

            var outcome = await reports.ReportAsync(context.User, postId, form["reason"], form["note"]);
            return Results.LocalRedirect($"{back}?reported={outcome}#post-{postId}");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).RequireRateLimiting(RateLimits.Report);

        endpoints.MapPost("/account/sign-out-everywhere", async (HttpContext context, AccountService accounts) =>
        {
            if (await ReadValidFormAsync(context) is null)
            {
                return FormExpired(context);
            }

            await accounts.SignOutEverywhereAsync(context.User);
            return Results.LocalRedirect("/");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

        return endpoints;
    }

    /// <summary>
    /// 400 with a short message: a body of its own, so the status-code page does not re-run the request (with the
    /// same unreadable form) behind it.
    /// </summary>
    private static IResult FormExpired(HttpContext context) =>
        Results.Text(
            context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()["ErrorExpired"],
            "text/plain; charset=utf-8",
            statusCode: StatusCodes.Status400BadRequest);

    /// <summary>The posted form, or null when the antiforgery middleware found no valid token.</summary>
    private static async Task<IFormCollection?> ReadValidFormAsync(HttpContext context) =>
        context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true } && context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync()
            : null;

    /// <summary>
    /// Where to go back to: <paramref name="url"/> when it is a path on this site, else the home page. Characters
    /// outside ASCII are percent-encoded (as UTF-8), since a Location header carries ASCII only.
    /// </summary>
    public static string LocalReturnUrl(string? url)
    {
        if (url is null || !IsLocal(url))
        {
            return "/";
        }

        if (url.All(char.IsAscii))
        {
            return url;
        }

        var encoded = new System.Text.StringBuilder(url.Length * 3);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(url))
        {
            encoded.Append(b < 0x80 ? ((char)b).ToString() : "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return encoded.ToString();
    }

    /// <summary>A path on this site: starts with one '/', no scheme or host, no control characters.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl) && !url.Contains('\\');
}
