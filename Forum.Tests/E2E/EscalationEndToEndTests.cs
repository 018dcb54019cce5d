using System.Globalization;
using Forum.Core.Complaints;
using Forum.Data.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.E2E;

/// <summary>
/// The whole ladder in the running app: Hangfire's own schedule runs the sweep and the delivery every second, the
/// rungs are a few seconds long, and the app's clock is a FakeTimeProvider that the test moves past the deadline.
/// The test waits only for the background jobs to do their work, never for time to pass.
/// </summary>
[Trait("Category", "E2E")]
[Collection(E2ECollection.Name)]
public class EscalationEndToEndTests
{
    [Fact]
    public async Task UnansweredThread_IsReportedByTheScheduledSweep_MailArrives_AndThePublicTimelineShowsIt()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ForumAppFactory(
            new Dictionary<string, string?>
            {
                ["Forum:DemoData"] = "false",
                ["Forum:Jobs:Enabled"] = "true",
                ["Forum:Jobs:PollingInterval"] = "00:00:01",
                ["Forum:Jobs:DeliveryCron"] = "* * * * * *",
                ["Forum:Escalation:SweepCron"] = "* * * * * *",
                ["Forum:Escalation:FirstResponse"] = "00:00:03",
                ["Forum:Escalation:Solution"] = "00:00:08",
                // Rungs of seconds are inside the default reminder window at once: this story is the escalation itself.
                ["Forum:Escalation:WarnBefore"] = "00:00:00",
                ["Forum:Smtp:Host"] = "127.0.0.1",
                ["Forum:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Forum:PublicBaseUrl"] = "http://forum.e2e",
            },
            services => services.AddSingleton<TimeProvider>(time));
        var baseAddress = app.StartKestrel();
        var world = await EscalationWorld.CreateAsync(app.Services.GetRequiredService<ForumDatabase>());
        var thread = await world.ThreadAsync(time.GetUtcNow().UtcDateTime, "B栋电梯异响，晚上吵得睡不着");
        var number = ThreadNumber.Format(thread);

        time.Advance(TimeSpan.FromSeconds(3));
        // The intake alert for the new thread may arrive too (the notifier runs every minute): count the reports.
        var waitUntil = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<ReceivedMail> mail;
        while ((mail = smtp.Received().Where(m => !m.Subject.Contains("新投诉待受理", StringComparison.Ordinal)).ToList()).Count < 2 && DateTime.UtcNow < waitUntil)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        if (mail.Count < 2)
        {
            // Say what the database knows, so a failure here tells sweep from delivery.
            var escalations = await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Escalations");
            var outbox = await world.Data.QueryAsync<(string Status, int Attempts, string? LastResponse)>("SELECT Status, Attempts, LastResponse FROM OutboxMessages");
            var due = await world.Data.ScalarAsync<string?>("SELECT EscalationDueAt FROM Threads WHERE Id = @Id", new { Id = thread });
            Assert.Fail($"{mail.Count} messages after 60 s; escalations {escalations}; thread due {due}; now {time.GetUtcNow():O}; outbox [{string.Join("; ", outbox)}]");
        }

        Assert.Equal([EscalationWorld.HqCustomerRelations, EscalationWorld.ShenzhenCustomerRelations], mail.Select(m => m.To).Order());
        Assert.All(mail, m => Assert.Contains(number, m.Subject));
        Assert.All(mail, m => Assert.Contains($"http://forum.e2e/staff/threads/{number}", m.Text));

        // The page says "reported" only once the delivery has recorded HQ's acceptance, a moment after the server got it.
        while (await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE EscalationId IS NOT NULL AND Status = 'Sent'") < 2 && DateTime.UtcNow < waitUntil)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(BrowserFixture.ChromiumPath), "run ./test.sh, which installs Debian's chromium");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" } });
        await page.GotoAsync(new Uri(baseAddress, $"/threads/{number}").ToString());

        await Expect(page.Locator(".timeline-reportedtoheadquarters")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("已于 .+ 上报集团：3 秒内未官方回复"));
        await Expect(page.Locator(".deadline[data-rung=Solution]")).ToContainTextAsync("须在");
        // The passed deadline stays on the page, marked overdue, with when headquarters was told.
        await Expect(page.Locator(".deadline.overdue[data-rung=FirstResponse]")).ToContainTextAsync("已于");
    }
}
