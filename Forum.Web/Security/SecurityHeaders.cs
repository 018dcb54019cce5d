namespace Forum.Web.Security;

/// <summary>
/// The headers every response carries, pages, files and errors alike. The policy allows scripts, styles, images and
/// connections from our own origin only: the pages have no inline script or style, Blazor's scripts are files on
/// this origin, and its websocket is same-origin ('self' covers ws: and wss: to this host). No page may be framed.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Hangfire dashboard (admins only, a third party's pages) colours its state cards with inline style
    /// attributes; there, and only there, styles may be inline. Its scripts are files, so scripts stay 'self'.
    /// </summary>
    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Decided now: the dashboard moves its prefix into PathBase while it runs.
            var policy = context.Request.Path.StartsWithSegments(Jobs.DashboardSetup.Path) ? DashboardContentSecurityPolicy : ContentSecurityPolicy;

            // Set when the response starts, so that error pages and re-executed status pages carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>For answers that must not stay in a browser's or proxy's cache (the briefing's CSV and chart).</summary>
    public static TBuilder NoStore<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        return builder;
    }
}
