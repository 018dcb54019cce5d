using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>Forms that need a browser to check: the company → project list filtered by our script.</summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class FormsInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static Task<string[]> OfferedProjectsAsync(IPage page, string select) =>
        page.EvalOnSelectorAllAsync<string[]>($"{select} optgroup:not([disabled]) option", "options => options.map(o => o.value)");

    [Fact]
    public async Task NewComplaint_ChoosingACompany_OffersOnlyItsProjects_AndAProjectChoosesItsCompany()
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.GotoAsync("/account/sign-in?returnUrl=%2F");
        await page.FillAsync("input[name='Input.Email']", "homeowner@example.com");
        await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/$"));

        // Reached by a link: Blazor's enhanced navigation, where the script must run again.
        await page.Locator("nav.site-nav a[href='/threads/new']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("发布投诉");
        var projects = "select[name='Input.Project']";
        var all = await OfferedProjectsAsync(page, projects);

        await page.Locator("select[name='Input.Company']").SelectOptionAsync("shanghai");
        var shanghai = await OfferedProjectsAsync(page, projects);

        Assert.Contains("sz-bayview-garden", all);
        Assert.NotEmpty(shanghai);
        Assert.All(shanghai, p => Assert.StartsWith("sh-", p));
        Assert.True(shanghai.Length < all.Length);

        await page.Locator(projects).SelectOptionAsync("sh-binjiang-one");
        await page.Locator("select[name='Input.Company']").SelectOptionAsync("shenzhen");
        await Expect(page.Locator(projects)).ToHaveValueAsync("");

        await page.Locator("select[name='Input.Company']").SelectOptionAsync("");
        await page.Locator(projects).SelectOptionAsync("bj-chaoyang-yufu");
        await Expect(page.Locator("select[name='Input.Company']")).ToHaveValueAsync("beijing");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/threads/T-000001")]
    [InlineData("/scoreboard")]
    public async Task PublicPage_LoadsWithoutAConsoleErrorOrAFailedRequest_FaviconIncluded(string url)
    {
        var page = await browser.NewPageAsync("en");
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add("console: " + message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var icon = await page.EvaluateAsync<int>("fetch('/favicon.ico').then(r => r.status)");

        Assert.Empty(problems);
        Assert.Equal(200, icon);
    }
}
