using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class BrowsingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Visitor_Chinese_FiltersPagesAndOpensAThread()
    {
        var page = await browser.NewPageAsync("zh-CN");

        await page.GotoAsync("/");
        Assert.Equal("业主投诉", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(20, await page.Locator("li.thread-row").CountAsync());

        await page.Locator("select[name=company]").SelectOptionAsync("shenzhen");
        await Expect(page.Locator("select[name=company]")).ToHaveValueAsync("shenzhen");
        await page.Locator("form.filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"company=shenzhen"));
        await Expect(page.Locator("select[name=company] option[selected]")).ToHaveAttributeAsync("value", "shenzhen");
        var companies = await page.Locator("li.thread-row .thread-meta a[href^='/companies/']").AllInnerTextsAsync();
        Assert.NotEmpty(companies);
        Assert.All(companies, c => Assert.Equal("深圳公司", c));

        await page.GotoAsync("/");
        var firstPageLast = await page.Locator("li.thread-row").Last.GetAttributeAsync("data-number");
        await page.Locator("nav.pager a.older").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"before=\d+"));
        await Expect(page.Locator("nav.pager a.newer")).ToBeVisibleAsync();
        var secondPageFirst = await page.Locator("li.thread-row").First.GetAttributeAsync("data-number");
        Assert.True(string.CompareOrdinal(firstPageLast, secondPageFirst) > 0, $"{firstPageLast} then {secondPageFirst}");

        var title = await page.Locator("li.thread-row a.thread-title").First.InnerTextAsync();
        await page.Locator("li.thread-row a.thread-title").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/threads/T-\d{6}$"));
        // Enhanced navigation may update the address before the page: wait for the content itself.
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("业主发布投诉");
    }

    [Fact]
    public async Task Visitor_SearchesInChineseFromTheHomePage_AndOpensAResult()
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.GotoAsync("/");

        await page.Locator("form.site-search input[name=q]").FillAsync("电梯");
        await page.Locator("form.site-search button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/search\?q=%E7%94%B5%E6%A2%AF"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("搜索投诉");
        await Expect(page.Locator("form.filters input[name=q]")).ToHaveValueAsync("电梯");
        var marks = await page.Locator("ol.search-results mark").AllInnerTextsAsync();
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.Equal("电梯", m));

        var result = page.Locator("ol.search-results li.thread-row").First;
        var title = await result.Locator("a.thread-title").InnerTextAsync();
        Assert.Contains("电梯", title);
        await result.Locator("a.thread-title").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/threads/T-\d{6}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
    }

    [Fact]
    public async Task Visitor_SwitchesToEnglish_AndItSticks()
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.GotoAsync("/companies/shanghai");
        Assert.Equal("上海公司", await page.Locator("h1").InnerTextAsync());

        await page.Locator(".language-switch a[lang=en]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/companies/shanghai$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Shanghai Company");

        await page.Locator("li.thread-row a.thread-title").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/threads/T-\d{6}$"));
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("Complaint posted");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task Visitor_WithoutJavaScript_CanFilterAndPage()
    {
        var page = await browser.NewPageAsync("en", javaScript: false);

        await page.GotoAsync("/");
        await page.Locator("select[name=status]").SelectOptionAsync("closed");
        await Expect(page.Locator("select[name=status]")).ToHaveValueAsync("closed");
        await page.Locator("form.filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("status=closed"));

        var badges = await page.Locator("li.thread-row .badge.status-closed").CountAsync();
        Assert.True(badges > 0);
        Assert.Equal(await page.Locator("li.thread-row").CountAsync(), badges);
    }

    [Fact]
    public async Task Visitor_UnknownThread_SeesA404Page()
    {
        var page = await browser.NewPageAsync("en");

        var response = await page.GotoAsync("/threads/T-999999");

        Assert.Equal(404, response!.Status);
        Assert.Equal("Not found", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task Visitor_OpensTheScoreboard_InBothLanguages_AndSorts()
    {
        var page = await browser.NewPageAsync("zh-CN");

        await page.GotoAsync("/scoreboard");
        await Expect(page.Locator("h1")).ToHaveTextAsync("公司处理排行榜");
        await Expect(page.Locator("table.scoreboard tbody tr")).ToHaveCountAsync(4);
        await page.Locator("a[data-sort=Complaints]").ClickAsync();
        await page.WaitForURLAsync(new Regex("sort=Complaints"));
        await page.Locator(".language-switch a[lang=en]").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Company scoreboard");
        await Expect(page.Locator("th.sorted")).ToContainTextAsync("Complaints");
        await Expect(page.Locator("th.sorted")).ToHaveAttributeAsync("aria-sort", "descending");
    }

    [Fact]
    public async Task Executive_SignsIn_AndSeesYesterdaysNewAndOverdueComplaints()
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.GotoAsync("/account/sign-in?returnUrl=%2Fbriefing");
        await page.FillAsync("input[name='Input.Email']", "executive@example.com");
        await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/briefing$"));

        await Expect(page.Locator("h1")).ToHaveTextAsync("晨间简报");
        await Expect(page.Locator("table.briefing-companies tbody tr")).ToHaveCountAsync(4);
        Assert.True(await page.Locator(".briefing-new li.thread-row").CountAsync() > 0);
        Assert.True(await page.Locator(".briefing-past-reply tr.overdue").CountAsync() > 0);
        await page.Locator(".briefing-past-reply tr.overdue a.thread-number").First.ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/threads/T-\d{6}$"));
        await Expect(page.Locator(".deadline.overdue").First).ToBeVisibleAsync();
    }
}
