using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Database;
using Forum.Web.Escalation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Web.Escalation;

/// <summary>
/// HQ's "received" link, over HTTP against the real app: the escalation mail (real sweep, real delivery, real SMTP
/// server) carries a signed link; the page it opens records one acknowledgement, with its audit row, in the record.
/// </summary>
public partial class AcknowledgementTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"http://forum\.test(?<path>/escalations/acknowledge\?token=[A-Za-z0-9%_\-]+)")]
    private static partial Regex AcknowledgeLink();

    private sealed record Escalated(ForumAppFactory App, FakeTimeProvider Time, EscalationWorld World, long Thread, IReadOnlyList<ReceivedMail> Mail) : IAsyncDisposable
    {
        public HttpClient Client(string language = "zh-CN")
        {
            var client = App.CreateClient();
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            return client;
        }

        public string LinkOf(string to) => AcknowledgeLink().Match(Mail.Single(m => m.To == to).Text).Groups["path"].Value;

        public Task<int> AcknowledgementsAsync() => World.Data.ScalarAsync<int>(
            "SELECT COUNT(*) FROM ThreadEvents WHERE ThreadId = @Id AND Kind = 'AcknowledgedByHeadquarters'", new { Id = Thread });

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static async Task<Escalated> EscalateAsync(SmtpTestServer smtp, bool rateLimits = false)
    {
        var time = new FakeTimeProvider(Posted);
        var app = new ForumAppFactory(
            new Dictionary<string, string?>
            {
                ["Forum:DemoData"] = "false",
                ["Forum:PublicBaseUrl"] = "http://forum.test",
                ["Forum:Smtp:Host"] = "127.0.0.1",
                ["Forum:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Forum:RateLimits:Enabled"] = rateLimits ? "true" : "false",
            },
            services => services.AddSingleton<TimeProvider>(time));
        _ = app.Server;
        var world = await EscalationWorld.CreateAsync(app.Services.GetRequiredService<ForumDatabase>());
        var thread = await world.ThreadAsync(Posted.UtcDateTime, "车库渗水 13812345678");
        time.Advance(TimeSpan.FromHours(3));
        await app.Services.GetRequiredService<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);
        await app.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        return new Escalated(app, time, world, thread, smtp.Received());
    }

    [Fact]
    public async Task EscalationMail_OnlyHeadquartersRecipientsGetTheReceivedLink()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var escalated = await EscalateAsync(smtp);

        var hq = escalated.Mail.Single(m => m.To == EscalationWorld.HqCustomerRelations);
        var local = escalated.Mail.Single(m => m.To == EscalationWorld.ShenzhenCustomerRelations);

        Assert.Matches(AcknowledgeLink(), hq.Text);
        Assert.Contains("已收到，确认", hq.Html);
        Assert.DoesNotMatch(AcknowledgeLink(), local.Text);
        Assert.DoesNotContain("/escalations/acknowledge", local.Html);
    }

    [Fact]
    public async Task AcknowledgePage_GetThenPost_RecordsOneEventAndAuditRow_TimelineShowsIt_SecondUseSaysAlready()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var escalated = await EscalateAsync(smtp);
        var link = escalated.LinkOf(EscalationWorld.HqCustomerRelations);
        var client = escalated.Client();

        var page = await client.GetAsync(link, TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var afterOpening = await escalated.AcknowledgementsAsync();
        escalated.Time.Advance(TimeSpan.FromMinutes(7));
        var form = Forms.Find(Forms.Parse(html), "acknowledge");
        var submitted = await Forms.SubmitAsync(client, link, form, new Dictionary<string, string?>());
        var done = await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // The same form sent again (a double tap, a second recipient's click): no second acknowledgement.
        var again = await Forms.SubmitAsync(client, link, form, new Dictionary<string, string?>());
        var againDone = await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var againHtml = await escalated.Client("en").GetStringAsync(link, TestContext.Current.CancellationToken);
        var thread = await escalated.Client().GetStringAsync($"/threads/{ThreadNumber.Format(escalated.Thread)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("集团客户关系中心：按下按钮", html);
        Assert.Contains("车库渗水 138****5678", html);
        Assert.Equal(0, afterOpening);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, done[Math.Max(0, done.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.Contains("谢谢：已于 2026/11/23 12:07 (Asia/Shanghai) 记录", done);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("已于 2026/11/23 12:07 (Asia/Shanghai) 确认收到，无需再次确认", againDone);
        Assert.Contains("Already acknowledged at", againHtml);
        var section = againHtml[againHtml.IndexOf("form-page acknowledge", StringComparison.Ordinal)..];
        Assert.DoesNotContain("<button", section[..section.IndexOf("</section>", StringComparison.Ordinal)]);
        Assert.Equal(1, await escalated.AcknowledgementsAsync());
        var recorded = (await escalated.World.Data.QueryAsync<(string Rung, int Cycle, DateTime At)>(
            "SELECT Rung, Cycle, At FROM ThreadEvents WHERE ThreadId = @Id AND Kind = 'AcknowledgedByHeadquarters'", new { Id = escalated.Thread })).Single();
        Assert.Equal(("FirstResponse", 0, Posted.UtcDateTime.AddHours(3).AddMinutes(7)), recorded);
        var audit = (await escalated.World.Data.QueryAsync<(long? ActorId, long RecipientId, string Action, long ThreadId)>(
            "SELECT ActorId, RecipientId, Action, ThreadId FROM AuditLog WHERE Action = 'AcknowledgeEscalation'")).Single();
        var recipientId = await escalated.World.Data.ScalarAsync<long>("SELECT Id FROM EscalationRecipients WHERE Email = @Email", new { Email = EscalationWorld.HqCustomerRelations });
        Assert.Equal((null, recipientId, "AcknowledgeEscalation", escalated.Thread), audit);
        Assert.Contains("集团已确认收到上报", thread);
    }

    [Fact]
    public async Task AcknowledgePage_TamperedOrExpiredToken_Localized400_NothingRecorded()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var escalated = await EscalateAsync(smtp);
        var link = escalated.LinkOf(EscalationWorld.HqCustomerRelations);
        var tampered = link[..^6] + (link[^6] == 'A' ? 'B' : 'A') + link[^5..];
        // A link made 31 days ago with the same keys: past its lifetime.
        var links = new AcknowledgementLinks(
            escalated.App.Services.GetRequiredService<IDataProtectionProvider>(), escalated.App.Services.GetRequiredService<IOptions<Forum.Web.Configuration.ForumOptions>>());
        var recipientId = await escalated.World.Data.ScalarAsync<long>("SELECT Id FROM EscalationRecipients WHERE Email = @Email", new { Email = EscalationWorld.HqCustomerRelations });
        var expired = AcknowledgementLinks.Path + "?token=" + Uri.EscapeDataString(
            links.Token(new AcknowledgementRequest(escalated.Thread, EscalationRung.FirstResponse, 0, recipientId), DateTime.UtcNow.AddDays(-31)));

        foreach (var url in new[] { tampered, expired, AcknowledgementLinks.Path + "?token=%00%FF<script>", AcknowledgementLinks.Path })
        {
            var response = await escalated.Client().GetAsync(url, TestContext.Current.CancellationToken);
            var english = await escalated.Client("en").GetAsync(url, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("此链接无效", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
            Assert.Contains("This link is not valid", await english.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, await escalated.AcknowledgementsAsync());
    }

    [Fact]
    public async Task AcknowledgePage_LocalRecipientsToken_403_NothingRecorded()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var escalated = await EscalateAsync(smtp);
        var links = escalated.App.Services.GetRequiredService<AcknowledgementLinks>();
        var localId = await escalated.World.Data.ScalarAsync<long>("SELECT Id FROM EscalationRecipients WHERE Email = @Email", new { Email = EscalationWorld.ShenzhenCustomerRelations });
        var url = AcknowledgementLinks.Path + "?token=" + Uri.EscapeDataString(
            links.Token(new AcknowledgementRequest(escalated.Thread, EscalationRung.FirstResponse, 0, localId), escalated.Time.GetUtcNow().UtcDateTime));

        var response = await escalated.Client().GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Contains("并非发给集团收件人", StringComparison.Ordinal), body[Math.Max(0, body.IndexOf("<main", StringComparison.Ordinal))..]);
        Assert.Equal(0, await escalated.AcknowledgementsAsync());
    }

    [Fact]
    public async Task AcknowledgePage_ManyRequestsFromOneAddress_429WithRetryAfter()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var escalated = await EscalateAsync(smtp, rateLimits: true);
        var link = escalated.LinkOf(EscalationWorld.HqCustomerRelations);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i <= LadderSetup.AcknowledgementsPerAddressPerMinute; i++)
        {
            last = await escalated.Client().GetAsync(link, TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(LadderSetup.AcknowledgementsPerAddressPerMinute), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.NotNull(last!.Headers.RetryAfter);
    }
}
