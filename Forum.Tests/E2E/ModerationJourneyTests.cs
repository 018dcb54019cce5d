using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>
/// The back office in real Chromium: a Shenzhen moderator sees an overdue complaint at the top of the live console,
/// replies, proposes a solution and closes it; the homeowner confirms and rates; the public page shows the whole
/// timeline; an HQ moderator hides a post with a reason.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class ModerationJourneyTests
{
    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/$"));
    }

    [Fact]
    public async Task Moderator_AnswersSolvesCloses_HomeownerRates_HqHidesAPost()
    {
        await using var app = new ForumAppFactory();
        var baseAddress = app.StartKestrel();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        async Task<IPage> PageAsync() => await (await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" },
        })).NewPageAsync();

        // The moderator's console: the most overdue Shenzhen complaint is first.
        var moderator = await PageAsync();
        await SignInAsync(moderator, "shenzhen.staff@example.com");
        await moderator.GotoAsync("/staff");
        var top = moderator.Locator("table.queue tbody tr").First;
        await Expect(top).ToHaveClassAsync(new Regex("overdue"));
        await Expect(top).ToContainTextAsync("深圳公司");
        var number = await top.GetAttributeAsync("data-number");
        await top.Locator("a.thread-number").ClickAsync();
        await moderator.WaitForURLAsync(new Regex($"/staff/threads/{number}$"));
        await Expect(moderator.Locator(".private-contact .contact-phone")).ToHaveTextAsync(new Regex(@"^1380000\d{4}$"));

        // Reply, propose a solution, close.
        await moderator.SelectOptionAsync("select[name='Answer.Kind']", "OfficialReply");
        await moderator.FillAsync("textarea[name='Answer.Body']", "您好，已收到，明天上午安排工程部上门。");
        await moderator.ClickAsync("#answer button[type=submit]");
        await Expect(moderator.Locator(".posts")).ToContainTextAsync("明天上午安排工程部上门");
        await moderator.SelectOptionAsync("select[name='Answer.Kind']", "Solution");
        await moderator.FillAsync("textarea[name='Answer.Body']", "方案：更换受损部件，周五前完工。");
        await moderator.ClickAsync("#answer button[type=submit]");
        await Expect(moderator.Locator(".posts")).ToContainTextAsync("更换受损部件");
        await moderator.FillAsync("textarea[name='Closing.Summary']", "已更换受损部件，业主现场确认。");
        await moderator.ClickAsync("#close button[type=submit]");
        await Expect(moderator.Locator(".thread-flags .badge")).ToHaveTextAsync("已关闭");

        // The homeowner who posted it confirms and rates (the author of this demo thread signs in by its account,
        // so the test makes the demo homeowner its author first).
        var id = long.Parse(number![2..], CultureInfo.InvariantCulture);
        var data = new TestData(app.Services.GetService(typeof(Forum.Data.Database.ForumDatabase)) as Forum.Data.Database.ForumDatabase ?? throw new InvalidOperationException());
        await data.ScalarAsync<int>("UPDATE Threads SET AuthorId = (SELECT Id FROM Users WHERE Email = 'homeowner@example.com') WHERE Id = @Id", new { Id = id });
        var homeowner = await PageAsync();
        await SignInAsync(homeowner, "homeowner@example.com");
        await homeowner.GotoAsync($"/threads/{number}");
        await homeowner.SelectOptionAsync("select[name='FollowUp.Rating']", "5");
        await homeowner.FillAsync("textarea[name='FollowUp.Comment']", "处理很及时，谢谢！");
        await homeowner.ClickAsync("#follow-up form button[type=submit]");
        await Expect(homeowner.Locator(".rating")).ToContainTextAsync("评分 5/5");

        // The public page tells the whole story.
        var visitor = await PageAsync();
        await visitor.GotoAsync($"/threads/{number}");
        var timeline = visitor.Locator("ol.timeline");
        await Expect(timeline).ToContainTextAsync("业主发布投诉");
        await Expect(timeline).ToContainTextAsync("深圳公司首次官方回复");
        await Expect(timeline).ToContainTextAsync("深圳公司给出解决方案");
        await Expect(timeline).ToContainTextAsync("已关闭");
        await Expect(visitor.Locator(".resolution")).ToContainTextAsync("已更换受损部件，业主现场确认。");
        Assert.DoesNotContain("1380000", await visitor.ContentAsync());

        // HQ hides a homeowner's post with a reason; the public sees the tombstone.
        var hq = await PageAsync();
        await SignInAsync(hq, "hq.staff@example.com");
        var withReply = await data.ScalarAsync<long>("SELECT MIN(ThreadId) FROM Posts WHERE Kind = 'HomeownerReply' AND IsHidden = 0");
        var hideNumber = Forum.Core.Complaints.ThreadNumber.Format(withReply);
        await hq.GotoAsync($"/staff/threads/{hideNumber}");
        var hideForm = hq.Locator("form.hide-post").First;
        await hideForm.Locator("input[name=HideReason]").FillAsync("含个人信息");
        await hideForm.Locator("button").ClickAsync();
        await visitor.GotoAsync($"/threads/{hideNumber}");
        await Expect(visitor.Locator(".tombstone").First).ToContainTextAsync("该回复已被集团客户关系中心隐藏。原因：含个人信息");
    }
}
