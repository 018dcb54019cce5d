using System.Net;
using System.Text.Json;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Sharing;

/// <summary>What search engines and link previews read: description, Open Graph, canonical, icons and manifest.</summary>
public class PageMetaTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static string Meta(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        Assert.Single(page.QuerySelectorAll(selector)).GetAttribute("content") ?? "";

    [Fact]
    public async Task ThreadView_DescriptionIsTheTitleAndFirstLines_Masked_WithOpenGraphAndCanonical()
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "engineering",
            ["Input.Title"] = "客厅外墙渗水", ["Input.Body"] = "客厅外墙一下雨就渗水。\n\n请致电13812345678联系我。" + new string('啊', 300),
            ["Input.RealName"] = "不公开的名字", ["Input.Phone"] = "13600002222", ["Input.Unit"] = "7栋707",
        });
        var number = Forms.Location(created)[9..17];

        var html = await app.Client().GetStringAsync($"/threads/{number}?posted=1");
        var page = Forms.Parse(html);

        var description = Meta(page, "meta[name=description]");
        Assert.StartsWith("客厅外墙渗水：客厅外墙一下雨就渗水。 请致电138****5678联系我。", description);
        Assert.InRange(description.Length, 100, 160);
        Assert.EndsWith("…", description);
        Assert.Equal(description, Meta(page, "meta[property='og:description']"));
        Assert.Equal($"{number} 客厅外墙渗水", Meta(page, "meta[property='og:title']"));
        Assert.Equal("article", Meta(page, "meta[property='og:type']"));
        var canonical = $"http://localhost:5000/threads/{number}";
        Assert.Equal(canonical, Meta(page, "meta[property='og:url']"));
        Assert.Equal(canonical, Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"));
        Assert.Equal("http://localhost:5000/icon-512.png", Meta(page, "meta[property='og:image']"));
        foreach (var secret in new[] { "13812345678", "不公开的名字", "13600002222" })
        {
            Assert.DoesNotContain(secret, page.Head!.OuterHtml);
        }
    }

    [Theory]
    [InlineData("/", "/", "/feeds/complaints.atom")]
    [InlineData("/?company=shenzhen&status=open", "/", "/feeds/complaints.atom")]
    [InlineData("/scoreboard?days=7", "/scoreboard", "/feeds/complaints.atom")]
    [InlineData("/companies/shenzhen", "/companies/shenzhen", "/companies/shenzhen/feed.atom")]
    [InlineData("/projects/sh-binjiang-one", "/projects/sh-binjiang-one", "/projects/sh-binjiang-one/feed.atom")]
    [InlineData("/search?q=漏水", "/search", "/feeds/complaints.atom")]
    public async Task PublicPages_HaveOneDescription_OpenGraph_Canonical_AndTheirFeed(string url, string canonicalPath, string feed)
    {
        var page = await Forms.GetDocumentAsync(app.Client("en"), url);

        Assert.NotEmpty(Meta(page, "meta[name=description]"));
        Assert.NotEmpty(Meta(page, "meta[property='og:title']"));
        Assert.Equal("Complaints Forum", Meta(page, "meta[property='og:site_name']"));
        Assert.Equal("http://localhost:5000" + canonicalPath, Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"));
        Assert.Equal("http://localhost:5000" + feed, Assert.Single(page.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']")).GetAttribute("href"));
    }

    [Fact]
    public async Task Icons_AndManifest_AreServed_AndTheManifestsIconsExist()
    {
        var client = app.Client();
        var page = await Forms.GetDocumentAsync(client, "/");

        var links = page.QuerySelectorAll("link[rel=icon], link[rel=apple-touch-icon], link[rel=manifest]").Select(l => l.GetAttribute("href")!).ToList();
        var manifest = JsonDocument.Parse(await client.GetStringAsync("/manifest.webmanifest")).RootElement;
        var icons = manifest.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("src").GetString()!).ToList();

        Assert.Equal(4, links.Count);
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        Assert.NotEmpty(manifest.GetProperty("name").GetString()!);
        Assert.Contains(manifest.GetProperty("icons").EnumerateArray(), i => i.GetProperty("sizes").GetString() == "512x512");
        foreach (var path in links.Concat(icons).Append("/favicon.ico"))
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, path);
            Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
