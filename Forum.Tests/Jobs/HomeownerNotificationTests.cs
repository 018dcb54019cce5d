using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Mail;
using Forum.Core.Moderation;
using Forum.Core.Notifications;
using Forum.Data.Database;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>
/// Homeowners told of every act on their complaint, read from the record (thread events): the author of official
/// replies, solutions, waiting, closing, merge and move; co-signers and followers of replies, solutions and closing.
/// Acts within the coalescing window go out as one mail. Through the real writers, notifier, outbox and SMTP server;
/// time moves only by FakeTimeProvider.
/// </summary>
public class HomeownerNotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = new NotificationOptions().CoalesceWindow;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<long> PersonAsync(EscalationWorld world, string name, string email, string language = "zh-CN", bool confirmed = true)
    {
        var id = await world.Data.UserAsync(name);
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = @Email, EmailConfirmed = @Confirmed, Language = @Language WHERE Id = @Id",
            new { Id = id, Email = email, Confirmed = confirmed, Language = language });
        return id;
    }

    private static async Task<StaffMember> StaffAsync(EscalationWorld world)
    {
        var id = await world.Data.UserAsync("深圳客服", world.Shenzhen);
        return new StaffMember(id, "深圳客服", new HashSet<string> { ForumRoles.LocalStaff }, world.Shenzhen);
    }

    private static Task CoSignAsync(EscalationWorld world, long thread, long user) =>
        world.Data.ScalarAsync<object?>("INSERT INTO CoSigns (ThreadId, UserId, CreatedAt) VALUES (@Thread, @User, @At)", new { Thread = thread, User = user, At = Now.UtcDateTime });

    private static Task<long?> AnswerAsync(ForumHarness node, StaffMember staff, long thread, PostKind kind, string body, FakeTimeProvider time) =>
        node.Get<IModerationRepository>().AddOfficialPostAsync(
            new OfficialPost(thread, staff, staff.CompanyId!.Value, kind, body, Guid.NewGuid().ToString("N")), time.GetUtcNow().UtcDateTime, Token);

    [Fact]
    public async Task Run_ReplyAndSolutionWithinTheWindow_HeldThenOneMailEach_OptedOutAndUnconfirmedGetNone()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        var notifier = node.Get<Notifier>();
        var staff = await StaffAsync(world);
        var thread = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1), "5栋1203卫生间漏水");
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        var cosigner = await PersonAsync(world, "邻居", "cosigner@example.com", "en");
        var follower = await PersonAsync(world, "关注者", "follower@example.com");
        var quitter = await PersonAsync(world, "不想收", "quitter@example.com");
        var unconfirmed = await PersonAsync(world, "未确认", "unconfirmed@example.com", confirmed: false);
        foreach (var user in new[] { cosigner, quitter, unconfirmed })
        {
            await CoSignAsync(world, thread, user);
        }

        var subscriptions = node.Get<ISubscriptionRepository>();
        await subscriptions.SetFollowingAsync(follower, thread, follow: true, Now.UtcDateTime, Token);
        await subscriptions.OptOutAsync(quitter, thread, Now.UtcDateTime, Token);
        await notifier.RunAsync(Token);
        await node.Get<OutboxDelivery>().DeliverDueAsync(Token);
        var intakeOnly = smtp.Received().Count;

        var reply = await AnswerAsync(node, staff, thread, PostKind.OfficialReply, "您好，已安排维修师傅明天上门。", time);
        await node.Get<IModerationRepository>().AddInternalNoteAsync(thread, staff, world.Shenzhen, "内部：业主很急", Guid.NewGuid().ToString("N"), time.GetUtcNow().UtcDateTime, Token);
        time.Advance(TimeSpan.FromMinutes(1));
        var solution = await AnswerAsync(node, staff, thread, PostKind.Solution, "更换防水层，周五前完工。", time);
        var held = await notifier.RunAsync(Token);
        time.Advance(Window - TimeSpan.FromMinutes(1));
        var result = await notifier.RunAsync(Token);
        var again = await notifier.RunAsync(Token);
        await node.Get<OutboxDelivery>().DeliverDueAsync(Token);

        Assert.Equal(0, held.Messages);
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
        Assert.Contains($"https://forum.test/threads/{number}#post-{solution}", author.Text);
        Assert.Contains($"https://forum.test/threads/{number}#post-{reply}", author.Text);
        Assert.Contains($"https://forum.test/threads/{number}#reply", author.Text);
        Assert.StartsWith("<https://forum.test/unsubscribe/one-click?t=", author.Message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", author.Message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("https://forum.test/unsubscribe?t=", author.Text);
        var cosignerMail = mail.Single(m => m.To == "cosigner@example.com");
        Assert.StartsWith($"[{number}] shenzhen Company proposes a solution", cosignerMail.Subject);
        Assert.DoesNotContain("#reply", cosignerMail.Text);
        var roles = await world.Data.QueryAsync<(string ToEmail, string RecipientRole, long ThreadId, string Purpose)>(
            "SELECT ToEmail, RecipientRole, ThreadId, Purpose FROM OutboxMessages WHERE ThreadId = @Thread AND Purpose <> 'Intake' ORDER BY ToEmail", new { Thread = thread });
        Assert.Equal(
            [("author@example.com", "Author", thread, "Solution"), ("cosigner@example.com", "CoSigner", thread, "Solution"), ("follower@example.com", "Follower", thread, "Solution")],
            roles);
    }

    [Fact]
    public async Task Run_KindSwitchedOff_NoMail_HiddenReply_NoMail()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var node = new ForumHarness(test.Database, time);
        var staff = await StaffAsync(world);
        var thread = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1));
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        await node.Get<Notifier>().RunAsync(Token);

        var hiddenPost = await AnswerAsync(node, staff, thread, PostKind.OfficialReply, "已隐藏的回复", time);
        await node.Get<IModerationRepository>().HidePostAsync(hiddenPost!.Value, staff, "含个人信息", time.GetUtcNow().UtcDateTime, Token);
        time.Advance(Window);
        var hidden = await node.Get<Notifier>().RunAsync(Token);
        await node.Get<ISubscriptionRepository>().SetKindEnabledAsync(world.Author, NotificationKinds.OfficialReply, enabled: false, Token);
        await AnswerAsync(node, staff, thread, PostKind.OfficialReply, "正常回复", time);
        time.Advance(Window);
        var switchedOff = await node.Get<Notifier>().RunAsync(Token);
        await node.Get<ISubscriptionRepository>().SetKindEnabledAsync(world.Author, NotificationKinds.OfficialReply, enabled: true, Token);
        await AnswerAsync(node, staff, thread, PostKind.OfficialReply, "再次回复", time);
        time.Advance(Window);
        var switchedOn = await node.Get<Notifier>().RunAsync(Token);

        Assert.Equal(0, hidden.Messages);
        Assert.Equal(0, switchedOff.Messages);
        Assert.Equal(1, switchedOn.Messages);
        Assert.Contains("再次回复", await world.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE Purpose = 'OfficialReply'"));
    }

    [Fact]
    public async Task Run_WaitingClosingMoveAndMerge_AuthorToldOfEach_CoSignerOnlyOfClosing_PersonalDataMasked()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        var notifier = node.Get<Notifier>();
        var moderation = node.Get<IModerationRepository>();
        var staff = await StaffAsync(world);
        var thread = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1), "5栋1203卫生间漏水");
        var target = await world.ThreadAsync(Now.UtcDateTime.AddHours(-2), "5栋楼上漏水");
        var otherProject = await world.Data.ProjectAsync(world.Shenzhen, "sz-lake-view");
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        var cosigner = await PersonAsync(world, "邻居", "cosigner@example.com");
        await CoSignAsync(world, thread, cosigner);
        await notifier.RunAsync(Token);
        await node.Get<OutboxDelivery>().DeliverDueAsync(Token);
        var before = smtp.Received().Count;
        const string phone = "13812345678";

        async Task<IReadOnlyList<ReceivedMail>> ActAsync(Func<DateTime, Task<bool>> act)
        {
            Assert.True(await act(time.GetUtcNow().UtcDateTime));
            time.Advance(Window);
            await notifier.RunAsync(Token);
            await node.Get<OutboxDelivery>().DeliverDueAsync(Token);
            var received = smtp.Received().Skip(before).ToList();
            before += received.Count;
            return received;
        }

        var waiting = await ActAsync(now => moderation.SetAwaitingHomeownerAsync(thread, staff, now, $"请提供漏水照片，或致电 {phone} 约时间。", Token));
        var closing = await ActAsync(now => moderation.CloseAsync(thread, staff, "已更换防水层，业主确认不再漏水。", now, Token));
        var moved = await ActAsync(now => moderation.MoveAsync(thread, staff, otherProject, world.Shenzhen, now, Token));
        var merged = await ActAsync(now => moderation.MergeAsync(thread, staff, target, now, Token));

        var number = ThreadNumber.Format(thread);
        var targetNumber = ThreadNumber.Format(target);
        var asked = Assert.Single(waiting);
        Assert.Equal("author@example.com", asked.To);
        Assert.Equal($"【{number}】shenzhen公司需要您补充信息：5栋1203卫生间漏水", asked.Subject);
        Assert.Contains(PersonalDataMasker.Mask($"请提供漏水照片，或致电 {phone} 约时间。"), asked.Text);
        Assert.DoesNotContain(phone, asked.Text);
        Assert.DoesNotContain(phone, asked.Html);
        Assert.Contains($"https://forum.test/threads/{number}#reply", asked.Text);

        Assert.Equal(["author@example.com", "cosigner@example.com"], closing.Select(m => m.To).Order(StringComparer.Ordinal));
        var closed = closing.Single(m => m.To == "author@example.com");
        Assert.Equal($"【{number}】shenzhen公司已办结：5栋1203卫生间漏水", closed.Subject);
        Assert.Contains("已更换防水层，业主确认不再漏水。", closed.Text);
        Assert.Contains($"https://forum.test/threads/{number}#follow-up", closed.Text);
        Assert.DoesNotContain("#follow-up", closing.Single(m => m.To == "cosigner@example.com").Text);

        var move = Assert.Single(moved);
        Assert.Equal("author@example.com", move.To);
        Assert.Equal($"【{number}】已转到sz-lake-view花园：5栋1203卫生间漏水", move.Subject);
        Assert.Contains("→", move.Text);

        var merge = Assert.Single(merged);
        Assert.Equal("author@example.com", merge.To);
        Assert.Equal($"【{number}】已合并到 {targetNumber}：5栋1203卫生间漏水", merge.Subject);
        Assert.Contains($"https://forum.test/threads/{targetNumber}#merged-{number}", merge.Text);
        Assert.Contains("https://forum.test/unsubscribe?t=", merge.Text);
        Assert.Equal(
            ["Waiting", "Closed", "Closed", "Moved", "Merged"],
            await world.Data.QueryAsync<string>("SELECT Purpose FROM OutboxMessages WHERE ThreadId = @Thread AND Purpose <> 'Intake' ORDER BY Id", new { Thread = thread }));
    }

    [Fact]
    public async Task Run_ActsWithinTheWindow_OneMail_LaterActsTheNextMail_AHeldComplaintHoldsNoOtherBack()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var node = new ForumHarness(test.Database, time, new Dictionary<string, string?> { ["Forum:Notifications:CoalesceWindow"] = "00:03:00" });
        var notifier = node.Get<Notifier>();
        var staff = await StaffAsync(world);
        var first = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1), "一号投诉");
        var second = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1), "二号投诉");
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        await notifier.RunAsync(Token);

        async Task<int> MailsAsync(long thread) =>
            await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE ThreadId = @Thread AND Purpose <> 'Intake'", new { Thread = thread });

        await AnswerAsync(node, staff, first, PostKind.OfficialReply, "第一条回复", time);
        time.Advance(TimeSpan.FromMinutes(2));
        await AnswerAsync(node, staff, first, PostKind.OfficialReply, "第二条回复", time);
        await AnswerAsync(node, staff, second, PostKind.OfficialReply, "另一投诉的回复", time);
        time.Advance(TimeSpan.FromSeconds(59));
        var tooEarly = await notifier.RunAsync(Token);
        time.Advance(TimeSpan.FromSeconds(1));
        var firstWindow = await notifier.RunAsync(Token);
        var firstMail = await world.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE ThreadId = @Thread AND Purpose <> 'Intake'", new { Thread = first });
        time.Advance(TimeSpan.FromMinutes(1));
        await AnswerAsync(node, staff, first, PostKind.OfficialReply, "第三条回复", time);
        time.Advance(TimeSpan.FromMinutes(1));
        var secondHeldOut = await MailsAsync(second);
        var secondWindow = await notifier.RunAsync(Token);
        time.Advance(TimeSpan.FromMinutes(2));
        var thirdReply = await notifier.RunAsync(Token);
        var repeated = await notifier.RunAsync(Token);

        Assert.Equal(0, tooEarly.Messages);
        Assert.Equal(1, firstWindow.Messages);
        Assert.Contains("第一条回复", firstMail);
        Assert.Contains("第二条回复", firstMail);
        Assert.DoesNotContain("第三条回复", firstMail);
        Assert.Equal(0, secondHeldOut);
        Assert.Equal(1, secondWindow.Messages);
        Assert.Equal(1, thirdReply.Messages);
        Assert.Equal(0, repeated.Messages);
        Assert.Equal(2, await MailsAsync(first));
        Assert.Equal(1, await MailsAsync(second));
        var last = await world.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE ThreadId = @Thread AND Purpose <> 'Intake' ORDER BY Id DESC", new { Thread = first });
        Assert.Contains("第三条回复", last);
        Assert.DoesNotContain("第一条回复", last);
    }

    [Fact]
    public async Task Run_TwoNodesAtOnce_EachMailQueuedOnce()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var one = new ForumHarness(test.Database, time);
        await using var two = new ForumHarness(test.Database, time);
        var staff = await StaffAsync(world);
        var thread = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1));
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        await one.Get<Notifier>().RunAsync(Token);
        await AnswerAsync(one, staff, thread, PostKind.OfficialReply, "您好，已安排维修。", time);
        time.Advance(Window);

        var results = await Task.WhenAll(one.Get<Notifier>().RunAsync(Token), two.Get<Notifier>().RunAsync(Token));

        Assert.Equal(1, results.Sum(r => r.Messages));
        Assert.Equal(1, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE ThreadId = @Thread AND Purpose = 'OfficialReply'", new { Thread = thread }));
    }

    [Fact]
    public async Task Migration0023_UpgradeFromThePostCursor_StartsAtTheFirstReplyNotYetMailed_NoOldReplyMailedAgain()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var time = new FakeTimeProvider(Now);
        await using var node = new ForumHarness(test.Database, time);
        var staff = await StaffAsync(world);
        var thread = await world.ThreadAsync(Now.UtcDateTime.AddHours(-1));
        await world.Data.ScalarAsync<object?>("UPDATE Users SET Email = 'author@example.com', EmailConfirmed = 1 WHERE Id = @Id", new { Id = world.Author });
        var mailedBefore = await AnswerAsync(node, staff, thread, PostKind.OfficialReply, "旧版已发送的回复", time);
        var notYetMailed = await AnswerAsync(node, staff, thread, PostKind.OfficialReply, "旧版尚未发送的回复", time);
        // A database as the post-based notifier left it: its cursor after the first reply, no events cursor, no marks.
        await world.Data.ExecuteAsync("DROP TABLE NotificationThreadMarks");
        await world.Data.ExecuteAsync("DELETE FROM NotificationCursors");
        await world.Data.ExecuteAsync("INSERT INTO NotificationCursors (Name, Position, UpdatedAt) VALUES ('intake', @Thread, @Now), ('replies', @Post, @Now)",
            new { Thread = thread, Post = mailedBefore, Now = Now.UtcDateTime });
        await world.Data.ExecuteAsync(MigrationRunner.ReadScript("Forum.Migrations.sqlite.0023_NotificationsFollowTheRecord.sql"));
        time.Advance(Window);

        var result = await node.Get<Notifier>().RunAsync(Token);

        Assert.Equal(1, result.Messages);
        var text = await world.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE ThreadId = @Thread AND Purpose = 'OfficialReply'", new { Thread = thread });
        Assert.Contains("旧版尚未发送的回复", text);
        Assert.DoesNotContain("旧版已发送的回复", text);
        Assert.True(notYetMailed > mailedBefore);
    }
}
