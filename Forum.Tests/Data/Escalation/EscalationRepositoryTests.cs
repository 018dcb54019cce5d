using Dapper;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Escalation;

namespace Forum.Tests.Data.Escalation;

public class EscalationRepositoryTests
{
    private static readonly DateTime Posted = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);
    private static readonly EscalationPolicy Policy = new(new EscalationOptions());

    /// <summary>A stand-in for the web layer's wording: one line per message, so the data tests see who got what.</summary>
    private sealed class PlainComposer(int failOnCall = 0) : IEscalationMessageComposer
    {
        private int _calls;

        public OutgoingMessage Compose(EscalationSubject subject, RungClock clock, DateTime now, Recipient recipient)
        {
            if (++_calls == failOnCall)
            {
                throw new InvalidOperationException("composer failed");
            }

            return new OutgoingMessage(recipient.Name, recipient.Email, recipient.Language,
                $"{subject.Number} {clock.Rung}", "text", "<p>html</p>", Guid.NewGuid().ToString("N") + "@forum.test");
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task EscalateAsync_Rung1Due_WritesOneEscalationAndOneOutboxRowPerRecipient_SecondCallIsANoOp(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        var thread = await world.ThreadAsync(Posted);
        var repository = new EscalationRepository(test.Database);
        var at3h = Posted.AddHours(3);

        var first = await repository.EscalateAsync(thread, at3h, Policy, new PlainComposer());
        var second = await repository.EscalateAsync(thread, at3h.AddMinutes(1), Policy, new PlainComposer());

        var escalation = Assert.Single(first);
        Assert.Equal((EscalationRung.FirstResponse, 0, Posted.AddHours(3), 2), (escalation.Rung, escalation.Cycle, escalation.DueAt, escalation.RecipientCount));
        Assert.Empty(second);
        var outbox = await world.Data.QueryAsync<(string ToEmail, string Status, long EscalationId)>("SELECT ToEmail, Status, EscalationId FROM OutboxMessages ORDER BY ToEmail");
        Assert.Equal([EscalationWorld.HqCustomerRelations, EscalationWorld.ShenzhenCustomerRelations], outbox.Select(o => o.ToEmail));
        Assert.All(outbox, o => Assert.Equal(("Pending", escalation.Id), (o.Status, o.EscalationId)));
        Assert.Equal(Posted.AddHours(12), await world.Data.ScalarAsync<DateTime>("SELECT EscalationDueAt FROM Threads WHERE Id = @Id", new { Id = thread }));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task EscalateAsync_ComposerFailsHalfway_NothingIsWritten(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        var thread = await world.ThreadAsync(Posted);
        var repository = new EscalationRepository(test.Database);

        await Assert.ThrowsAsync<InvalidOperationException>(() => repository.EscalateAsync(thread, Posted.AddHours(3), Policy, new PlainComposer(failOnCall: 2)));

        Assert.Equal(0, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Escalations"));
        Assert.Equal(0, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages"));
        Assert.Single(await repository.EscalateAsync(thread, Posted.AddHours(3), Policy, new PlainComposer()));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task EscalateAsync_AnsweredBeforeTheDeadline_NoEscalationAndTheNextCheckMovesToTheSolutionDeadline(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        var thread = await world.ThreadAsync(Posted);
        await world.Data.AnswerAsync(thread, Posted.AddHours(2).AddMinutes(59));
        var repository = new EscalationRepository(test.Database);

        Assert.Empty(await repository.EscalateAsync(thread, Posted.AddHours(3), Policy, new PlainComposer()));

        Assert.Equal(Posted.AddHours(12), await world.Data.ScalarAsync<DateTime>("SELECT EscalationDueAt FROM Threads WHERE Id = @Id", new { Id = thread }));
        Assert.Empty(await repository.ListDueThreadIdsAsync(Posted.AddHours(11), 100));
        Assert.Equal([thread], await repository.ListDueThreadIdsAsync(Posted.AddHours(12), 100));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task EscalateAsync_GroupComplaint_MarksTheThreadAndTellsHqAndTheCompanyHead(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        var thread = await world.ThreadAsync(Posted, coSigns: 10);
        await world.Data.AnswerAsync(thread, Posted.AddMinutes(10));
        var repository = new EscalationRepository(test.Database);

        var written = await repository.EscalateAsync(thread, Posted.AddMinutes(30), Policy, new PlainComposer());

        Assert.Equal(EscalationRung.GroupComplaint, Assert.Single(written).Rung);
        Assert.True(await world.Data.ScalarAsync<bool>("SELECT IsGroupComplaint FROM Threads WHERE Id = @Id", new { Id = thread }));
        Assert.Equal([EscalationWorld.HqCustomerRelations, EscalationWorld.ShenzhenHead],
            await world.Data.QueryAsync<string>("SELECT ToEmail FROM OutboxMessages ORDER BY ToEmail"));
    }

    [Fact]
    public async Task ListDueThreadIds_SeeksTheEscalationDueAtIndex()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await using var connection = await test.Database.OpenAsync();

        var plan = string.Join("\n", (await connection.QueryAsync<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN SELECT Id FROM Threads WHERE EscalationDueAt <= @Now ORDER BY EscalationDueAt LIMIT 200", new { Now = Posted })).Select(r => r.Detail));

        Assert.Contains("INDEX IX_Threads_EscalationDueAt (EscalationDueAt<?)", plan);
        Assert.DoesNotContain("SCAN Threads", plan);
    }
}
