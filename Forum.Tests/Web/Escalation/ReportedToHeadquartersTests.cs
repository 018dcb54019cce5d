using System.Globalization;
using System.Net;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Web.Escalation;

/// <summary>
/// "Reported to headquarters at 14:03" is said only once the mail server accepted HQ's escalation mail: the real app
/// on SQLite, the real sweep, the real OutboxDelivery and a real SMTP server (which refuses some addresses).
/// </summary>
public class ReportedToHeadquartersTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static string English(DateTime local) => local.ToString("g", CultureInfo.GetCultureInfo("en"));

    private sealed class Ladder(ForumAppFactory app, FakeTimeProvider time, EscalationWorld world, long thread) : IAsyncDisposable
    {
        public FakeTimeProvider Time => time;
        public EscalationWorld World => world;
        public long Thread => thread;
        public string Number => ThreadNumber.Format(thread);

        public static async Task<Ladder> StartAsync(SmtpTestServer smtp)
        {
            var time = new FakeTimeProvider(Posted);
            var app = new ForumAppFactory(
                new Dictionary<string, string?>
                {
                    ["Forum:DemoData"] = "false",
                    ["Forum:Smtp:Host"] = "127.0.0.1",
                    ["Forum:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                },
                services => services.AddSingleton<TimeProvider>(time));
            _ = app.Server;
            var world = await EscalationWorld.CreateAsync(app.Services.GetRequiredService<ForumDatabase>());
            var thread = await world.ThreadAsync(Posted.UtcDateTime, "地下车库渗水");
            return new Ladder(app, time, world, thread);
        }

        public Task SweepAsync() => app.Services.GetRequiredService<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);

        public Task DeliverAsync() => app.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        public async Task<string> PageAsync(string language)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var response = await client.GetAsync($"/threads/{Number}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    [Fact]
    public async Task ThreadPage_HeadquartersMailQueuedThenAccepted_SaysReportingThenReportedAtAcceptance()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var ladder = await Ladder.StartAsync(smtp);
        ladder.Time.Advance(TimeSpan.FromHours(3));
        await ladder.SweepAsync();

        var queued = await ladder.PageAsync("zh-CN");
        var queuedEn = await ladder.PageAsync("en");
        ladder.Time.Advance(TimeSpan.FromMinutes(2));
        await ladder.DeliverAsync();
        var accepted = await ladder.PageAsync("zh-CN");
        var acceptedEn = await ladder.PageAsync("en");

        Assert.Contains("正在上报集团…：3 小时内未官方回复", queued);
        Assert.Contains("正在上报集团…", queued[queued.IndexOf("class=\"deadline", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("上报集团：", queued.Replace("正在上报集团…：", "", StringComparison.Ordinal));
        Assert.DoesNotContain("已于", queued);
        Assert.Contains("Reporting to headquarters…: no official reply within 3 h", queuedEn);
        Assert.DoesNotContain("Reported to headquarters", queuedEn);
        // Accepted at 04:02 UTC: shown in Asia/Shanghai, in the timeline and in the deadline box.
        Assert.Contains("已于 2026/11/23 12:02 上报集团：3 小时内未官方回复", accepted);
        Assert.Contains("已于 2026/11/23 12:02 上报集团", accepted[accepted.IndexOf("class=\"deadline", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("正在上报集团", accepted);
        Assert.Contains($"Reported to headquarters at {English(new DateTime(2026, 11, 23, 12, 2, 0))}: no official reply within 3 h", acceptedEn);
    }

    [Fact]
    public async Task ThreadPage_HeadquartersRefuses550_NeverSaysReported()
    {
        await using var smtp = await SmtpTestServer.StartAsync(reject: [EscalationWorld.HqCustomerRelations]);
        await using var ladder = await Ladder.StartAsync(smtp);
        ladder.Time.Advance(TimeSpan.FromHours(3));
        await ladder.SweepAsync();

        await ladder.DeliverAsync();
        var page = await ladder.PageAsync("zh-CN");
        var pageEn = await ladder.PageAsync("en");

        // The local company's copy was accepted, HQ's was refused for good: HQ was not told.
        Assert.Equal([EscalationWorld.ShenzhenCustomerRelations], smtp.Received().Select(m => m.To));
        Assert.Equal("Failed", await ladder.World.Data.ScalarAsync<string>(
            "SELECT Status FROM OutboxMessages WHERE ToEmail = @To", new { To = EscalationWorld.HqCustomerRelations }));
        // Refused for good: neither "reported" nor a "reporting…" that will never end, only that the deadline passed.
        Assert.Contains("已超时：3 小时内未官方回复", page);
        Assert.DoesNotContain("正在上报集团", page);
        Assert.DoesNotContain("已于", page);
        Assert.DoesNotContain("Reported to headquarters", pageEn);
    }

    [Fact]
    public async Task ThreadPage_SolutionRungCompanyHeadRefused_HeadquartersToldAtAcceptance_CompanyHeadStillBeingTold()
    {
        await using var smtp = await SmtpTestServer.StartAsync(reject: [EscalationWorld.ShenzhenHead]);
        await using var ladder = await Ladder.StartAsync(smtp);
        await ladder.World.Data.AnswerAsync(ladder.Thread, Posted.UtcDateTime.AddHours(1));
        ladder.Time.Advance(TimeSpan.FromHours(12));
        await ladder.SweepAsync();

        var queued = await ladder.PageAsync("zh-CN");
        await ladder.DeliverAsync();
        var delivered = await ladder.PageAsync("zh-CN");
        var deliveredEn = await ladder.PageAsync("en");

        Assert.Contains("正在升级至集团领导…：12 小时内未给出解决方案", queued);
        Assert.Contains("正在通知公司负责人…", queued);
        Assert.Contains("已于 2026/11/23 21:00 升级至集团领导：12 小时内未给出解决方案", delivered);
        Assert.Contains("正在通知公司负责人…", delivered);
        Assert.DoesNotContain("通知公司负责人", delivered.Replace("正在通知公司负责人…", "", StringComparison.Ordinal));
        Assert.Contains($"Escalated to headquarters leadership at {English(new DateTime(2026, 11, 23, 21, 0, 0))}: no solution within 12 h", deliveredEn);
        Assert.Contains("telling the company head…", deliveredEn);
        Assert.DoesNotContain("the company head was told", deliveredEn);
    }
}
