using Forum.Core.Mail;
using Forum.Data.Mail;

namespace Forum.Tests.Data.Mail;

public class OutboxMonitorRepositoryTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

    private static OutgoingMessage Message(string to) =>
        new("收件人", to, "zh-CN", "主题", "正文", "<p>正文</p>", Guid.NewGuid().ToString("N") + "@forum.test");

    /// <summary>Four messages: sent, failed (550), deferred (server unreachable) and never tried.</summary>
    private static async Task<(OutboxRepository Outbox, OutboxMonitorRepository Monitor, long[] Ids, long ActorId)> WorldAsync(TestDatabase test)
    {
        var outbox = new OutboxRepository(test.Database);
        await outbox.EnqueueAsync("Escalation", [Message("sent@example.com"), Message("failed@example.com"), Message("deferred@example.com"), Message("new@example.com")], Now);
        var claimed = await outbox.ClaimDueAsync(Now, Now.AddMinutes(1), 3, "run");
        await outbox.MarkSentAsync(claimed[0].Id, "run", Now, "250 ok");
        await outbox.MarkFailedAsync(claimed[1].Id, "run", Now, "550 5.1.1 mailbox unavailable");
        await outbox.MarkDeferredAsync(claimed[2].Id, "run", Now, Now.AddMinutes(1), "connect: refused");
        var ids = (await new TestData(test.Database).QueryAsync<long>("SELECT Id FROM OutboxMessages ORDER BY Id")).ToArray();
        var actor = await new TestData(test.Database).UserAsync("管理员");
        return (outbox, new OutboxMonitorRepository(test.Database), ids, actor);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Alarm_FailedAtOnce_PendingOnlyAfter15Minutes(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var (_, monitor, _, _) = await WorldAsync(test);

        var now = await monitor.GetAlarmAsync(Now);
        var later = await monitor.GetAlarmAsync(Now.AddMinutes(15));
        var problemsNow = await monitor.ListProblemsAsync(Now, 10);
        var problemsLater = await monitor.ListProblemsAsync(Now.AddMinutes(15), 10);

        Assert.Equal(new OutboxAlarm(1, 0, Now), now);
        Assert.True(now.Raised);
        Assert.Equal(new OutboxAlarm(1, 2, Now), later);
        Assert.Equal(["failed@example.com", "deferred@example.com"], problemsNow.Select(p => p.ToEmail).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal([NotificationState.Failed, NotificationState.Deferred, NotificationState.Pending], problemsLater.OrderBy(p => p.Id).Select(p => p.State));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task RetryAndDismiss_ChangeOnlyWhatTheySay_AreAudited_AndNeverTouchASentMessage(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var (outbox, monitor, ids, actor) = await WorldAsync(test);
        var data = new TestData(test.Database);
        var thread = await (await EscalationWorld.CreateAsync(test)).ThreadAsync(Now);
        await data.ScalarAsync<object?>("UPDATE OutboxMessages SET ThreadId = @Thread", new { Thread = thread });

        var retrySent = await monitor.RetryAsync(ids[0], null, actor, "Admin", Now.AddMinutes(2));
        var retryFailed = await monitor.RetryAsync(ids[1], "fixed@example.com", actor, "Admin", Now.AddMinutes(2));
        var claimable = await outbox.ClaimDueAsync(Now.AddMinutes(2), Now.AddMinutes(3), 10, "again");

        Assert.False(retrySent);
        Assert.True(retryFailed);
        var retried = Assert.Single(claimable, m => m.Id == ids[1]);
        Assert.Equal(("fixed@example.com", 1), (retried.ToEmail, retried.Attempts));
        await outbox.MarkFailedAsync(ids[1], "again", Now.AddMinutes(2), "550 still no");

        var dismissed = await monitor.DismissAsync(ids[1], actor, "Admin", Now.AddMinutes(3));
        var dismissedTwice = await monitor.DismissAsync(ids[1], actor, "Admin", Now.AddMinutes(3));
        var dismissPending = await monitor.DismissAsync(ids[3], actor, "Admin", Now.AddMinutes(3));

        Assert.True(dismissed);
        Assert.False(dismissedTwice);
        Assert.False(dismissPending);
        Assert.Equal(0, (await monitor.GetAlarmAsync(Now.AddMinutes(3))).Failed);
        var proof = await monitor.ListForThreadAsync(thread);
        Assert.Equal(4, proof.Count);
        Assert.Equal(NotificationState.Failed, proof.Single(p => p.Id == ids[1]).State);
        Assert.NotNull(proof.Single(p => p.Id == ids[1]).DismissedAt);
        var audit = await data.QueryAsync<(string Action, long ThreadId, string Before, string? After)>("SELECT Action, ThreadId, Before, After FROM AuditLog ORDER BY Id");
        Assert.Equal([("RetryMessage", thread, $"#{ids[1]} failed@example.com", "fixed@example.com"), ("DismissMessage", thread, $"#{ids[1]} fixed@example.com", null)], audit);
    }
}
