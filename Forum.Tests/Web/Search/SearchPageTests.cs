using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forum.Tests.Web.Search;

/// <summary><c>/search</c> on the demo data, through HTTP as a visitor's browser sends it.</summary>
public class SearchPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Url(string q, string extra = "") => "/search?q=" + Uri.EscapeDataString(q) + extra;

    [Fact]
    public async Task EveryPublicPage_HasTheSearchBox()
    {
        var client = app.Client();
        foreach (var path in new[] { "/", "/scoreboard", "/threads/T-000001", "/companies/shenzhen" })
        {
            var html = await client.GetStringAsync(path);
            Assert.Contains("<form class=\"site-search\" method=\"get\" action=\"/search\"", html);
        }
    }

    [Fact]
    public async Task ChineseWord_FindsThreads_WithTheWordHighlighted()
    {
        var html = await app.Client().GetStringAsync(Url("漏水"));

        Assert.Contains("<mark>漏水</mark>", html);
        Assert.Matches("data-number=\"T-\\d{6}\"", html);
        Assert.Contains("value=\"漏水\"", html);
    }

    [Fact]
    public async Task ThreadNumber_FindsThatThread()
    {
        var html = await app.Client().GetStringAsync(Url("T-000007"));

        Assert.Contains("data-number=\"T-000007\"", html);
        Assert.Contains("<mark>T-000007</mark>", html);
    }

    [Theory]
    [InlineData("")]
    [InlineData("水")]
    [InlineData("\" * NEAR( OR -")]
    [InlineData("漏水\" OR \"1\"=\"1")]
    [InlineData("'; DROP TABLE Threads; --")]
    [InlineData("NEAR(漏水 裂缝, 2)")]
    [InlineData("漏水*")]
    public async Task AwkwardInput_IsAPage_NeverAServerError(string q)
    {
        var response = await app.Client().GetAsync(Url(q));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>搜索投诉</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TwoThousandCharacters_SearchesTheStart_AndSaysSo()
    {
        var response = await app.Client("en").GetAsync(Url(string.Concat(Enumerable.Repeat("漏水", 1000))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("only its first 100 characters were searched", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", "Type a word to search for")]
    [InlineData("*** ---", "only punctuation or symbols")]
    [InlineData("没有这个词的投诉xyz", "No complaints match")]
    public async Task NothingFound_SaysWhy_InTheReadersLanguage(string q, string message)
    {
        var html = await app.Client("en").GetStringAsync(Url(q));

        Assert.Contains(message, html);
    }

    [Fact]
    public async Task ScriptInTheQuery_IsShownAsText()
    {
        var html = await app.Client().GetStringAsync(Url("<script>alert(1)</script> 漏水"));

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task Filters_NarrowTheResults_AndStayInTheForm()
    {
        var all = await app.Client().GetStringAsync(Url("漏水"));
        var html = await app.Client().GetStringAsync(Url("漏水", "&company=shenzhen&sort=newest&category=nonsense"));

        var companies = System.Text.RegularExpressions.Regex.Matches(Results(html), "href=\"/companies/([a-z-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(companies);
        Assert.All(companies, c => Assert.Equal("shenzhen", c));
        Assert.Contains("href=\"/companies/guangzhou\"", Results(all));
        Assert.Contains("<option value=\"shenzhen\" selected", html);
        Assert.Contains("<option value=\"newest\" selected", html);
        Assert.Contains("nonsense", html);
    }

    private static string Results(string html) =>
        html.Contains("search-results", StringComparison.Ordinal) ? html.Split("search-results")[1].Split("</ol>")[0] : "";

    [Fact]
    public async Task ContactDetails_NeverInTheResults()
    {
        var client = app.Client();
        var html = await client.GetStringAsync(Url("漏水"));

        Assert.DoesNotMatch(@"1[3-9]\d{9}", html);
    }

    [Fact]
    public async Task SearchIsRateLimited_With429AndRetryAfter()
    {
        await using var limited = new ForumAppFactory(new Dictionary<string, string?> { ["Forum:RateLimits:SearchesPerAddressPerMinute"] = "2" });
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(Url("漏水"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
