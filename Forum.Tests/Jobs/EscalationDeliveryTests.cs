using Forum.Core.Escalation;
using Forum.Core.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>
/// The ladder end to end below the web pages: a real SQLite file, the real services, and a real SMTP server process
/// receiving what MailKit sends. Time is a FakeTimeProvider: the tests move it, they never wait for it.
/// </summary>
public class EscalationDeliveryTests
{
    private static readonly DateTimeOffset Posted = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SweepAndDeliver_DueThreads_OneMessagePerThreadRungAndRecipient_WithTheRightContent()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        var unanswered = await world.ThreadAsync(Posted.UtcDateTime, "5栋1203卫生间漏水");
        var answered = await world.ThreadAsync(Posted.UtcDateTime, "客厅墙面出现裂缝");
        await world.Data.AnswerAsync(answered, Posted.UtcDateTime.AddHours(1));
        var young = await world.ThreadAsync(Posted.UtcDateTime.AddHours(2), "电梯噪音大");
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        var sweeper = node.Get<EscalationSweeper>();
        var delivery = node.Get<OutboxDelivery>();

        time.Advance(TimeSpan.FromHours(3));
        var sweep = await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        var delivered = await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 2), (sweep.Escalations, sweep.Messages));
        Assert.Equal(2, delivered.Sent);
        var mail = smtp.Received();
        Assert.Equal([EscalationWorld.HqCustomerRelations, EscalationWorld.ShenzhenCustomerRelations], mail.Select(m => m.To).Order());
        var message = mail.Single(m => m.To == EscalationWorld.ShenzhenCustomerRelations);
        var number = Forum.Core.Complaints.ThreadNumber.Format(unanswered);
        Assert.Equal($"【{number}】3 小时内未官方回复，已上报集团：5栋1203卫生间漏水", message.Subject);
        foreach (var fact in new[] { "深圳客户关系部，您好", "违反规则：投诉须在 3 小时 内得到官方回复", "shenzhen公司", "sz-bay花园", "工程质量", "已等待: 3 小时", $"https://forum.test/staff/threads/{number}", "2026/11/23 09:00 (Asia/Shanghai)" })
        {
            Assert.Contains(fact, message.Text);
        }

        Assert.Contains($"<a href=\"https://forum.test/staff/threads/{number}\">", message.Html);
        Assert.Contains("5栋1203卫生间漏水", message.Html);
        var stored = await world.Data.QueryAsync<(string MessageId, string Status, DateTime SentAt, string LastResponse, int Attempts)>(
            "SELECT MessageId, Status, SentAt, LastResponse, Attempts FROM OutboxMessages WHERE ToEmail = @To", new { To = EscalationWorld.ShenzhenCustomerRelations });
        var row = Assert.Single(stored);
        Assert.Equal(row.MessageId, message.Message.MessageId);
        Assert.Equal(("Sent", Posted.UtcDateTime.AddHours(3), 1), (row.Status, row.SentAt, row.Attempts));
        Assert.StartsWith("2.0.0 Ok: queued as Q", row.LastResponse);

        // Later sweeps: nothing new until rung 2 is due; then rung 2 for both older threads, and rung 1 for the young one.
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, (await sweeper.SweepAsync(TestContext.Current.CancellationToken)).Escalations);
        time.Advance(TimeSpan.FromHours(8.5));
        var later = await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, later.Escalations);
        var all = smtp.Received();
        Assert.Equal(2 + 3 + 3 + 2, all.Count);
        Assert.Equal(all.Count, all.Select(m => (m.To, m.Subject)).Distinct().Count());
        Assert.Equal(all.Count, all.Select(m => m.Message.MessageId).Distinct().Count());
        var english = all.Single(m => m.To == EscalationWorld.HqExecutive && m.Subject.Contains(number, StringComparison.Ordinal));
        Assert.Equal($"[{number}] No solution within 12 h: escalated to headquarters leadership — 5栋1203卫生间漏水", english.Subject);
        Assert.Contains("Rule broken: every complaint must get a solution within 12 h.", english.Text);
        Assert.Contains(all, m => m.To == EscalationWorld.ShenzhenHead && m.Subject.Contains(Forum.Core.Complaints.ThreadNumber.Format(answered), StringComparison.Ordinal));
        Assert.Contains(all, m => m.To == EscalationWorld.ShenzhenCustomerRelations && m.Subject.Contains(Forum.Core.Complaints.ThreadNumber.Format(young), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoNodesSweepingAndDeliveringAtOnce_SendEachMessageOnce()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        for (var i = 0; i < 30; i++)
        {
            await world.ThreadAsync(Posted.UtcDateTime.AddMinutes(i), $"投诉 {i}");
        }

        await using var smtp = await SmtpTestServer.StartAsync();
        // Two nodes: separate service providers, separate connection pools, one database file.
        await using var nodeA = ForumHarness.WithSmtp(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time, smtp.Port);
        await using var nodeB = ForumHarness.WithSmtp(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time, smtp.Port);
        time.Advance(TimeSpan.FromHours(4));

        async Task RunNode(ForumHarness node)
        {
            for (var round = 0; round < 3; round++)
            {
                await node.Get<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);
                await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
            }
        }

        await Task.WhenAll(Task.Run(() => RunNode(nodeA)), Task.Run(() => RunNode(nodeB)));

        var mail = smtp.Received();
        Assert.Equal(30 * 2, mail.Count);
        Assert.Equal(60, mail.Select(m => (m.To, m.Subject)).Distinct().Count());
        Assert.Equal(30, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Escalations"));
        Assert.Equal(60, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent' AND Attempts = 1"));
    }

    [Fact]
    public async Task SmtpDown_NothingLost_DeliveredWhenItComesBack()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        await world.ThreadAsync(Posted.UtcDateTime);
        await using var smtp = SmtpTestServer.NotStarted();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        time.Advance(TimeSpan.FromHours(3));
        await node.Get<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);

        var down = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        // An outage says nothing about the messages: they wait, and it does not use up their attempts.
        Assert.Equal((0, 0, 0, 2), (down.Sent, down.Retrying, down.Failed, down.Deferred));
        var pending = await world.Data.QueryAsync<(string Status, int Attempts, DateTime NextAttemptAt, string LastResponse)>("SELECT Status, Attempts, NextAttemptAt, LastResponse FROM OutboxMessages");
        Assert.All(pending, p => Assert.Equal(("Pending", 0, time.GetUtcNow().UtcDateTime.AddMinutes(1)), (p.Status, p.Attempts, p.NextAttemptAt)));
        Assert.All(pending, p => Assert.StartsWith("connect:", p.LastResponse));

        await smtp.StartAsync();
        var tooEarly = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));
        var back = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, tooEarly.Sent + tooEarly.Retrying);
        Assert.Equal(2, back.Sent);
        Assert.Equal(2, smtp.Received().Count);
        Assert.Equal(2, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent' AND Attempts = 1"));
    }

    [Fact]
    public async Task Smtp550ForOneRecipient_ThatOneFailsWithTheServersAnswer_TheOthersAreDelivered()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        await world.ThreadAsync(Posted.UtcDateTime);
        await using var smtp = await SmtpTestServer.StartAsync(reject: [EscalationWorld.ShenzhenCustomerRelations]);
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        time.Advance(TimeSpan.FromHours(3));
        await node.Get<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);

        var result = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(2));
        var again = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 0, 1), (result.Sent, result.Retrying, result.Failed));
        Assert.Equal((0, 0, 0), (again.Sent, again.Retrying, again.Failed));
        Assert.Equal([EscalationWorld.HqCustomerRelations], smtp.Received().Select(m => m.To));
        var failed = (await world.Data.QueryAsync<(string Status, string LastResponse)>(
            "SELECT Status, LastResponse FROM OutboxMessages WHERE ToEmail = @To", new { To = EscalationWorld.ShenzhenCustomerRelations })).Single();
        Assert.Equal("Failed", failed.Status);
        Assert.StartsWith("550 ", failed.LastResponse);
        Assert.Contains("mailbox unavailable", failed.LastResponse);
    }

    [Fact]
    public async Task Smtp451_IsRetriedWithBackoff()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        await world.ThreadAsync(Posted.UtcDateTime);
        await using var smtp = await SmtpTestServer.StartAsync(defer: [EscalationWorld.HqCustomerRelations]);
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        time.Advance(TimeSpan.FromHours(3));
        await node.Get<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);

        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));
        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        var deferred = (await world.Data.QueryAsync<(string Status, int Attempts, DateTime NextAttemptAt, string LastResponse)>(
            "SELECT Status, Attempts, NextAttemptAt, LastResponse FROM OutboxMessages WHERE ToEmail = @To", new { To = EscalationWorld.HqCustomerRelations })).Single();
        Assert.Equal(("Pending", 2), (deferred.Status, deferred.Attempts));
        Assert.Equal(time.GetUtcNow().UtcDateTime.AddMinutes(2), deferred.NextAttemptAt);
        Assert.StartsWith("451 ", deferred.LastResponse);
    }

    [Fact]
    public async Task RestartBetweenWritingAndDelivering_StillDelivers()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        await world.ThreadAsync(Posted.UtcDateTime);
        await using var smtp = await SmtpTestServer.StartAsync();
        time.Advance(TimeSpan.FromHours(3));

        await using (var before = ForumHarness.WithSmtp(test.Database, time, smtp.Port))
        {
            await before.Get<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(smtp.Received());
        await using var after = ForumHarness.WithSmtp(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time, smtp.Port);
        var result = await after.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Sent);
        Assert.Equal(2, smtp.Received().Count);
    }

    [Fact]
    public async Task NoSmtpHost_WritesEmlFilesToThePickupFolder()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Posted);
        await world.ThreadAsync(Posted.UtcDateTime);
        await using var node = new ForumHarness(test.Database, time);
        time.Advance(TimeSpan.FromHours(3));

        await node.Get<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);
        var result = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Sent);
        var files = Directory.GetFiles(Path.Combine(node.DataDirectory, "mail"), "*.eml");
        Assert.Equal(2, files.Length);
        var message = MimeKit.MimeMessage.Load(files[0]);
        Assert.Contains("已上报集团", message.Subject);
        Assert.NotNull(message.HtmlBody);
        Assert.NotNull(message.TextBody);
    }
}
