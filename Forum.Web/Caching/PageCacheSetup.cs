using System.IO.Compression;
using Forum.Data.Caching;
using Microsoft.AspNetCore.ResponseCompression;

namespace Forum.Web.Caching;

/// <summary>
/// Output cache for anonymous readers of public pages, evicted through the page-change log, and Brotli/gzip for
/// HTML. The cache sits outside compression, so a cached page is stored compressed and served without recompressing.
/// </summary>
public static class PageCacheSetup
{
    /// <summary>The cache's memory budget: pages are 10–60 kB, so this is thousands of pages.</summary>
    private const long CacheSizeLimit = 64L * 1024 * 1024;

    /// <summary>After <c>AddRazorComponents</c>, whose antiforgery service it wraps.</summary>
    public static IServiceCollection AddForumPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageCacheOptions>().Bind(configuration.GetSection(PageCacheOptions.Section))
            .Validate(o => o.Lifetime > TimeSpan.Zero, "Forum:OutputCache:Lifetime must be a positive duration (hh:mm:ss).")
            .ValidateOnStart();
        services.AddSingleton<PublicPagePolicy>();
        SharedPageAntiforgery.Decorate(services);
        services.AddOutputCache(options =>
        {
            options.SizeLimit = CacheSizeLimit;
            options.AddPolicy(PublicPagePolicy.Name, policy => policy.AddPolicy(typeof(PublicPagePolicy)), excludeDefaultPolicy: true);
        });
        services.AddSingleton<PageChangeRepository>();
        services.AddSingleton<PageChangeFeed>();
        services.AddSingleton<Forum.Data.Database.DatabaseUpkeep>();

        // Over HTTPS a page that mixes a secret with reader-controlled text could leak it through its compressed
        // size (BREACH), so compression is left to the TLS-terminating proxy there; the default refuses HTTPS.
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>After authentication and localization (the policy needs the reader and the language).</summary>
    public static IApplicationBuilder UseForumPageCache(this IApplicationBuilder app)
    {
        app.UseOutputCache();
        app.UseResponseCompression();
        return app;
    }
}
