using System.Net;
using Forum.Core.Mail;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Web.Mail;

/// <summary>
/// The outbox alarm through the real app: a 550 from the real SMTP server raises the banner for HQ and admins (and
/// nobody else), <c>/admin/outbox</c> lists it and retries it to a corrected address; a stuck outbox degrades
/// <c>/healthz</c>. Each test has its own app, SMTP server and clock.
/// </summary>
public class OutboxAlarmTests
{
    private static async Task<(ForumAppFactory App, FakeTimeProvider Time)> AppAsync(int smtpPort)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = new ForumAppFactory(
            new Dictionary<string, string?>
            {
                ["Forum:RateLimits:Enabled"] = "false",
                ["Forum:Smtp:Host"] = "127.0.0.1",
                ["Forum:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            services => services.AddSingleton<TimeProvider>(time));
        _ = app.Server;
        await Task.CompletedTask;
        return (app, time);
    }

    private static HttpClient Client(ForumAppFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static OutgoingMessage Message(string to) =>
        new("深圳公司总经理", to, "zh-CN", "【T-000001】测试", "正文", "<p>正文</p>", Guid.NewGuid().ToString("N") + "@forum.test")
        {
            ThreadId = 1,
            RecipientRole = "CompanyHead",
        };

    private static TestData Data(ForumAppFactory app) => new(app.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>());

    [Fact]
    public async Task Alarm_After550_BannerForHqAndAdmins_OutboxPageRetriesToACorrectedAddress_ThenTheAlarmIsGone()
    {
        await using var smtp = await SmtpTestServer.StartAsync(reject: ["refused@example.com"]);
        var (app, time) = await AppAsync(smtp.Port);
        await using var _ = app;
        await app.Services.GetRequiredService<IOutboxRepository>().EnqueueAsync("Escalation", [Message("refused@example.com")], time.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken);
        var delivered = await app.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, delivered.Failed);

        var hq = await Forms.SignInAsync(Client(app), "hq.staff@example.com");
        var local = await Forms.SignInAsync(Client(app), "shenzhen.staff@example.com");
        var admin = await Forms.SignInAsync(Client(app), "admin@example.com");
        var hqConsole = await hq.GetStringAsync("/staff", TestContext.Current.CancellationToken);
        var localConsole = await local.GetStringAsync("/staff", TestContext.Current.CancellationToken);
        var adminPage = await admin.GetStringAsync("/admin", TestContext.Current.CancellationToken);
        var outboxPage = await admin.GetStringAsync("/admin/outbox", TestContext.Current.CancellationToken);
        var localOutbox = await local.GetAsync("/admin/outbox", TestContext.Current.CancellationToken);

        Assert.Contains("data-outbox-alarm", hqConsole);
        Assert.Contains("1 封邮件发送失败。", hqConsole);
        Assert.DoesNotContain("data-outbox-alarm", localConsole);
        Assert.Contains("data-outbox-alarm", adminPage);
        Assert.Contains("refused@example.com", outboxPage);
        Assert.Contains("550 5.1.1", outboxPage);
        Assert.Contains("data-state=\"Failed\"", outboxPage);
        Assert.Equal(HttpStatusCode.Redirect, localOutbox.StatusCode);
        Assert.Contains("/account/denied", localOutbox.Headers.Location!.ToString());

        var id = await Data(app).ScalarAsync<long>("SELECT Id FROM OutboxMessages WHERE ToEmail = 'refused@example.com'");
        var bad = await Forms.SubmitAsync(admin, "/admin/outbox", $"retry-{id}", new Dictionary<string, string?> { ["CorrectedEmail"] = "not an address" });
        var badHtml = await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("请输入有效的电子邮件地址。", badHtml);
        Assert.Contains("data-field=\"Email\"", badHtml);
        Assert.Equal("Failed", await Data(app).ScalarAsync<string>("SELECT Status FROM OutboxMessages WHERE Id = @Id", new { Id = id }));

        var retried = await Forms.SubmitAsync(admin, "/admin/outbox", $"retry-{id}", new Dictionary<string, string?> { ["CorrectedEmail"] = "head@example.com" });
        var again = await app.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(1, again.Sent);
        Assert.Equal(["head@example.com"], smtp.Received().Select(m => m.To));
        var row = Assert.Single(await Data(app).QueryAsync<(string Status, int Attempts)>("SELECT Status, Attempts FROM OutboxMessages WHERE Id = @Id", new { Id = id }));
        Assert.Equal(("Sent", 2), row);
        Assert.Equal(1, await Data(app).ScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'RetryMessage' AND After = 'head@example.com'"));
        Assert.DoesNotContain("data-outbox-alarm", await hq.GetStringAsync("/staff", TestContext.Current.CancellationToken));

        // The complaint's staff page keeps the whole story: the refusal is gone from the row, the acceptance is there.
        var proof = Forms.Parse(await hq.GetStringAsync("/staff/threads/T-000001", TestContext.Current.CancellationToken));
        var item = proof.QuerySelector($"#notifications li[data-message=\"{id}\"]")!;
        Assert.Equal("Sent", item.GetAttribute("data-state"));
        Assert.Contains("head@example.com", item.TextContent);
        Assert.Contains("公司负责人", item.TextContent);
        Assert.Contains("2.0.0 Ok: queued as", item.TextContent);
        Assert.Contains(smtp.Received()[0].Message.MessageId!, item.TextContent);
        Assert.Contains("邮件服务器接收时间", item.TextContent);
    }

    [Fact]
    public async Task Healthz_OldestPendingOlderThan15Minutes_Degraded_OkAgainOnceDelivered_AndDismissEndsAFailuresAlarm()
    {
        await using var smtp = SmtpTestServer.NotStarted(reject: ["refused@example.com"]);
        var (app, time) = await AppAsync(smtp.Port);
        await using var _ = app;
        var client = Client(app);
        var delivery = app.Services.GetRequiredService<OutboxDelivery>();
        await app.Services.GetRequiredService<IOutboxRepository>().EnqueueAsync("Escalation",
            [Message("ok@example.com"), Message("refused@example.com")], time.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken);
        await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);

        var fresh = await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(16));
        await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);
        var stuck = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var hq = await Forms.SignInAsync(Client(app), "hq.staff@example.com");
        var banner = await hq.GetStringAsync("/staff", TestContext.Current.CancellationToken);
        await smtp.StartAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);
        var back = await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal("ok", fresh);
        Assert.Equal(HttpStatusCode.OK, stuck.StatusCode);
        Assert.Equal("degraded", await stuck.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("2 封邮件已等待超过 15 分钟。", banner);
        Assert.Equal("ok", back);
        Assert.Equal(["ok@example.com"], smtp.Received().Select(m => m.To));

        // The refused one now raises the alarm until someone deals with it; dismissing keeps it in the record as failed.
        var admin = await Forms.SignInAsync(Client(app), "admin@example.com");
        Assert.Contains("1 封邮件发送失败。", await admin.GetStringAsync("/admin", TestContext.Current.CancellationToken));
        var id = await Data(app).ScalarAsync<long>("SELECT Id FROM OutboxMessages WHERE ToEmail = 'refused@example.com'");
        var dismissed = await Forms.SubmitAsync(admin, "/admin/outbox", $"dismiss-{id}", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.DoesNotContain("data-outbox-alarm", await admin.GetStringAsync("/admin", TestContext.Current.CancellationToken));
        Assert.Equal("Failed", await Data(app).ScalarAsync<string>("SELECT Status FROM OutboxMessages WHERE Id = @Id", new { Id = id }));
        Assert.Equal(1, await Data(app).ScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'DismissMessage'"));
    }
}
