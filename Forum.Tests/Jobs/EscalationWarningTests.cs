using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Core.Moderation;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>
/// Reminders before a deadline, below the web pages: a real SQLite file, the real writers and warner, a real SMTP
/// server. Time is a FakeTimeProvider that the tests move; nothing waits for it.
/// </summary>
public class EscalationWarningTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static Task<EscalationWarner.Result> WarnAsync(ForumHarness node) => node.Get<EscalationWarner>().WarnAsync(TestContext.Current.CancellationToken);

    private static async Task<StaffMember> StaffAsync(EscalationWorld world) =>
        new(await world.Data.UserAsync("深圳客服", world.Shenzhen), "深圳客服", new HashSet<string> { ForumRoles.LocalStaff }, world.Shenzhen);

    private static Task AnswerAsync(ForumHarness node, long thread, StaffMember staff, DateTime at, PostKind kind = PostKind.OfficialReply) =>
        node.Get<IModerationRepository>().AddOfficialPostAsync(new OfficialPost(thread, staff, staff.CompanyId!.Value, kind, "已安排师傅上门。", Guid.NewGuid().ToString("N")), at);

    [Fact]
    public async Task Warn_AtDeadlineMinusWarnBefore_RemindsTheLocalCompanyOnce_NotEarlierNotAgain()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        var thread = await world.ThreadAsync(Posted.UtcDateTime, "地库入口积水");
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);

        time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        var early = await WarnAsync(node);
        time.Advance(TimeSpan.FromMinutes(1));
        var due = await WarnAsync(node);
        time.Advance(TimeSpan.FromMinutes(1));
        var next = await WarnAsync(node);
        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 0), (early.Warnings, early.Messages));
        Assert.Equal((1, 1), (due.Warnings, due.Messages));
        Assert.Equal((0, 0), (next.Warnings, next.Messages));
        var mail = Assert.Single(smtp.Received());
        var number = ThreadNumber.Format(thread);
        Assert.Equal(EscalationWorld.ShenzhenCustomerRelations, mail.To);
        Assert.Equal($"【{number}】还剩 1 小时 将上报集团：地库入口积水", mail.Subject);
        Assert.Contains("如在 2026/11/23 12:00 (Asia/Shanghai) 前仍未回复，将上报集团。", mail.Text);
        Assert.Contains($"https://forum.test/staff/threads/{number}", mail.Text);
        Assert.StartsWith($"warning.{thread}.firstresponse.0.", mail.Message.MessageId);
        var stored = (await world.Data.QueryAsync<(string Rung, int Cycle, DateTime DueAt, DateTime WarnedAt)>(
            "SELECT Rung, Cycle, DueAt, WarnedAt FROM EscalationWarnings WHERE ThreadId = @Id", new { Id = thread })).Single();
        Assert.Equal(("FirstResponse", 0, Posted.UtcDateTime.AddHours(3), Posted.UtcDateTime.AddHours(2)), stored);
        Assert.Equal(("Warning", "CustomerRelations"), (await world.Data.QueryAsync<(string Purpose, string RecipientRole)>(
            "SELECT Purpose, RecipientRole FROM OutboxMessages WHERE ThreadId = @Id", new { Id = thread })).Single());
    }

    [Fact]
    public async Task Warn_DeadlineMetInTime_NoReminderForThatRung()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        var thread = await world.ThreadAsync(Posted.UtcDateTime);
        await using var node = new ForumHarness(test.Database, time);
        await AnswerAsync(node, thread, await StaffAsync(world), Posted.UtcDateTime.AddMinutes(50));

        time.Advance(TimeSpan.FromHours(2.5));
        var result = await WarnAsync(node);

        Assert.Equal(0, result.Warnings);
        Assert.Equal(0, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'Warning'"));
    }

    [Fact]
    public async Task Warn_SolutionRung_RemindsCustomerRelationsAndHead_WithTheLeadershipWording()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        var thread = await world.ThreadAsync(Posted.UtcDateTime, "外墙渗水");
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        await AnswerAsync(node, thread, await StaffAsync(world), Posted.UtcDateTime.AddMinutes(30));

        time.Advance(TimeSpan.FromHours(11));
        var result = await WarnAsync(node);
        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 2), (result.Warnings, result.Messages));
        var mail = smtp.Received();
        Assert.Equal([EscalationWorld.ShenzhenCustomerRelations, EscalationWorld.ShenzhenHead], mail.Select(m => m.To).Order());
        Assert.All(mail, m => Assert.Equal($"【{ThreadNumber.Format(thread)}】还剩 1 小时 将升级至集团领导：外墙渗水", m.Subject));
        Assert.All(mail, m => Assert.Contains("将升级至集团领导及公司负责人", m.Text));
    }

    [Fact]
    public async Task Warn_ReopenedThread_NewCycleIsRemindedAgain()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        var thread = await world.ThreadAsync(Posted.UtcDateTime);
        await using var node = new ForumHarness(test.Database, time);
        var staff = await StaffAsync(world);
        await AnswerAsync(node, thread, staff, Posted.UtcDateTime.AddMinutes(30));
        time.Advance(TimeSpan.FromHours(11));
        var first = await WarnAsync(node);
        Assert.True(await node.Get<IModerationRepository>().CloseAsync(thread, staff, "已修复", Posted.UtcDateTime.AddHours(11.5)));
        Assert.True(await node.Get<IComplaintWriter>().ReopenAsync(thread, world.Author, TimeSpan.FromDays(7), Posted.UtcDateTime.AddHours(13), "还是漏水"));

        time.Advance(TimeSpan.FromHours(2));
        var tooEarly = await WarnAsync(node);
        time.Advance(TimeSpan.FromHours(11));
        var second = await WarnAsync(node);
        var again = await WarnAsync(node);

        Assert.Equal(1, first.Warnings);
        Assert.Equal(0, tooEarly.Warnings);
        Assert.Equal(1, second.Warnings);
        Assert.Equal(0, again.Warnings);
        var warnings = await world.Data.QueryAsync<(string Rung, int Cycle, DateTime DueAt)>(
            "SELECT Rung, Cycle, DueAt FROM EscalationWarnings WHERE ThreadId = @Id ORDER BY Id", new { Id = thread });
        Assert.Equal([("Solution", 0, Posted.UtcDateTime.AddHours(12)), ("Solution", 1, Posted.UtcDateTime.AddHours(25))], warnings);
        Assert.Equal(4, await world.Data.ScalarAsync<int>("SELECT COUNT(DISTINCT MessageId) FROM OutboxMessages WHERE Purpose = 'Warning'"));
    }

    [Fact]
    public async Task TwoNodesWarningAtOnce_EachReminderWrittenOnce()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        for (var i = 0; i < 30; i++)
        {
            await world.ThreadAsync(Posted.UtcDateTime.AddMinutes(i), $"投诉 {i}");
        }

        await using var nodeA = new ForumHarness(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time);
        await using var nodeB = new ForumHarness(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time);
        time.Advance(TimeSpan.FromHours(2.5));

        var results = await Task.WhenAll(
            Task.Run(async () => (await WarnAsync(nodeA)).Warnings + (await WarnAsync(nodeA)).Warnings),
            Task.Run(async () => (await WarnAsync(nodeB)).Warnings + (await WarnAsync(nodeB)).Warnings));

        Assert.Equal(30, results.Sum());
        Assert.Equal(30, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM EscalationWarnings"));
        Assert.Equal(30, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'Warning'"));
    }
}
