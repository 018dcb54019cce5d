using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>
/// A new homeowner, in real Chromium against the running app: registers, reads the confirmation e-mail that the
/// real SMTP server received, confirms, posts a complaint with private contact details, sees it in public without
/// them, replies, and co-signs a neighbour's complaint.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public partial class HomeownerJourneyTests
{
    [GeneratedRegex(@"http://forum\.e2e(/account/confirm\?user=\d+&code=[A-Za-z0-9_\-]+)")]
    private static partial Regex ConfirmLink();

    [Fact]
    public async Task Register_Confirm_Post_SeePublicWithoutContact_Reply_CoSign()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = new ForumAppFactory(new Dictionary<string, string?>
        {
            ["Forum:Jobs:Enabled"] = "true",
            ["Forum:Jobs:PollingInterval"] = "00:00:01",
            ["Forum:Jobs:DeliveryCron"] = "* * * * * *",
            ["Forum:Smtp:Host"] = "127.0.0.1",
            ["Forum:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Forum:PublicBaseUrl"] = "http://forum.e2e",
        });
        var baseAddress = app.StartKestrel();
        Assert.True(File.Exists(BrowserFixture.ChromiumPath), "run ./test.sh, which installs Debian's chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "zh-CN",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" },
        });
        var page = await context.NewPageAsync();
        var email = $"lin{Guid.NewGuid():N}"[..12] + "@example.com";

        // Register.
        await page.GotoAsync("/account/register");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.DisplayName']", "锦茂花园小林");
        await page.FillAsync("input[name='Input.Password']", "lin-pass-2026");
        await page.FillAsync("input[name='Input.ConfirmPassword']", "lin-pass-2026");
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("请查收邮件");

        // The confirmation e-mail arrives at the real SMTP server; follow its link.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ReceivedMail? confirmation = null;
        while (confirmation is null && DateTime.UtcNow < deadline)
        {
            confirmation = smtp.Received().FirstOrDefault(m => m.To == email);
            if (confirmation is null)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(confirmation);
        Assert.Equal("请确认您在投诉论坛注册的邮箱", confirmation.Subject);
        var link = ConfirmLink().Match(confirmation.Text).Groups[1].Value;
        await page.GotoAsync(link);
        await Expect(page.Locator("[data-outcome]")).ToHaveAttributeAsync("data-outcome", "Confirmed");

        // Sign in and post.
        await page.GotoAsync("/account/sign-in?returnUrl=%2Fthreads%2Fnew");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", "lin-pass-2026");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(new Regex("/threads/new$"));
        await page.SelectOptionAsync("select[name='Input.Company']", "guangzhou");
        await page.SelectOptionAsync("select[name='Input.Project']", "gz-panyu-jinmao");
        await page.SelectOptionAsync("select[name='Input.Category']", "engineering");
        await page.FillAsync("input[name='Input.Title']", "锦茂花园7栋外墙渗水，客厅墙面发霉");
        await page.FillAsync("textarea[name='Input.Body']", "7栋2302客厅外墙一下雨就渗水，墙面已经发霉。\n\n物业说要等开发商处理，请尽快安排。");
        await page.FillAsync("input[name='Input.RealName']", "林晓峰");
        await page.FillAsync("input[name='Input.Phone']", "13600001111");
        await page.FillAsync("input[name='Input.Unit']", "7栋2302");
        await page.ClickAsync("main form button[type=submit]");
        try
        {
            await page.WaitForURLAsync(new Regex(@"/threads/T-\d{6}\?posted=1$"), new PageWaitForURLOptions { Timeout = 10000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/e2e-post.png", FullPage = true });
            throw;
        }
        var number = Regex.Match(page.Url, @"T-\d{6}").Value;
        await Expect(page.Locator(".notice.success")).ToContainTextAsync(number);

        // In public (a fresh, anonymous browser): the complaint is there, the private contact is not.
        var visitor = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "zh-CN" })).NewPageAsync();
        await visitor.GotoAsync("/");
        await Expect(visitor.Locator($"li.thread-row[data-number='{number}'] a.thread-title")).ToHaveTextAsync("锦茂花园7栋外墙渗水，客厅墙面发霉");
        await visitor.GotoAsync($"/threads/{number}");
        var html = await visitor.ContentAsync();
        Assert.Contains("墙面已经发霉", html);
        Assert.DoesNotContain("林晓峰", html);
        Assert.DoesNotContain("13600001111", html);
        Assert.DoesNotContain("136****1111", html);

        // Reply on the complaint.
        await page.FillAsync("textarea[name='Reply.Body']", "补充：楼上邻居家也有同样问题。");
        await page.ClickAsync("#reply button[type=submit]");
        await Expect(page.Locator(".posts")).ToContainTextAsync("补充：楼上邻居家也有同样问题。");

        // Co-sign a neighbour's complaint.
        await page.GotoAsync("/threads/T-000002");
        var before = int.Parse(await page.Locator("dd.cosign-count").InnerTextAsync(), CultureInfo.InvariantCulture);
        await page.ClickAsync("section.cosign button[type=submit]");
        await Expect(page.Locator("section.cosign")).ToContainTextAsync("谢谢，您的附议已记录");
        await Expect(page.Locator("dd.cosign-count")).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
    }
}
