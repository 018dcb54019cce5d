using Dapper;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Database;
using Forum.Data.Escalation;
using Microsoft.Extensions.Time.Testing;

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

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task EscalateBatchAsync_ThreeDueThreads_EachEscalatedOnceWithItsMail_SecondBatchIsANoOp(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        long[] threads = [await world.ThreadAsync(Posted), await world.ThreadAsync(Posted.AddMinutes(1)), await world.ThreadAsync(Posted.AddMinutes(2))];
        var repository = new EscalationRepository(test.Database);
        var at = Posted.AddHours(3).AddMinutes(5);

        var first = await repository.EscalateBatchAsync(threads, at, Policy, new PlainComposer());
        var second = await repository.EscalateBatchAsync(threads, at.AddMinutes(1), Policy, new PlainComposer());

        Assert.Equal(threads, first.Select(e => e.ThreadId));
        Assert.All(first, e => Assert.Equal((EscalationRung.FirstResponse, 0, 2), (e.Rung, e.Cycle, e.RecipientCount)));
        Assert.Empty(second);
        var outbox = await world.Data.QueryAsync<(long ThreadId, long EscalationId, string ToEmail)>("SELECT ThreadId, EscalationId, ToEmail FROM OutboxMessages ORDER BY ThreadId, ToEmail");
        Assert.Equal(threads.SelectMany(t => new[] { (t, first.Single(e => e.ThreadId == t).Id, EscalationWorld.HqCustomerRelations), (t, first.Single(e => e.ThreadId == t).Id, EscalationWorld.ShenzhenCustomerRelations) }), outbox);
        Assert.Equal(3, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM ThreadEvents WHERE Kind = 'Escalated'"));
        Assert.Equal([Posted.AddHours(12), Posted.AddMinutes(1).AddHours(12), Posted.AddMinutes(2).AddHours(12)],
            await world.Data.QueryAsync<DateTime>("SELECT EscalationDueAt FROM Threads ORDER BY Id"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task EscalateBatchAsync_ComposerFailsOnTheThirdThread_NothingOfTheBatchIsWritten(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        long[] threads = [await world.ThreadAsync(Posted), await world.ThreadAsync(Posted), await world.ThreadAsync(Posted)];
        var repository = new EscalationRepository(test.Database);

        // Two recipients a thread: the fifth message is the third thread's first.
        await Assert.ThrowsAsync<InvalidOperationException>(() => repository.EscalateBatchAsync(threads, Posted.AddHours(3), Policy, new PlainComposer(failOnCall: 5)));

        Assert.Equal(0, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Escalations"));
        Assert.Equal(0, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages"));
        Assert.Equal(0, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM ThreadEvents WHERE Kind = 'Escalated'"));
        Assert.Equal(3, (await repository.EscalateBatchAsync(threads, Posted.AddHours(3), Policy, new PlainComposer())).Count);
    }

    [Fact]
    public async Task EscalateBatchAsync_TwoSweepersRacingOnOneSqliteFile_WriteEachEscalationAndItsMailOnce()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var threads = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            threads.Add(await world.ThreadAsync(Posted.AddMinutes(i)));
        }

        // Two nodes: two ForumDatabase instances on the same file, each with its own connection pool and write gate,
        // so only SQLite's own lock stands between them. Each takes the list in its own order and batch size.
        var nodeA = new EscalationRepository(new ForumDatabase(DatabaseProvider.Sqlite, test.Database.ConnectionString));
        var nodeB = new EscalationRepository(new ForumDatabase(DatabaseProvider.Sqlite, test.Database.ConnectionString));
        var at = Posted.AddHours(4);
        var sweepA = Task.Run(async () =>
        {
            var written = new List<EscalationRecord>();
            foreach (var batch in threads.Chunk(7))
            {
                written.AddRange(await nodeA.EscalateBatchAsync(batch, at, Policy, new PlainComposer()));
            }

            return written;
        });
        var sweepB = Task.Run(async () =>
        {
            var written = new List<EscalationRecord>();
            foreach (var batch in threads.AsEnumerable().Reverse().Chunk(5))
            {
                written.AddRange(await nodeB.EscalateBatchAsync(batch, at, Policy, new PlainComposer()));
            }

            return written;
        });
        var all = (await sweepA).Concat(await sweepB).ToList();

        Assert.Equal(threads.Order(), all.Select(e => e.ThreadId).Order());
        Assert.Equal(40, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Escalations"));
        Assert.Equal(80, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages"));
        Assert.Equal(80, await world.Data.ScalarAsync<int>("SELECT COUNT(DISTINCT ThreadId || ToEmail) FROM OutboxMessages"));
        Assert.Equal(40, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM ThreadEvents WHERE Kind = 'Escalated'"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task EscalateBatchAsync_SeveralRungsDueOnOneThread_EachMailAndEventBelongsToItsOwnEscalation(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        var group = await world.ThreadAsync(Posted, coSigns: 10);
        var plain = await world.ThreadAsync(Posted.AddMinutes(1));
        var repository = new EscalationRepository(test.Database);
        var at = Posted.AddHours(13);

        var written = await repository.EscalateBatchAsync([group, plain], at, Policy, new PlainComposer());

        // Rung 1 and rung 2 ran out on both; the co-signs made the first a group complaint too.
        Assert.Equal(
            [(group, EscalationRung.GroupComplaint, 2), (group, EscalationRung.FirstResponse, 2), (group, EscalationRung.Solution, 3),
             (plain, EscalationRung.FirstResponse, 2), (plain, EscalationRung.Solution, 3)],
            written.Select(e => (e.ThreadId, e.Rung, e.RecipientCount)));
        var stored = await world.Data.QueryAsync<(long Id, long ThreadId, string Rung, int RecipientCount)>(
            "SELECT Id, ThreadId, Rung, RecipientCount FROM Escalations ORDER BY Id");
        Assert.Equal(written.Select(e => (e.Id, e.ThreadId, e.Rung.ToString(), e.RecipientCount)), stored);
        var mail = await world.Data.QueryAsync<(long EscalationId, long ThreadId, string ToEmail)>(
            "SELECT EscalationId, ThreadId, ToEmail FROM OutboxMessages ORDER BY Id");
        foreach (var escalation in written)
        {
            var own = mail.Where(m => m.EscalationId == escalation.Id).ToList();
            Assert.All(own, m => Assert.Equal(escalation.ThreadId, m.ThreadId));
            string[] expected = escalation.Rung switch
            {
                EscalationRung.FirstResponse => [EscalationWorld.ShenzhenCustomerRelations, EscalationWorld.HqCustomerRelations],
                EscalationRung.Solution => [EscalationWorld.HqCustomerRelations, EscalationWorld.ShenzhenHead, EscalationWorld.HqExecutive],
                _ => [EscalationWorld.HqCustomerRelations, EscalationWorld.ShenzhenHead],
            };
            Assert.Equal(expected.Order(), own.Select(m => m.ToEmail).Order());
        }

        Assert.Equal(12, mail.Count);
        Assert.Equal(written.Select(e => (e.ThreadId, e.Rung.ToString(), e.Cycle, e.DueAt)),
            await world.Data.QueryAsync<(long, string, int, DateTime)>("SELECT ThreadId, Rung, Cycle, DueAt FROM ThreadEvents WHERE Kind = 'Escalated' ORDER BY Id"));
        Assert.Equal([true, false], await world.Data.QueryAsync<bool>("SELECT IsGroupComplaint FROM Threads ORDER BY Id"));
        Assert.Empty(await repository.ListDueThreadIdsAsync(at.AddDays(30), 10));
    }

    [Fact]
    public async Task SweepAsync_TwoNodesSweepingABacklogOfSeveralBatchesAtOnce_WriteEachEscalationAndItsMailOnce()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await EscalationWorld.CreateAsync(test);
        var threads = EscalationSweeper.BatchSize * 2 + 50;
        for (var i = 0; i < threads; i++)
        {
            await world.ThreadAsync(Posted.AddSeconds(i));
        }

        // Two nodes on one file, each with its own pool and write gate; the same moment on both clocks.
        var time = new FakeTimeProvider(new DateTimeOffset(Posted.AddHours(4)));
        EscalationSweeper Node() => new(
            new EscalationRepository(new ForumDatabase(DatabaseProvider.Sqlite, test.Database.ConnectionString)), Policy, new PlainComposer(), time);
        var (nodeA, nodeB) = (Node(), Node());

        var results = await Task.WhenAll(Task.Run(() => nodeA.SweepAsync()), Task.Run(() => nodeB.SweepAsync()));

        Assert.Equal(threads, results.Sum(r => r.Escalations));
        Assert.Equal(threads * 2, results.Sum(r => r.Messages));
        Assert.All(results, r => Assert.Empty(r.Failures!));
        Assert.Equal(threads, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Escalations"));
        Assert.Equal(threads, await world.Data.ScalarAsync<int>("SELECT COUNT(DISTINCT ThreadId) FROM Escalations"));
        Assert.Equal(threads * 2, await world.Data.ScalarAsync<int>("SELECT COUNT(DISTINCT ThreadId || ToEmail) FROM OutboxMessages"));
        Assert.Equal(threads * 2, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages"));
        Assert.Equal(threads, await world.Data.ScalarAsync<int>("SELECT COUNT(*) FROM ThreadEvents WHERE Kind = 'Escalated'"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SweepAsync_OneThreadUnreadable_TheOthersAreEscalatedInTheSameSweepAndItIsPostponed(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await EscalationWorld.CreateAsync(test);
        long[] threads = [await world.ThreadAsync(Posted), await world.ThreadAsync(Posted.AddMinutes(1)), await world.ThreadAsync(Posted.AddMinutes(2))];
        // A status no release ever wrote: reading the thread's state throws, which fails the whole batch.
        await world.Data.ExecuteAsync("UPDATE Threads SET Status = 'Bogus' WHERE Id = @Id", new { Id = threads[1] });
        var time = new FakeTimeProvider(new DateTimeOffset(Posted.AddHours(3).AddMinutes(5)));
        var sweeper = new EscalationSweeper(new EscalationRepository(test.Database), Policy, new PlainComposer(), time);

        var result = await sweeper.SweepAsync();

        Assert.Equal((3, 2, 4), (result.ThreadsExamined, result.Escalations, result.Messages));
        Assert.Equal(threads[1], Assert.Single(result.Failures!).ThreadId);
        Assert.Equal([threads[0], threads[2]], await world.Data.QueryAsync<long>("SELECT ThreadId FROM Escalations ORDER BY ThreadId"));
        Assert.Equal(time.GetUtcNow().UtcDateTime + EscalationSweeper.RetryFailedThreadAfter,
            await world.Data.ScalarAsync<DateTime>("SELECT EscalationDueAt FROM Threads WHERE Id = @Id", new { Id = threads[1] }));
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
