using Forum.Core.Accounts;
using Hangfire;
using Hangfire.Dashboard;

namespace Forum.Web.Jobs;

/// <summary>The Hangfire dashboard at /hangfire, for admins only (anonymous visitors are sent to sign in).</summary>
public static class DashboardSetup
{
    public const string Path = "/hangfire";

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "Forum jobs",
            // The endpoint's authorization below is the gate; this filter repeats it inside Hangfire.
            Authorization = [new AdminOnly()],
        }).RequireAuthorization(policy => policy.RequireRole(ForumRoles.Admin));
        return endpoints;
    }

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(ForumRoles.Admin);
    }
}
