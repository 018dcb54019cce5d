using Forum.Core.Complaints;
using Forum.Core.Mail;
using Forum.Core.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>
/// Homeowners told about official replies and solutions: the author, co-signers and followers, one mail per
/// complaint and run, with RFC 8058 one-click unsubscribe; through the real notifier, outbox and SMTP server.
/// </summary>
public class HomeownerNotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static async Task<long> PersonAsync(EscalationWorld world, string name, string email, string language = "zh-CN", bool confirmed = true)
    {
        var id = await world.Data.UserAsync(name);
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = @Email, EmailConfirmed = @Confirmed, Language = @Language WHERE Id = @Id",
            new { Id = id, Email = email, Confirmed = confirmed, Language = language });
        return id;
    }

    [Fact]
    public async Task Run_ReplyAndSolution_AuthorCoSignerAndFollowerGetOneMailEach_OptedOutAndUnconfirmedGetNone()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        var notifier = node.Get<Notifier>();
        var thread = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1), "5栋1203卫生间漏水");
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        var cosigner = await PersonAsync(world, "邻居", "cosigner@example.com", "en");
        var follower = await PersonAsync(world, "关注者", "follower@example.com");
        var quitter = await PersonAsync(world, "不想收", "quitter@example.com");
        var unconfirmed = await PersonAsync(world, "未确认", "unconfirmed@example.com", confirmed: false);
        foreach (var user in new[] { cosigner, quitter, unconfirmed })
        {
            await world.Data.ScalarAsync<object?>("INSERT INTO CoSigns (ThreadId, UserId, CreatedAt) VALUES (@Thread, @User, @At)", new { Thread = thread, User = user, At = Now.UtcDateTime });
        }

        var subscriptions = node.Get<ISubscriptionRepository>();
        await subscriptions.SetFollowingAsync(follower, thread, follow: true, Now.UtcDateTime, TestContext.Current.CancellationToken);
        await subscriptions.OptOutAsync(quitter, thread, Now.UtcDateTime, TestContext.Current.CancellationToken);
        await notifier.RunAsync(TestContext.Current.CancellationToken);
        var before = smtp.Received().Count;
        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        var intakeOnly = smtp.Received().Count;

        await world.Data.PostAsync(thread, PostKind.OfficialReply, "您好，已安排维修师傅明天上门。", Now.UtcDateTime, companyId: world.Shenzhen);
        await world.Data.PostAsync(thread, PostKind.InternalNote, "内部：业主很急", Now.UtcDateTime, companyId: world.Shenzhen);
        await world.Data.PostAsync(thread, PostKind.Solution, "更换防水层，周五前完工。", Now.UtcDateTime.AddMinutes(1), companyId: world.Shenzhen);
        var result = await notifier.RunAsync(TestContext.Current.CancellationToken);
        var again = await notifier.RunAsync(TestContext.Current.CancellationToken);
        await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, before);
        Assert.Equal(3, result.Messages);
        Assert.Equal(0, again.Messages);
        var mail = smtp.Received().Skip(intakeOnly).ToList();
        Assert.Equal(["author@example.com", "cosigner@example.com", "follower@example.com"], mail.Select(m => m.To).Order(StringComparer.Ordinal));
        var number = ThreadNumber.Format(thread);
        var author = mail.Single(m => m.To == "author@example.com");
        Assert.Equal($"【{number}】shenzhen公司提出了解决方案：5栋1203卫生间漏水", author.Subject);
        Assert.Contains("您的投诉 " + number + " 有了新进展。", author.Text);
        Assert.Contains("已安排维修师傅明天上门。", author.Text);
        Assert.Contains("更换防水层，周五前完工。", author.Text);
        Assert.DoesNotContain("内部", author.Text);
        Assert.Contains($"https://forum.test/threads/{number}#follow-up", author.Text);
        Assert.StartsWith("<https://forum.test/unsubscribe/one-click?t=", author.Message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", author.Message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("https://forum.test/unsubscribe?t=", author.Text);
        Assert.StartsWith($"[{number}] shenzhen Company proposes a solution", mail.Single(m => m.To == "cosigner@example.com").Subject);
        var roles = await world.Data.QueryAsync<(string ToEmail, string RecipientRole, long ThreadId)>("SELECT ToEmail, RecipientRole, ThreadId FROM OutboxMessages WHERE Purpose = 'OfficialReply' ORDER BY ToEmail");
        Assert.Equal([("author@example.com", "Author", thread), ("cosigner@example.com", "CoSigner", thread), ("follower@example.com", "Follower", thread)], roles);
    }

    [Fact]
    public async Task Run_KindSwitchedOff_NoMail_HiddenReply_NoMail()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var node = new ForumHarness(test.Database, time);
        var thread = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1));
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        await node.Get<Notifier>().RunAsync(TestContext.Current.CancellationToken);

        await world.Data.PostAsync(thread, PostKind.OfficialReply, "已隐藏的回复", Now.UtcDateTime, companyId: world.Shenzhen, hidden: true, hiddenReason: "含个人信息");
        var hidden = await node.Get<Notifier>().RunAsync(TestContext.Current.CancellationToken);
        await node.Get<ISubscriptionRepository>().SetKindEnabledAsync(world.Author, NotificationKinds.OfficialReply, enabled: false, TestContext.Current.CancellationToken);
        await world.Data.PostAsync(thread, PostKind.OfficialReply, "正常回复", Now.UtcDateTime, companyId: world.Shenzhen);
        var switchedOff = await node.Get<Notifier>().RunAsync(TestContext.Current.CancellationToken);
        await node.Get<ISubscriptionRepository>().SetKindEnabledAsync(world.Author, NotificationKinds.OfficialReply, enabled: true, TestContext.Current.CancellationToken);
        await world.Data.PostAsync(thread, PostKind.OfficialReply, "再次回复", Now.UtcDateTime, companyId: world.Shenzhen);
        var switchedOn = await node.Get<Notifier>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, hidden.Messages);
        Assert.Equal(0, switchedOff.Messages);
        Assert.Equal(1, switchedOn.Messages);
        Assert.Contains("再次回复", await world.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE Purpose = 'OfficialReply'"));
    }
}
