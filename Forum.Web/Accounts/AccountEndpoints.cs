using Forum.Core.Complaints;
using Forum.Web.Complaints;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Accounts;

/// <summary>Form posts that are actions rather than pages: sign out and co-sign. Both check antiforgery (form-bound).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/sign-out", async (AccountService accounts, [FromForm] string? returnUrl) =>
        {
            await accounts.SignOutAsync();
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });

        endpoints.MapPost("/threads/{number}/cosign", async (string number, HttpContext context, ComplaintService complaints, [FromForm] string? requestId) =>
        {
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
        }).WithName("CoSign");

        return endpoints;
    }

    /// <summary>A path on this site: starts with one '/', no scheme or host, no control characters.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl) && !url.Contains('\\');
}
