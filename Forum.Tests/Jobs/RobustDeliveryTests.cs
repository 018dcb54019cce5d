using Forum.Core.Mail;
using Forum.Data.Mail;
using Forum.Web.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

/// <summary>
/// Delivery under faults, against the real SMTP server process and a real SQLite outbox: a malformed address beside
/// good ones, a node killed between claiming and sending, refusals and outages. Every test counts what arrived.
/// </summary>
public class RobustDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static OutgoingMessage Message(string to, string subject) =>
        new("收件人", to, "zh-CN", subject, "正文", "<p>正文</p>", Guid.NewGuid().ToString("N") + "@forum.test");

    private static Task<IReadOnlyList<(string ToEmail, string Status, int Attempts, string? LastResponse)>> RowsAsync(TestDatabase test) =>
        new TestData(test.Database).QueryAsync<(string ToEmail, string Status, int Attempts, string? LastResponse)>(
            "SELECT ToEmail, Status, Attempts, LastResponse FROM OutboxMessages ORDER BY Id");

    [Fact]
    public async Task DeliverDue_MalformedAddressesBetweenGoodOnes_EachBadOneFailsAlone_TheGoodOnesArrive()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Start);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        var outbox = node.Get<IOutboxRepository>();
        await outbox.EnqueueAsync("Test",
        [
            Message("first@example.com", "1"),
            Message("not an address", "2"),
            Message("second@example.com", "3"),
            Message("evil@example.com>\r\nRCPT TO:<victim@example.com", "4"),
            Message("third@example.com", "5"),
        ], Start.UtcDateTime, TestContext.Current.CancellationToken);

        var result = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(1));
        var again = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((3, 2, 0), (result.Sent, result.Failed, result.Deferred));
        Assert.Equal((0, 0, 0), (again.Sent, again.Failed, again.Deferred));
        // Up to three connections share a batch, so arrival order is not the outbox order.
        Assert.Equal(["first@example.com", "second@example.com", "third@example.com"], smtp.Received().Select(m => m.To).Order());
        var rows = await RowsAsync(test);
        Assert.Equal(["Sent", "Failed", "Sent", "Failed", "Sent"], rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.All(rows.Where(r => r.Status == "Failed"), r => Assert.False(string.IsNullOrWhiteSpace(r.LastResponse)));
    }

    [Fact]
    public async Task DeliverDue_NodeKilledBetweenClaimAndSend_AnotherNodeSendsEachMessageOnceWithinAMinute()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Start);
        await using var smtp = await SmtpTestServer.StartAsync();
        var outbox = new OutboxRepository(test.Database);
        await outbox.EnqueueAsync("Test", Enumerable.Range(1, 20).Select(i => Message($"r{i}@example.com", $"{i}")).ToList(), Start.UtcDateTime, TestContext.Current.CancellationToken);

        // The killed node: it claimed the whole batch, exactly as a delivery run does, and never came back.
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await outbox.ClaimDueAsync(now, now + OutboxDelivery.ClaimLifetime, OutboxDelivery.BatchSize, "killed-run", TestContext.Current.CancellationToken);
        await using var survivor = ForumHarness.WithSmtp(new Forum.Data.Database.ForumDatabase(test.Database.Provider, test.Database.ConnectionString), time, smtp.Port);
        var whileClaimed = await survivor.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));
        var afterAMinute = await survivor.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(5));
        var later = await survivor.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(20, claimed.Count);
        Assert.Equal(0, whileClaimed.Sent);
        Assert.Equal(20, afterAMinute.Sent);
        Assert.Equal(0, later.Sent);
        var received = smtp.Received();
        Assert.Equal(20, received.Count);
        Assert.Equal(20, received.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.All(await RowsAsync(test), r => Assert.Equal(("Sent", 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task DeliverDue_550And451AndGoodInOneBatch_OnlyTheRefusedOneFails_TheDeferredOneArrivesLater()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Start);
        await using var smtp = await SmtpTestServer.StartAsync(reject: ["gone@example.com"], defer: ["busy@example.com"]);
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        await node.Get<IOutboxRepository>().EnqueueAsync("Test",
            [Message("gone@example.com", "1"), Message("busy@example.com", "2"), Message("ok@example.com", "3")], Start.UtcDateTime, TestContext.Current.CancellationToken);

        var first = await node.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
        await smtp.StopAsync();
        await using var cured = await SmtpTestServer.StartAsync();
        await using var nodeAfter = ForumHarness.WithSmtp(test.Database, time, cured.Port);
        time.Advance(OutboxDelivery.Backoff(1));
        var second = await nodeAfter.Get<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 1, 1), (first.Sent, first.Retrying, first.Failed));
        Assert.Equal((1, 0, 0), (second.Sent, second.Retrying, second.Failed));
        Assert.Equal(["ok@example.com"], smtp.Received().Select(m => m.To));
        Assert.Equal(["busy@example.com"], cured.Received().Select(m => m.To));
        var rows = await RowsAsync(test);
        Assert.Equal([("gone@example.com", "Failed", 1), ("busy@example.com", "Sent", 2), ("ok@example.com", "Sent", 1)],
            rows.Select(r => (r.ToEmail, r.Status, r.Attempts)));
        Assert.StartsWith("550 ", rows[0].LastResponse);
    }

    [Fact]
    public async Task DeliverDue_ServerDownThenUp_LogsOneWarningPerOutage_AndDeliversEverythingOnce()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Start);
        await using var smtp = SmtpTestServer.NotStarted();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port);
        var logger = new FakeLogger<MailOutageLog>();
        var outage = new MailOutageLog(logger);
        var delivery = node.Get<OutboxDelivery>();
        await node.Get<IOutboxRepository>().EnqueueAsync("Test", [Message("a@example.com", "1"), Message("b@example.com", "2")], Start.UtcDateTime, TestContext.Current.CancellationToken);

        for (var minute = 0; minute < 3; minute++)
        {
            outage.Observe(await delivery.DeliverDueAsync(TestContext.Current.CancellationToken));
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var whileDown = logger.Collector.GetSnapshot();
        await smtp.StartAsync();
        var back = await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);
        outage.Observe(back);
        outage.Observe(await delivery.DeliverDueAsync(TestContext.Current.CancellationToken));

        var warning = Assert.Single(whileDown);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("SMTP unreachable", warning.Message);
        Assert.Equal(2, back.Sent);
        Assert.False(outage.IsDown);
        var all = logger.Collector.GetSnapshot();
        Assert.Equal([LogLevel.Warning, LogLevel.Information], all.Select(r => r.Level));
        Assert.Equal(2, smtp.Received().Count);
        Assert.All(await RowsAsync(test), r => Assert.Equal(("Sent", 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task DeliverDue_SessionThrowsIoOrAnythingElse_IoWaitsWithoutAnAttempt_AnythingElseFailsThatMessageAlone()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Start);
        var outbox = new OutboxRepository(test.Database);
        await outbox.EnqueueAsync("Test", [Message("bug@example.com", "1"), Message("ok@example.com", "2"), Message("io@example.com", "3"), Message("after@example.com", "4")], Start.UtcDateTime, TestContext.Current.CancellationToken);
        var transport = new ThrowingTransport();

        var result = await new OutboxDelivery(outbox, transport, time).DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((1, 1, 2), (result.Sent, result.Failed, result.Deferred));
        Assert.NotNull(result.Unreachable);
        var rows = await RowsAsync(test);
        Assert.Equal([("Failed", 1), ("Sent", 1), ("Pending", 0), ("Pending", 0)], rows.Select(r => (r.Status, r.Attempts)));
        Assert.Equal("not sent: InvalidOperationException: a bug in building this message", rows[0].LastResponse);
    }

    [Fact]
    public async Task DeliverDue_ThreeSessions_ShareTheBacklog_EachMessageSentOnceAndRecorded()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Start);
        var outbox = new OutboxRepository(test.Database);
        await outbox.EnqueueAsync("Test", Enumerable.Range(1, 150).Select(i => Message($"r{i}@example.com", $"{i}")).ToList(), Start.UtcDateTime, TestContext.Current.CancellationToken);
        var transport = new CountingTransport(sessions: 3, refuseAfterFirst: false);

        var result = await new OutboxDelivery(outbox, transport, time).DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((150, 0, 0, 0), (result.Sent, result.Retrying, result.Failed, result.Deferred));
        Assert.Null(result.Unreachable);
        Assert.Equal(150, transport.Sent.Count);
        Assert.Equal(150, transport.Sent.Select(s => s.To).Distinct().Count());
        // Two batches (100 and 50), three sessions opened for each; the first batch's three sent at the same time.
        Assert.Equal(6, transport.Opened);
        Assert.Equal(3, transport.MostAtOnce);
        Assert.Equal([1, 2, 3], transport.Sent.Where(s => s.Session <= 3).Select(s => s.Session).Distinct().Order());
        Assert.All(await RowsAsync(test), r => Assert.Equal(("Sent", 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task DeliverDue_RelayRefusesAnExtraConnection_TheFirstSendsEverything_NothingWaits()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Start);
        var outbox = new OutboxRepository(test.Database);
        await outbox.EnqueueAsync("Test", Enumerable.Range(1, 10).Select(i => Message($"r{i}@example.com", $"{i}")).ToList(), Start.UtcDateTime, TestContext.Current.CancellationToken);
        var transport = new CountingTransport(sessions: 3, refuseAfterFirst: true);

        var result = await new OutboxDelivery(outbox, transport, time).DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal((10, 0, 0), (result.Sent, result.Deferred, result.Failed));
        Assert.Null(result.Unreachable);
        Assert.Equal([1], transport.Sent.Select(s => s.Session).Distinct());
        Assert.All(await RowsAsync(test), r => Assert.Equal(("Sent", 1), (r.Status, r.Attempts)));
    }

    /// <summary>
    /// Sessions that accept everything and record which session sent what and how many were sending at once; with
    /// <c>refuseAfterFirst</c> the relay refuses every connection but the first.
    /// </summary>
    private sealed class CountingTransport(int sessions, bool refuseAfterFirst) : IMailTransport
    {
        private readonly TaskCompletionSource _allSending = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _opened, _sending, _mostAtOnce;

        public System.Collections.Concurrent.ConcurrentBag<(int Session, string To)> Sent { get; } = [];

        public int Opened => _opened;

        public int MostAtOnce => _mostAtOnce;

        public int Sessions => sessions;

        public bool RefusesExtra => refuseAfterFirst;

        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default)
        {
            var number = Interlocked.Increment(ref _opened);
            if (refuseAfterFirst && number > 1)
            {
                throw new IOException("421 too many connections");
            }

            return Task.FromResult<IMailSession>(new Session(this, number));
        }

        private sealed class Session(CountingTransport transport, int number) : IMailSession
        {
            public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken = default)
            {
                var now = Interlocked.Increment(ref transport._sending);
                int most;
                while (now > (most = Volatile.Read(ref transport._mostAtOnce)) && Interlocked.CompareExchange(ref transport._mostAtOnce, now, most) != most)
                {
                }

                // Until every session has been sending at once, each send waits for the others (bounded): lanes that
                // ran one after another would time out here instead.
                if (now >= transport.Sessions)
                {
                    transport._allSending.TrySetResult();
                }

                if (!transport.RefusesExtra)
                {
                    await transport._allSending.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                }

                Interlocked.Decrement(ref transport._sending);
                transport.Sent.Add((number, message.ToEmail));
                return new SendResult(SendOutcome.Accepted, "250 ok");
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    /// <summary>A session that fails the way a bug or a dropped disk would, chosen by recipient.</summary>
    private sealed class ThrowingTransport : IMailTransport, IMailSession
    {
        public Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default) => Task.FromResult<IMailSession>(this);

        public Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken = default) => message.ToEmail switch
        {
            "bug@example.com" => throw new InvalidOperationException("a bug in building this message"),
            "io@example.com" => throw new IOException("disk gone"),
            _ => Task.FromResult(new SendResult(SendOutcome.Accepted, "250 ok")),
        };

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
