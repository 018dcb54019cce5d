using System.Net;
using System.Net.Http.Headers;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Caching;

/// <summary>
/// The output cache of public pages, through the real app: what anonymous readers share, what changes evict, and
/// what is never shared. A response served from the cache carries an <c>Age</c> header.
/// </summary>
public class PageCacheTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    private async Task<(string Number, long Id, HttpClient Author)> NewThreadAsync(string title)
    {
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "engineering",
            ["Input.Title"] = title + " " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "地下室墙面渗水，请尽快处理。",
            ["Input.RealName"] = "陈大文", ["Input.Phone"] = "13800001111", ["Input.Unit"] = "3栋101",
        });
        var number = Forms.Location(created)[9..17];
        return (number, long.Parse(number[2..]), author);
    }

    /// <summary>Reads the page twice as an anonymous reader and checks that the second answer came from the cache.</summary>
    private async Task<string> CachedAsync(string url)
    {
        await app.Client().GetAsync(url);
        var second = await app.Client().GetAsync(url);
        Assert.True(FromCache(second), $"{url} was not served from the cache");
        return await second.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Reply_ShowsOnTheNextAnonymousRequest_OnTheThreadAndTheLists()
    {
        var (number, _, author) = await NewThreadAsync("缓存回复测试");
        await CachedAsync($"/threads/{number}");
        await CachedAsync("/?company=shenzhen");
        await CachedAsync("/companies/shenzhen");
        await CachedAsync("/projects/sz-bayview-garden");

        await Forms.SubmitAsync(author, $"/threads/{number}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "REPLY-c4che 又漏了" });
        var thread = await app.Client().GetAsync($"/threads/{number}");
        var lists = await Task.WhenAll(new[] { "/?company=shenzhen", "/companies/shenzhen", "/projects/sz-bayview-garden" }.Select(u => app.Client().GetStringAsync(u)));

        Assert.False(FromCache(thread));
        Assert.Contains("REPLY-c4che", await thread.Content.ReadAsStringAsync());
        Assert.All(lists, html => Assert.Contains($"data-number=\"{number}\"", html));
    }

    [Fact]
    public async Task Hide_Close_Merge_ShowOnTheNextAnonymousRequest()
    {
        var (number, id, author) = await NewThreadAsync("缓存隐藏测试");
        var (duplicate, _, _) = await NewThreadAsync("缓存合并测试");
        await Forms.SubmitAsync(author, $"/threads/{number}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "RUDE-c4che 骂人的话" });
        var postId = await app.Data.ScalarAsync<long>("SELECT Id FROM Posts WHERE ThreadId = @Id AND Body LIKE 'RUDE-c4che%'", new { Id = id });
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        Assert.Contains("RUDE-c4che", await CachedAsync($"/threads/{number}"));
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", $"hide-{postId}", new Dictionary<string, string?> { ["HideReason"] = "含辱骂内容" });
        var hidden = await app.Client().GetStringAsync($"/threads/{number}");

        await CachedAsync($"/threads/{number}");
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "close", new Dictionary<string, string?> { ["Closing.Summary"] = "SUMMARY-c4che 已处理" });
        var closed = await app.Client().GetStringAsync($"/threads/{number}");

        await CachedAsync($"/threads/{duplicate}");
        await Forms.SubmitAsync(staff, $"/staff/threads/{duplicate}", "merge", new Dictionary<string, string?> { ["ManageMergeTarget"] = number });
        var merged = await app.Client().GetAsync($"/threads/{duplicate}");

        Assert.DoesNotContain("RUDE-c4che", hidden);
        Assert.Contains("含辱骂内容", hidden);
        Assert.Contains("SUMMARY-c4che", closed);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.EndsWith($"/threads/{number}#merged-{duplicate}", merged.Headers.Location!.ToString());
    }

    [Fact]
    public async Task WriteByAnotherNode_ShowsOnTheNextAnonymousRequest()
    {
        var (number, id, _) = await NewThreadAsync("缓存他节点测试");
        await CachedAsync($"/threads/{number}");

        // Written straight to the shared database, as another node (or a background job) would.
        await app.Data.PostAsync(id, PostKind.OfficialReply, "OTHER-NODE-c4che 已派人", DateTime.UtcNow, companyId: await app.Data.ScalarAsync<long>("SELECT CompanyId FROM Threads WHERE Id = @Id", new { Id = id }));
        var next = await app.Client().GetAsync($"/threads/{number}");

        Assert.False(FromCache(next));
        Assert.Contains("OTHER-NODE-c4che", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignedInReader_NeverReceivesNorStoresACachedPage()
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        await CachedAsync("/");

        var signedIn = await homeowner.GetAsync("/");
        var signedInHtml = await signedIn.Content.ReadAsStringAsync();
        var anonymousAfter = await app.Client().GetStringAsync("/");

        Assert.False(FromCache(signedIn));
        Assert.Contains("/account/sign-out", signedInHtml);
        Assert.DoesNotContain("/account/sign-out", anonymousAfter);
        Assert.DoesNotContain("湾景业主小陈", anonymousAfter.Split("<main")[0]);
    }

    [Fact]
    public async Task Languages_NeverMix()
    {
        foreach (var round in new[] { 1, 2 })
        {
            var english = await app.Client("en").GetAsync("/");
            var chinese = await app.Client("zh-CN").GetAsync("/");
            var englishHtml = await english.Content.ReadAsStringAsync();
            var chineseHtml = await chinese.Content.ReadAsStringAsync();

            Assert.Contains("lang=\"en\"", englishHtml);
            Assert.Contains("lang=\"zh-CN\"", chineseHtml);
            if (round == 2)
            {
                Assert.True(FromCache(english) && FromCache(chinese), "both languages are cached, each on its own");
            }
        }

        // The language cookie chooses too, whatever the browser asks for.
        var cookie = new HttpRequestMessage(HttpMethod.Get, "/");
        cookie.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var byCookie = await app.Client("zh-CN").SendAsync(cookie);
        Assert.Contains("lang=\"en\"", await byCookie.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?company=shenzhen&status=open")]
    [InlineData("/threads/T-000001")]
    [InlineData("/companies/shenzhen")]
    [InlineData("/projects/sz-bayview-garden")]
    [InlineData("/scoreboard")]
    [InlineData("/search?q=漏水")]
    [InlineData("/feeds/complaints.atom")]
    [InlineData("/companies/shenzhen/feed.atom")]
    [InlineData("/sitemap-complaints.xml")]
    public async Task AnonymousPages_AreCached_AndCarryNothingOfOneReader(string url)
    {
        var html = await CachedAsync(url);
        var fresh = await app.Client().GetAsync(url);

        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.False(fresh.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Search_GivesTheSameResults_WithAndWithoutTheCache()
    {
        static List<string> Numbers(string html) =>
            Forms.Parse(html).QuerySelectorAll("[data-number]").Select(e => e.GetAttribute("data-number")!).ToList();
        var signedIn = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        foreach (var url in new[] { "/search?q=漏水", "/search?q=电梯&sort=newest", "/search?q=楼" })
        {
            var cached = await CachedAsync(url);
            var uncached = await signedIn.GetAsync(url);

            Assert.False(FromCache(uncached));
            Assert.NotEmpty(Numbers(cached));
            Assert.Equal(Numbers(await uncached.Content.ReadAsStringAsync()), Numbers(cached));
        }
    }

    [Fact]
    public async Task Html_IsCompressed_WithBrotliOrGzip()
    {
        foreach (var encoding in new[] { "br", "gzip" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            var response = await app.Client().SendAsync(request);

            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        }
    }
}
