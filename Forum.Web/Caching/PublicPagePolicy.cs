using System.Globalization;
using Forum.Core.Complaints;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Forum.Web.Caching;

/// <summary>
/// The output-cache policy of public pages (<c>[OutputCache(PolicyName = PublicPagePolicy.Name)]</c>): cached only
/// for anonymous readers, per URL with its query, language and accepted encoding, and tagged so that a change to a
/// thread, its company or its project evicts exactly the pages that show it (<see cref="PageChangeFeed"/>).
/// A response is never stored when it sets a cookie or forbids caching (antiforgery tokens do): such a page belongs
/// to one reader.
/// </summary>
public sealed class PublicPagePolicy(IOptions<PageCacheOptions> options, PageChangeFeed changes) : IOutputCachePolicy
{
    public const string Name = "PublicPage";

    /// <summary>Every cached page: evicted when the catalogue or a display name changes.</summary>
    public const string AllTag = "public";

    /// <summary>Home, lists, search, scoreboard and feeds: any thread's change may move them.</summary>
    public const string ListsTag = "lists";

    public static string ThreadTag(long threadId) => "thread:" + threadId.ToString(CultureInfo.InvariantCulture);

    public static string CompanyTag(string slug) => "company:" + slug.ToLowerInvariant();

    public static string ProjectTag(string slug) => "project:" + slug.ToLowerInvariant();

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        var anonymous = context.HttpContext.User.Identity?.IsAuthenticated != true && !request.Headers.ContainsKey(HeaderNames.Authorization);
        var cacheable = options.Value.Enabled && anonymous && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        context.EnableOutputCaching = cacheable;
        // The start-up warm-up renders pages again and again to get their code compiled: it never reads the cache.
        context.AllowCacheLookup = cacheable && !Operations.WarmingServer.RendersEveryTime(context.HttpContext);
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable)
        {
            return;
        }

        SharedPageAntiforgery.MarkShared(context.HttpContext);

        // Before the cache is consulted: a write on any node since the last request evicts what it touched.
        await changes.EnsureFreshAsync(cancellationToken);

        context.ResponseExpirationTimeSpan = options.Value.Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = HeaderNames.AcceptEncoding;
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.Tags.Add(AllTag);
        context.Tags.Add(PageTag(request.Path));
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("no-cache", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            || context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The tag of the page at <paramref name="path"/>: a thread, a company, a project, or the lists.</summary>
    internal static string PageTag(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["threads", var number] when ThreadNumber.TryParse(number, out var id) => ThreadTag(id),
            ["companies", var slug] => CompanyTag(slug),
            ["projects", var slug] => ProjectTag(slug),
            _ => ListsTag,
        };
    }
}
