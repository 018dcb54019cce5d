using System.Net;
using System.Xml.Linq;
using Forum.Core.Complaints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Sharing;

/// <summary>The sitemap on an app of its own with pages of 10, so the 40 demo complaints span several pages.</summary>
public sealed class SitemapTests : IAsyncLifetime
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private readonly ForumAppFactory _app = new(new Dictionary<string, string?>
    {
        ["Forum:Sitemap:PageSize"] = "10",
        ["Forum:RateLimits:Enabled"] = "false",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<XDocument> XmlAsync(string url)
    {
        var response = await Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sitemap_ListsEveryPublicUnmergedComplaintOnce_AcrossPages_AndNoHiddenOrMergedOne()
    {
        var data = new TestData(_app.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>());
        var project = await data.ScalarAsync<long>("SELECT Id FROM Projects WHERE Slug = 'sz-bayview-garden'");
        var author = await data.UserAsync();
        var hidden = await data.ThreadAsync(project, author, DateTime.UtcNow, title: "隐藏的投诉", hidden: true);
        var duplicate = await data.ThreadAsync(project, author, DateTime.UtcNow, title: "重复的投诉");
        var staff = await Forms.SignInAsync(Client(), "shenzhen.staff@example.com");
        var target = await data.ScalarAsync<long>("SELECT MIN(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'shenzhen'");
        var merged = await Forms.SubmitAsync(staff, $"/staff/threads/{ThreadNumber.Format(duplicate)}", "merge",
            new Dictionary<string, string?> { ["ManageMergeTarget"] = ThreadNumber.Format(target) });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var visible = await data.ScalarAsync<int>("SELECT COUNT(*) FROM Threads WHERE IsHidden = 0 AND MergedIntoId IS NULL");

        var index = await XmlAsync("/sitemap.xml");
        var locations = index.Root!.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value)).ToList();
        var listed = new List<string>();
        foreach (var page in locations.Where(l => l.AbsolutePath == "/sitemap-complaints.xml"))
        {
            var urls = (await XmlAsync(page.PathAndQuery)).Root!.Elements(Sitemap + "url").ToList();
            Assert.InRange(urls.Count, 1, 10);
            Assert.All(urls, u => Assert.True(DateTimeOffset.TryParse(u.Element(Sitemap + "lastmod")!.Value, out _)));
            listed.AddRange(urls.Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath));
        }

        Assert.Equal(Sitemap + "sitemapindex", index.Root.Name);
        Assert.Contains(locations, l => l.AbsolutePath == "/sitemap-pages.xml");
        Assert.Equal((visible + 9) / 10, locations.Count(l => l.AbsolutePath == "/sitemap-complaints.xml"));
        Assert.Equal(visible, listed.Count);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.DoesNotContain($"/threads/{ThreadNumber.Format(hidden)}", listed);
        Assert.DoesNotContain($"/threads/{ThreadNumber.Format(duplicate)}", listed);
        Assert.Contains($"/threads/{ThreadNumber.Format(target)}", listed);
    }

    [Fact]
    public async Task Sitemap_PagesOfTheSite_AndRobotsPointsAtTheIndex()
    {
        var pages = await XmlAsync("/sitemap-pages.xml");
        var robots = await Client().GetStringAsync("/robots.txt");

        var paths = pages.Root!.Elements(Sitemap + "url").Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        Assert.Contains("/", paths);
        Assert.Contains("/scoreboard", paths);
        Assert.Contains("/companies/shenzhen", paths);
        Assert.Contains("/projects/sh-binjiang-one", paths);
        Assert.Contains("Sitemap: http://localhost:5000/sitemap.xml", robots);
        Assert.Contains("Disallow: /staff", robots);
    }
}
