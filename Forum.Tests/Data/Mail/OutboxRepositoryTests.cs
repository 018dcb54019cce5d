using Forum.Core.Mail;
using Forum.Data.Mail;

namespace Forum.Tests.Data.Mail;

public class OutboxRepositoryTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

    private static OutgoingMessage Message(int i) =>
        new($"收件人{i}", $"r{i}@example.com", "zh-CN", $"主题 {i}", "正文", "<p>正文</p>", Guid.NewGuid().ToString("N") + "@forum.test");

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Claims_AreExclusive_AndARunThatLostItsClaimCanNeitherSendNorMark(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var outbox = new OutboxRepository(test.Database);
        await outbox.EnqueueAsync("Test", [Message(1), Message(2)], Now);

        var first = await outbox.ClaimDueAsync(Now, Now.AddMinutes(5), 10, "run-a");
        var meanwhile = await outbox.ClaimDueAsync(Now.AddMinutes(1), Now.AddMinutes(6), 10, "run-b");
        // Run A stalls past its claim; run B takes the messages over.
        var takenOver = await outbox.ClaimDueAsync(Now.AddMinutes(5), Now.AddMinutes(10), 10, "run-b");
        var renewedByA = await outbox.RenewClaimAsync(first[0].Id, "run-a", Now.AddMinutes(5), Now.AddMinutes(10));
        await outbox.MarkSentAsync(first[0].Id, "run-a", Now.AddMinutes(5), "250 by the stalled run");

        Assert.Equal(2, first.Count);
        Assert.Empty(meanwhile);
        Assert.Equal(2, takenOver.Count);
        Assert.False(renewedByA);
        Assert.Equal("Pending", await new TestData(test.Database).ScalarAsync<string>("SELECT Status FROM OutboxMessages WHERE Id = @Id", new { first[0].Id }));
        Assert.True(await outbox.RenewClaimAsync(first[0].Id, "run-b", Now.AddMinutes(5), Now.AddMinutes(10)));
        await outbox.MarkSentAsync(first[0].Id, "run-b", Now.AddMinutes(5), "250 ok");
        Assert.Equal("Sent", await new TestData(test.Database).ScalarAsync<string>("SELECT Status FROM OutboxMessages WHERE Id = @Id", new { first[0].Id }));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Deferred_KeepsTheAttemptCount_Retry_CountsIt(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var outbox = new OutboxRepository(test.Database);
        await outbox.EnqueueAsync("Test", [Message(1), Message(2)], Now);
        var claimed = await outbox.ClaimDueAsync(Now, Now.AddMinutes(5), 10, "run");

        await outbox.MarkDeferredAsync(claimed[0].Id, "run", Now, Now.AddMinutes(1), "connect: refused");
        await outbox.MarkRetryAsync(claimed[1].Id, "run", Now, Now.AddMinutes(1), "451 later");

        var rows = await new TestData(test.Database).QueryAsync<(long Id, int Attempts, string LastResponse)>("SELECT Id, Attempts, LastResponse FROM OutboxMessages ORDER BY Id");
        Assert.Equal([(claimed[0].Id, 0, "connect: refused"), (claimed[1].Id, 1, "451 later")], rows);
    }
}
