using System.Globalization;
using System.Text.RegularExpressions;
using Forum.Core.Mail;
using Forum.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>
/// Issue 12's chain, in real Chromium against the running app and the real SMTP server: a homeowner posts, the intake
/// mail arrives, staff answer, the author's mail arrives, its unsubscribe link works in the browser, and the next
/// answer brings the author no more mail. The notifier and the delivery are run by the test, as their jobs run them,
/// and the app's clock is a FakeTimeProvider moved past the coalescing window: nothing waits for time.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public partial class NotificationEndToEndTests
{
    [GeneratedRegex(@"http://forum\.e2e(/unsubscribe\?t=[^\s]+)")]
    private static partial Regex UnsubscribeLink();

    [Fact]
    public async Task Post_IntakeMail_StaffReply_AuthorMail_Unsubscribe_NoMoreMail()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ForumAppFactory(
            new Dictionary<string, string?>
            {
                ["Forum:Smtp:Host"] = "127.0.0.1",
                ["Forum:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Forum:PublicBaseUrl"] = "http://forum.e2e",
            },
            services => services.AddSingleton<TimeProvider>(time));
        var baseAddress = app.StartKestrel();
        var notifier = app.Services.GetRequiredService<Notifier>();
        var delivery = app.Services.GetRequiredService<OutboxDelivery>();
        var window = app.Services.GetRequiredService<NotificationOptions>().CoalesceWindow;
        var token = TestContext.Current.CancellationToken;

        // What the notify and delivery jobs do on each run; the demo world's own news goes out on the first.
        async Task<IReadOnlyList<ReceivedMail>> RunJobsAsync()
        {
            var before = smtp.Received().Count;
            await notifier.RunAsync(token);
            await delivery.DeliverDueAsync(token);
            return smtp.Received().Skip(before).ToList();
        }

        time.Advance(window);
        await RunJobsAsync();

        Assert.True(File.Exists(BrowserFixture.ChromiumPath), "run ./test.sh, which installs Debian's chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        async Task<IPage> SignedInAsync(string email)
        {
            var page = await (await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseAddress.ToString(),
                Locale = "zh-CN",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" },
            })).NewPageAsync();
            await page.GotoAsync("/account/sign-in");
            await page.FillAsync("input[name='Input.Email']", email);
            await page.FillAsync("input[name='Input.Password']", "Demo-2026!");
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(new Regex("/$"));
            return page;
        }

        // 1. The homeowner posts.
        var homeowner = await SignedInAsync("homeowner@example.com");
        await homeowner.GotoAsync("/threads/new");
        await homeowner.SelectOptionAsync("select[name='Input.Company']", "shenzhen");
        await homeowner.SelectOptionAsync("select[name='Input.Project']", "sz-bayview-garden");
        await homeowner.SelectOptionAsync("select[name='Input.Category']", "engineering");
        await homeowner.FillAsync("input[name='Input.Title']", "湾景花园3栋电梯经常停运");
        await homeowner.FillAsync("textarea[name='Input.Body']", "3栋两部电梯这周停了三次，老人上下楼很困难。");
        await homeowner.FillAsync("input[name='Input.RealName']", "陈业主");
        await homeowner.FillAsync("input[name='Input.Phone']", "13700002222");
        await homeowner.FillAsync("input[name='Input.Unit']", "3栋1801");
        await homeowner.ClickAsync("main form button[type=submit]");
        await homeowner.WaitForURLAsync(new Regex(@"/threads/T-\d{6}\?posted=1$"));
        var number = Regex.Match(homeowner.Url, @"T-\d{6}").Value;

        // 2. The intake mail reaches the company's customer relations.
        var intake = (await RunJobsAsync()).Where(m => m.Subject.Contains(number, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(intake);
        Assert.All(intake, m => Assert.Contains($"http://forum.e2e/staff/threads/{number}", m.Text));
        Assert.DoesNotContain(intake, m => m.To == "homeowner@example.com");

        // 3. Staff post an official reply on the staff page.
        var staff = await SignedInAsync("shenzhen.staff@example.com");
        async Task AnswerAsync(string body)
        {
            await staff.GotoAsync($"/staff/threads/{number}");
            await staff.SelectOptionAsync("select[name='Answer.Kind']", "OfficialReply");
            await staff.FillAsync("textarea[name='Answer.Body']", body);
            await staff.ClickAsync("#answer button[type=submit]");
            await Expect(staff.Locator(".posts")).ToContainTextAsync(body);
        }

        await AnswerAsync("您好，已联系电梯维保单位，今天下午到场检修。");

        // 4. Once the coalescing window has passed, the author's mail arrives.
        var heldWhileTheWindowIsOpen = await RunJobsAsync();
        time.Advance(window);
        var authorMail = (await RunJobsAsync()).Where(m => m.To == "homeowner@example.com").ToList();
        Assert.DoesNotContain(heldWhileTheWindowIsOpen, m => m.To == "homeowner@example.com");
        var mail = Assert.Single(authorMail);
        Assert.Contains(number, mail.Subject);
        Assert.Contains("今天下午到场检修", mail.Text);
        Assert.StartsWith("<http://forum.e2e/unsubscribe/one-click?t=", mail.Message.Headers["List-Unsubscribe"]);

        // 5. Its unsubscribe link, opened in the browser, asks once and confirms.
        var link = UnsubscribeLink().Match(mail.Text).Groups[1].Value;
        Assert.NotEmpty(link);
        var reader = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = "zh-CN" })).NewPageAsync();
        await reader.GotoAsync(link);
        await reader.ClickAsync("main form button[type=submit]");
        await Expect(reader.Locator("[data-unsubscribed]")).ToContainTextAsync(number);

        // 6. The next official reply brings the author no more mail about this complaint.
        await AnswerAsync("检修完成，更换了门机控制板，请您留意使用情况。");
        time.Advance(window);
        var after = await RunJobsAsync();
        var data = new TestData(app.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>());
        var id = long.Parse(number[2..], CultureInfo.InvariantCulture);
        Assert.DoesNotContain(after, m => m.To == "homeowner@example.com");
        Assert.Single(smtp.Received(), m => m.To == "homeowner@example.com" && m.Subject.Contains(number, StringComparison.Ordinal));
        // The second reply was read and mailed to nobody (not merely still held): the complaint's mark is past it.
        Assert.Equal(0, await data.ScalarAsync<int>(
            "SELECT COUNT(*) FROM ThreadEvents e WHERE e.ThreadId = @Id AND e.Kind = 'OfficialReply' AND e.Id > (SELECT m.LastEventId FROM NotificationThreadMarks m WHERE m.ThreadId = @Id)",
            new { Id = id }));
        Assert.Equal(2, await data.ScalarAsync<int>("SELECT COUNT(*) FROM ThreadEvents WHERE ThreadId = @Id AND Kind = 'OfficialReply'", new { Id = id }));
    }
}
