using Forum.Core.Complaints;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;

namespace Forum.Web.Notifications;

/// <summary>
/// The Follow button of the thread page: an antiforgery-checked, rate-limited form post that follows or stops
/// following the complaint and returns to it (post, redirect, get), so it works without JavaScript.
/// </summary>
public static class FollowEndpoints
{
    public static IEndpointRouteBuilder MapFollow(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/threads/{number}/follow", async (string number, HttpContext context, SubscriptionService subscriptions) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true } || !context.Request.HasFormContentType)
            {
                return Results.Text(
                    context.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()["ErrorExpired"],
                    "text/plain; charset=utf-8",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (!ThreadNumber.TryParse(number, out var id))
            {
                return Results.NotFound();
            }

            var form = await context.Request.ReadFormAsync();
            var back = $"/threads/{ThreadNumber.Format(id)}";
            return await subscriptions.SetFollowingAsync(context.User, id, form["follow"] != "0") switch
            {
                SubscriptionService.FollowOutcome.SignInRequired => Results.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back + "#follow")),
                SubscriptionService.FollowOutcome.NotFound => Results.NotFound(),
                SubscriptionService.FollowOutcome.Following => Results.LocalRedirect(back + "?following=1#follow"),
                SubscriptionService.FollowOutcome.NotFollowing => Results.LocalRedirect(back + "?following=0#follow"),
                _ => Results.LocalRedirect(back + "#follow"),
            };
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).RequireRateLimiting(RateLimits.Follow);
        return endpoints;
    }
}
