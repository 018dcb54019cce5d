using System.Globalization;
using System.Text;
using System.Xml;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Sharing;
using Forum.Web.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Forum.Web.Sharing;

/// <summary>
/// Sharing and finding: Atom feeds of all complaints, of a company and of a project; <c>/sitemap.xml</c> (an index of
/// pages of at most <see cref="SitemapPageSize"/> public complaints, each streamed from the database as it is written);
/// <c>/robots.txt</c> pointing at it. Only what the public pages show, masked as they mask it.
/// </summary>
public static class SharingEndpoints
{
    /// <summary>The sitemap protocol's limit of addresses per file.</summary>
    public const int SitemapPageSize = 50_000;

    /// <summary>Complaints per feed: the newest, as feed readers expect.</summary>
    public const int FeedSize = 50;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static IEndpointRouteBuilder MapSharing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feeds/complaints.atom", (HttpContext context, ISharingRepository repository) =>
            WriteFeedAsync(context, repository, null, null, "/feeds/complaints.atom", "/")).CacheOutput(Caching.PublicPagePolicy.Name);
        endpoints.MapGet("/companies/{slug}/feed.atom", async (string slug, HttpContext context, ISharingRepository repository, CatalogCache catalogs) =>
            (await catalogs.GetAsync()).CompanyBySlug(slug) is { Kind: CompanyKind.Local } company
                ? await WriteFeedAsync(context, repository, company, null, $"/companies/{company.Slug}/feed.atom", $"/companies/{company.Slug}")
                : Results.NotFound()).CacheOutput(Caching.PublicPagePolicy.Name);
        endpoints.MapGet("/projects/{slug}/feed.atom", async (string slug, HttpContext context, ISharingRepository repository, CatalogCache catalogs) =>
            (await catalogs.GetAsync()).ProjectBySlug(slug) is { } project
                ? await WriteFeedAsync(context, repository, null, project, $"/projects/{project.Slug}/feed.atom", $"/projects/{project.Slug}")
                : Results.NotFound()).CacheOutput(Caching.PublicPagePolicy.Name);
        endpoints.MapGet("/sitemap.xml", WriteSitemapIndexAsync).CacheOutput(Caching.PublicPagePolicy.Name);
        endpoints.MapGet("/sitemap-pages.xml", WritePagesSitemapAsync).CacheOutput(Caching.PublicPagePolicy.Name);
        endpoints.MapGet("/sitemap-complaints.xml", WriteComplaintsSitemapAsync).CacheOutput(Caching.PublicPagePolicy.Name);
        endpoints.MapGet("/robots.txt", (HttpContext context) => Results.Text(
            $"User-agent: *\nDisallow: /staff\nDisallow: /admin\nDisallow: /account\nDisallow: /my\nDisallow: /hangfire\nSitemap: {BaseUrl(context)}/sitemap.xml\n",
            "text/plain; charset=utf-8"));
        return endpoints;
    }

    /// <summary>The public address of the site (<c>Forum:PublicBaseUrl</c>), without a trailing slash.</summary>
    public static string BaseUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<ForumOptions>>().Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>RFC 3339 in UTC, as Atom and sitemaps want it.</summary>
    public static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static XmlWriter XmlTo(HttpContext context, string contentType)
    {
        context.Response.ContentType = contentType;
        return XmlWriter.Create(context.Response.Body, new XmlWriterSettings
        {
            Async = true,
            Encoding = new UTF8Encoding(false),
            Indent = true,
        });
    }

    private static async Task<IResult> WriteFeedAsync(HttpContext context, ISharingRepository repository, Company? company, Project? project, string selfPath, string pagePath)
    {
        var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var entries = await repository.LatestAsync(company?.Id ?? project?.CompanyId, project?.Id, FeedSize, context.RequestAborted);
        var baseUrl = BaseUrl(context);
        var culture = CultureInfo.CurrentUICulture;
        var siteName = localizer["SiteName"].Value;
        var scope = project is not null ? project.DisplayName.For(culture)
            : company is not null ? company.DisplayName.For(culture)
            : localizer["FeedAllComplaints"].Value;
        // An empty feed is still dated: by the moment it was read.
        var updated = entries.Count > 0 ? entries.Max(e => e.UpdatedAt) : DateTime.UtcNow;

        await using var xml = XmlTo(context, "application/atom+xml; charset=utf-8");
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "feed", AtomNamespace);
        await xml.WriteAttributeStringAsync("xml", "lang", null, culture.Name);
        await xml.WriteElementStringAsync(null, "id", AtomNamespace, baseUrl + selfPath);
        await xml.WriteElementStringAsync(null, "title", AtomNamespace, $"{scope} · {siteName}");
        await xml.WriteElementStringAsync(null, "subtitle", AtomNamespace, localizer["FeedSubtitle"].Value);
        await xml.WriteElementStringAsync(null, "updated", AtomNamespace, Rfc3339(updated));
        await xml.WriteStartElementAsync(null, "author", AtomNamespace);
        await xml.WriteElementStringAsync(null, "name", AtomNamespace, siteName);
        await xml.WriteElementStringAsync(null, "uri", AtomNamespace, baseUrl + "/");
        await xml.WriteEndElementAsync();
        await WriteLinkAsync(xml, "self", "application/atom+xml", baseUrl + selfPath);
        await WriteLinkAsync(xml, "alternate", "text/html", baseUrl + pagePath);
        foreach (var entry in entries)
        {
            var number = ThreadNumber.Format(entry.Id);
            var url = $"{baseUrl}/threads/{number}";
            await xml.WriteStartElementAsync(null, "entry", AtomNamespace);
            await xml.WriteElementStringAsync(null, "id", AtomNamespace, url);
            await xml.WriteElementStringAsync(null, "title", AtomNamespace, $"{number} {Excerpt.Line(entry.Title)}");
            await xml.WriteElementStringAsync(null, "published", AtomNamespace, Rfc3339(entry.CreatedAt));
            await xml.WriteElementStringAsync(null, "updated", AtomNamespace, Rfc3339(entry.UpdatedAt));
            await xml.WriteStartElementAsync(null, "author", AtomNamespace);
            await xml.WriteElementStringAsync(null, "name", AtomNamespace, Excerpt.Line(entry.AuthorName));
            await xml.WriteEndElementAsync();
            await WriteLinkAsync(xml, "alternate", "text/html", url);
            await xml.WriteStartElementAsync(null, "summary", AtomNamespace);
            await xml.WriteAttributeStringAsync(null, "type", null, "text");
            await xml.WriteStringAsync(Excerpt.Of(entry.Body, 400));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        return Results.Empty;
    }

    private static async Task WriteLinkAsync(XmlWriter xml, string rel, string type, string href)
    {
        await xml.WriteStartElementAsync(null, "link", AtomNamespace);
        await xml.WriteAttributeStringAsync(null, "rel", null, rel);
        await xml.WriteAttributeStringAsync(null, "type", null, type);
        await xml.WriteAttributeStringAsync(null, "href", null, href);
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteSitemapIndexAsync(HttpContext context, ISharingRepository repository, IMemoryCache cache, IConfiguration configuration)
    {
        var pageSize = PageSize(configuration);
        // One pass over the index per five minutes at most, however often crawlers ask.
        var starts = await cache.GetOrCreateAsync(("sitemap-starts", pageSize), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return repository.SitemapPageStartsAsync(pageSize, context.RequestAborted);
        }) ?? [];
        var baseUrl = BaseUrl(context);

        await using var xml = XmlTo(context, "application/xml; charset=utf-8");
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "sitemapindex", SitemapNamespace);
        await WriteSitemapAsync(xml, baseUrl + "/sitemap-pages.xml");
        foreach (var start in starts)
        {
            await WriteSitemapAsync(xml, $"{baseUrl}/sitemap-complaints.xml?from={start.ToString(CultureInfo.InvariantCulture)}");
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task WriteSitemapAsync(XmlWriter xml, string loc)
    {
        await xml.WriteStartElementAsync(null, "sitemap", SitemapNamespace);
        await xml.WriteElementStringAsync(null, "loc", SitemapNamespace, loc);
        await xml.WriteEndElementAsync();
    }

    private static async Task WritePagesSitemapAsync(HttpContext context, CatalogCache catalogs)
    {
        var catalog = await catalogs.GetAsync();
        var baseUrl = BaseUrl(context);
        await using var xml = XmlTo(context, "application/xml; charset=utf-8");
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", SitemapNamespace);
        await WriteUrlAsync(xml, baseUrl + "/", null);
        await WriteUrlAsync(xml, baseUrl + "/scoreboard", null);
        foreach (var company in catalog.LocalCompanies)
        {
            await WriteUrlAsync(xml, $"{baseUrl}/companies/{company.Slug}", null);
        }

        foreach (var project in catalog.Projects)
        {
            await WriteUrlAsync(xml, $"{baseUrl}/projects/{project.Slug}", null);
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task WriteComplaintsSitemapAsync(HttpContext context, ISharingRepository repository, IConfiguration configuration, long? from)
    {
        var baseUrl = BaseUrl(context);
        await using var xml = XmlTo(context, "application/xml; charset=utf-8");
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", SitemapNamespace);
        var written = 0;
        await foreach (var entry in repository.SitemapPageAsync(Math.Max(0, from ?? 0), PageSize(configuration), context.RequestAborted))
        {
            await WriteUrlAsync(xml, $"{baseUrl}/threads/{ThreadNumber.Format(entry.Id)}", entry.UpdatedAt);
            // Flush as we go: a page of 50,000 addresses never sits whole in memory.
            if (++written % 1000 == 0)
            {
                await xml.FlushAsync();
            }
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task WriteUrlAsync(XmlWriter xml, string loc, DateTime? lastModified)
    {
        await xml.WriteStartElementAsync(null, "url", SitemapNamespace);
        await xml.WriteElementStringAsync(null, "loc", SitemapNamespace, loc);
        if (lastModified is { } modified)
        {
            await xml.WriteElementStringAsync(null, "lastmod", SitemapNamespace, Rfc3339(modified));
        }

        await xml.WriteEndElementAsync();
    }

    /// <summary><c>Forum:Sitemap:PageSize</c>, for tests that page through a small site; the protocol's maximum otherwise.</summary>
    private static int PageSize(IConfiguration configuration) =>
        Math.Clamp(configuration.GetValue("Forum:Sitemap:PageSize", SitemapPageSize), 1, SitemapPageSize);
}
