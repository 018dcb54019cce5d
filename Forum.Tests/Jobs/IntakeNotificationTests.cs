using Forum.Core.Mail;
using Forum.Core.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>
/// The intake alert (受理) below the web pages: a real SQLite file, the real notifier and composer, and the real SMTP
/// server receiving what MailKit sends. Time is a FakeTimeProvider.
/// </summary>
public class IntakeNotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_NewComplaint_CustomerRelationsGetTheIntakeMailAtOnce_WithDeadlinesExcerptAndTheStaffLink_Once()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        var notifier = node.Get<Notifier>();
        await notifier.RunAsync(TestContext.Current.CancellationToken);
        var thread = await world.ThreadAsync(Now.UtcDateTime, "5栋1203卫生间漏水");

        var first = await notifier.RunAsync(TestContext.Current.CancellationToken);
        var again = await notifier.RunAsync(TestContext.Current.CancellationToken);
        var delivered = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (first.Complaints, first.Messages));
        Assert.Equal((0, 0), (again.Complaints, again.Messages));
        Assert.Equal(1, delivered.Sent);
        var mail = Assert.Single(smtp.Received());
        var number = Forum.Core.Complaints.ThreadNumber.Format(thread);
        Assert.Equal(EscalationWorld.ShenzhenCustomerRelations, mail.To);
        Assert.Equal($"【{number}】新投诉待受理：5栋1203卫生间漏水", mail.Subject);
        foreach (var fact in new[]
        {
            "深圳客户关系部，您好", "sz-bay花园", "工程质量", "> 5栋1203卫生间漏水，请尽快处理。",
            "官方回复截止: 2026/11/23 12:00 (Asia/Shanghai)", "解决方案截止: 2026/11/23 21:00 (Asia/Shanghai)",
            $"https://forum.test/staff/threads/{number}",
        })
        {
            Assert.Contains(fact, mail.Text);
        }

        Assert.Contains($"<a href=\"https://forum.test/staff/threads/{number}\">", mail.Html);
        Assert.Contains("<blockquote", mail.Html);
        var row = Assert.Single(await world.Data.QueryAsync<(string Purpose, long ThreadId, string RecipientRole, string MessageId)>(
            "SELECT Purpose, ThreadId, RecipientRole, MessageId FROM OutboxMessages"));
        Assert.Equal(("Intake", thread, "CustomerRelations"), (row.Purpose, row.ThreadId, row.RecipientRole));
        Assert.Equal(row.MessageId, mail.Message.MessageId);
        Assert.DoesNotContain(EscalationWorld.ShenzhenCustomerRelations, row.MessageId);
    }

    [Fact]
    public async Task Run_FirstStart_SkipsComplaintsOlderThanTheLookBack_AndTwoNodesQueueEachMessageOnce()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await world.ThreadAsync(Now.UtcDateTime.AddDays(-3), "旧投诉");
        var recent = await world.ThreadAsync(Now.UtcDateTime.AddMinutes(-5), "刚刚提交的投诉");
        var assignee = await world.Data.UserAsync("深圳客服 Alice", world.Shenzhen);
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'alice@example.com', Language = 'en' WHERE Id = @Id", new { Id = assignee });
        await world.Data.ScalarAsync<object?>("UPDATE Threads SET AssignedToId = @User WHERE Id = @Id", new { User = assignee, Id = recent });
        for (var i = 0; i < 10; i++)
        {
            await world.ThreadAsync(Now.UtcDateTime, $"投诉 {i}");
        }

        await using var nodeA = new ForumHarness(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time);
        await using var nodeB = new ForumHarness(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time);
        await Task.WhenAll(
            Task.Run(() => nodeA.Get<Notifier>().RunAsync(TestContext.Current.CancellationToken)),
            Task.Run(() => nodeB.Get<Notifier>().RunAsync(TestContext.Current.CancellationToken)));

        var rows = await world.Data.QueryAsync<(long ThreadId, string ToEmail, string Language, string Subject)>("SELECT ThreadId, ToEmail, Language, Subject FROM OutboxMessages ORDER BY ThreadId, ToEmail");
        Assert.Equal(11 + 1, rows.Count);
        Assert.Equal(11, rows.Select(r => r.ThreadId).Distinct().Count());
        Assert.DoesNotContain(rows, r => r.Subject.Contains("旧投诉", StringComparison.Ordinal));
        var english = Assert.Single(rows, r => r.ToEmail == "alice@example.com");
        Assert.Equal((recent, "en"), (english.ThreadId, english.Language));
        Assert.StartsWith($"[{Forum.Core.Complaints.ThreadNumber.Format(recent)}] New complaint to acknowledge", english.Subject);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("一行\r\n\r\n  二行  \n三行\n四行\n五行", "一行\n二行\n三行\n四行…")]
    [InlineData("短", "短")]
    public void MailExcerpt_Of_KeepsTheFirstLines(string body, string expected)
    {
        Assert.Equal(expected, MailExcerpt.Of(body));
    }

    [Fact]
    public void MailExcerpt_Of_LongText_CutAtCharactersNotInsideAnEmoji()
    {
        var body = new string('漏', MailExcerpt.MaxChars - 1) + "👍🏽" + "尾";

        var excerpt = MailExcerpt.Of(body);

        Assert.Equal(new string('漏', MailExcerpt.MaxChars - 1) + "👍🏽…", excerpt);
    }
}
