using Forum.Core.Notifications;

namespace Forum.Web.Notifications;

/// <summary>
/// RFC 8058 one-click unsubscribe: a mail client POSTs <c>List-Unsubscribe=One-Click</c> to the address in the
/// List-Unsubscribe header, with no cookie and no antiforgery token (the signed link is the proof). A GET of the same
/// address (a person clicking it) only shows the confirm page, so link checkers never unsubscribe anyone.
/// </summary>
public static class UnsubscribeEndpoints
{
    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/unsubscribe/one-click", async (HttpContext context, UnsubscribeLinks links, ISubscriptionRepository subscriptions, TimeProvider time) =>
        {
            if (links.Read(context.Request.Query["t"]) is not { } target)
            {
                return Results.BadRequest();
            }

            await subscriptions.OptOutAsync(target.UserId, target.ThreadId, time.GetUtcNow().UtcDateTime);
            return Results.Text("unsubscribed", "text/plain; charset=utf-8");
        }).DisableAntiforgery();

        endpoints.MapGet("/unsubscribe/one-click", (HttpContext context) =>
            Results.LocalRedirect("/unsubscribe" + context.Request.QueryString.Value));
        return endpoints;
    }
}
