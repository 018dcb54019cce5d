using Dapper;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Complaints;
using Forum.Data.Demo;
using Forum.Web.Complaints;
using Forum.Web.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Data.Demo;

/// <summary>
/// Demo complaints carry the past they would have had: the escalations that fell due before the first start (recorded
/// then, in the record too, with no mail), the deadlines their replies met, and follow-ups on the closed ones. The
/// stored clock agrees with that past, so a first start mails only what falls due from then on.
/// </summary>
public class DemoHistoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static readonly EscalationPolicy Policy = new(new EscalationOptions());

    private sealed class EscalationRow
    {
        public long ThreadId { get; init; }
        public string Rung { get; init; } = "";
        public int Cycle { get; init; }
        public DateTime DueAt { get; init; }
        public DateTime EscalatedAt { get; init; }
        public int RecipientCount { get; init; }
    }

    private sealed class EventRow
    {
        public long ThreadId { get; init; }
        public string Kind { get; init; } = "";
        public int Cycle { get; init; }
        public DateTime At { get; init; }
        public string? Rung { get; init; }
        public DateTime? DueAt { get; init; }
        public int? Rating { get; init; }
        public string? Text { get; init; }
        public long? PostId { get; init; }
    }

    [Fact]
    public void Content_EveryClosedComplaintIsRated_AfterItsClosingAndBeforeNow()
    {
        Assert.All(DemoContent.Threads, thread =>
        {
            Assert.Equal(thread.Status == ThreadStatus.Closed, thread.Rating is not null);
            if (thread.Rating is { } rating)
            {
                Assert.InRange(rating.Stars, 1, 5);
                Assert.False(string.IsNullOrWhiteSpace(rating.Comment));
                Assert.True(thread.ClosedAfter!.Value + rating.AfterClosing < thread.Age, thread.Title);
            }
        });
        Assert.True(DemoContent.Threads.Select(t => t.Rating?.Stars).OfType<int>().Distinct().Count() >= 3, "ratings should not all be the same");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Seeded_ClosedComplaints_CarryTheirRating_InTheRecordAfterTheClosing(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await new DemoDataSeeder(test.Database, new FakeTimeProvider(Now)).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);

        var threads = (await connection.QueryAsync<(long Id, string Status, DateTime? ClosedAt, DateTime? ConfirmedAt, int? Rating, string? RatingComment)>(
            "SELECT Id, Status, ClosedAt, ConfirmedAt, Rating, RatingComment FROM Threads")).ToList();
        var events = (await connection.QueryAsync<EventRow>("SELECT ThreadId, Kind, Cycle, At, Rung, DueAt, Rating, Text, PostId FROM ThreadEvents")).ToList();

        var closed = threads.Where(t => t.Status == nameof(ThreadStatus.Closed)).ToList();
        Assert.Equal(DemoContent.Threads.Count(t => t.Status == ThreadStatus.Closed), closed.Count);
        Assert.All(closed, t =>
        {
            Assert.InRange(t.Rating!.Value, 1, 5);
            Assert.NotNull(t.RatingComment);
            Assert.InRange(t.ConfirmedAt!.Value, t.ClosedAt!.Value, Now.UtcDateTime);
            var closing = Assert.Single(events, e => e.ThreadId == t.Id && e.Kind == nameof(ThreadEventKind.Closed));
            var rated = Assert.Single(events, e => e.ThreadId == t.Id && e.Kind == nameof(ThreadEventKind.Rated));
            Assert.Equal((t.ConfirmedAt, t.Rating, t.RatingComment, closing.Cycle), (rated.At, rated.Rating, rated.Text, rated.Cycle));
            Assert.True(rated.At > closing.At);
        });
        Assert.All(threads.Where(t => t.Status != nameof(ThreadStatus.Closed)), t => Assert.Null(t.Rating));
        Assert.Equal(closed.Count, events.Count(e => e.Kind == nameof(ThreadEventKind.Rated)));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Seeded_EveryDeadlineThatPassedUnmet_IsRecordedWhenItFellDue_InTheRecordToo_WithNoMail(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await new DemoDataSeeder(test.Database, new FakeTimeProvider(Now), Policy).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        var now = Now.UtcDateTime;

        var escalations = (await connection.QueryAsync<EscalationRow>("SELECT ThreadId, Rung, Cycle, DueAt, EscalatedAt, RecipientCount FROM Escalations")).ToList();
        var threads = (await connection.QueryAsync<(long Id, DateTime CreatedAt, DateTime? FirstOfficialReplyAt, DateTime? ClosedAt)>(
            "SELECT Id, CreatedAt, FirstOfficialReplyAt, ClosedAt FROM Threads")).ToList();
        var escalated = (await connection.QueryAsync<EventRow>(
            "SELECT ThreadId, Kind, Cycle, At, Rung, DueAt, Rating, Text, PostId FROM ThreadEvents WHERE Kind = 'Escalated'")).ToList();

        // Rung 1 ran out for every complaint not answered (nor closed) within 3 hours of posting, 3 hours after posting.
        var unansweredIn3h = threads.Where(t => t.CreatedAt.AddHours(3) is var due && due < now
            && (t.FirstOfficialReplyAt ?? t.ClosedAt ?? DateTime.MaxValue) > due).ToList();
        Assert.NotEmpty(unansweredIn3h);
        Assert.Equal(unansweredIn3h.Select(t => t.Id).Order(),
            escalations.Where(e => e.Rung == nameof(EscalationRung.FirstResponse)).Select(e => e.ThreadId).Order());
        Assert.All(escalations.Where(e => e.Rung == nameof(EscalationRung.FirstResponse)), e =>
            Assert.Equal((threads.Single(t => t.Id == e.ThreadId).CreatedAt.AddHours(3), e.DueAt), (e.DueAt, e.EscalatedAt)));
        Assert.Contains(escalations, e => e.Rung == nameof(EscalationRung.Solution));
        Assert.Contains(escalations, e => e.Rung == nameof(EscalationRung.Solution) && e.Cycle == 1);
        Assert.Contains(escalations, e => e.Rung == nameof(EscalationRung.GroupComplaint));
        Assert.All(escalations, e =>
        {
            Assert.True(e.EscalatedAt < now, $"{e.ThreadId} {e.Rung} escalated at {e.EscalatedAt}, after the seeding");
            Assert.True(e.EscalatedAt >= e.DueAt);
            Assert.Equal(0, e.RecipientCount);
        });
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages"));

        // The record says the same, each escalation once, at the moment it fell due.
        Assert.Equal(
            escalations.Select(e => (e.ThreadId, e.Rung, e.Cycle, (DateTime?)e.DueAt, e.EscalatedAt)).Order(),
            escalated.Select(e => (e.ThreadId, e.Rung!, e.Cycle, e.DueAt, e.At)).Order());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Seeded_StoredClock_IsWhatThePolicyDecidesFromTheRecordedPast_AndNothingIsDueAtTheStart(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        await new DemoDataSeeder(test.Database, new FakeTimeProvider(Now), Policy).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        var escalations = new Forum.Data.Escalation.EscalationRepository(test.Database);
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        var now = Now.UtcDateTime;

        var stored = (await connection.QueryAsync<(long Id, DateTime? ReplyDueAt, DateTime? SolutionDueAt, DateTime? DeadlineAt, DateTime? EscalationDueAt, bool? ReplyLate, bool? SolutionLate, DateTime? ScheduledAt)>(
            "SELECT Id, ReplyDueAt, SolutionDueAt, DeadlineAt, EscalationDueAt, ReplyLate, SolutionLate, ScheduledAt FROM Threads")).ToList();
        var stops = (await connection.QueryAsync<EventRow>(
            "SELECT ThreadId, Kind, Cycle, At, Rung, DueAt, Rating, Text, PostId FROM ThreadEvents WHERE Kind = 'ClockStopped'")).ToList();

        Assert.Equal(DemoContent.Threads.Length, stored.Count);
        foreach (var thread in stored)
        {
            var state = (await escalations.FindStateAsync(thread.Id, TestContext.Current.CancellationToken))!;
            var schedule = Policy.Schedule(state);
            Assert.Equal((schedule.ReplyDueAt, schedule.SolutionDueAt, schedule.DeadlineAt, schedule.NextCheckAt),
                (thread.ReplyDueAt, thread.SolutionDueAt, thread.DeadlineAt, thread.EscalationDueAt));
            Assert.NotNull(thread.ScheduledAt);
            Assert.Empty(Policy.Due(state, now));
            Assert.True(thread.EscalationDueAt is null || thread.EscalationDueAt > now, $"T{thread.Id} is due at the start: {thread.EscalationDueAt}");

            // The deadlines the replies met, as the record holds them, agree with the stored outcomes.
            bool? LastStop(EscalationRung rung) => stops.Where(s => s.ThreadId == thread.Id && s.Rung == rung.ToString())
                .OrderBy(s => s.At).Select(s => (bool?)(s.At > s.DueAt)).LastOrDefault();
            Assert.Equal(thread.ReplyLate, LastStop(EscalationRung.FirstResponse));
            if (state.ReopenCount == 0)
            {
                Assert.Equal(thread.SolutionLate, LastStop(EscalationRung.Solution));
            }
        }

        Assert.Contains(stored, t => t.ReplyLate == true);
        Assert.Contains(stored, t => t.ReplyLate == false);
        Assert.Contains(stops, s => s.PostId is not null);
    }

    [Fact]
    public async Task FirstStart_WithRealSmtp_MailsNothingForThePast_ThenOnlyDeadlinesFromNowOn()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var time = new FakeTimeProvider(Now);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var node = ForumHarness.WithSmtp(test.Database, time, smtp.Port, new Dictionary<string, string?> { ["Forum:DemoData"] = "true" });
        await node.Get<IServiceProvider>().InitializeDatabaseAsync(TestContext.Current.CancellationToken);
        var sweeper = node.Get<EscalationSweeper>();
        var delivery = node.Get<OutboxDelivery>();
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        var history = (await connection.QueryAsync<EscalationRow>("SELECT ThreadId, Rung, Cycle, DueAt, EscalatedAt, RecipientCount FROM Escalations")).ToList();

        var first = await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        var firstDelivery = await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);

        Assert.True(history.Count > 20, $"the demo's past holds its escalations ({history.Count})");
        Assert.Equal((0, 0, 0), (first.Escalations, firstDelivery.Sent, smtp.Received().Count));

        // Half a day later: only the deadlines that fell due since the start are mailed, each to its recipients.
        time.Advance(TimeSpan.FromHours(13));
        var later = await sweeper.SweepAsync(TestContext.Current.CancellationToken);
        var laterDelivery = await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);

        var fresh = (await connection.QueryAsync<EscalationRow>(
            "SELECT ThreadId, Rung, Cycle, DueAt, EscalatedAt, RecipientCount FROM Escalations WHERE EscalatedAt >= @Now", new { Now = Now.UtcDateTime })).ToList();
        Assert.True(later.Escalations > 0, "complaints posted minutes before the start fall due within 13 hours");
        Assert.Equal(later.Escalations, fresh.Count);
        Assert.All(fresh, e => Assert.InRange(e.DueAt, Now.UtcDateTime, Now.UtcDateTime.AddHours(13)));
        var mail = smtp.Received();
        Assert.Equal(fresh.Sum(e => e.RecipientCount), mail.Count);
        Assert.Equal(mail.Count, laterDelivery.Sent);
        var freshNumbers = fresh.Select(e => ThreadNumber.Format(e.ThreadId)).ToHashSet();
        Assert.All(mail, m => Assert.Contains(freshNumbers, n => m.Subject.Contains(n, StringComparison.Ordinal)));
        var pastOnly = history.Select(e => e.ThreadId).Except(fresh.Select(e => e.ThreadId)).Select(ThreadNumber.Format).ToList();
        Assert.NotEmpty(pastOnly);
        Assert.DoesNotContain(mail, m => pastOnly.Any(n => m.Subject.Contains(n, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Timeline_OfAnOldComplaint_ShowsItsEscalationsWhenTheyFellDue_AndTheClosedOnesTheirRating()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await new DemoDataSeeder(test.Database, new FakeTimeProvider(Now), Policy).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        var reader = new ThreadReader(new ThreadRepository(test.Database), new ThreadEventReader(test.Database), new Forum.Data.Escalation.EscalationNoticeReader(test.Database));
        var now = Now.UtcDateTime;
        var pages = new List<ThreadPageModel>();
        for (var id = 1; id <= DemoContent.Threads.Length; id++)
        {
            pages.Add((await reader.ReadAsync(ThreadNumber.Format(id), TestContext.Current.CancellationToken))!);
        }

        var escalations = pages.SelectMany(p => p.Timeline.Where(e => e.Kind is TimelineEntryKind.ReportedToHeadquarters
            or TimelineEntryKind.EscalatedToLeadership or TimelineEntryKind.GroupComplaintRaised).Select(e => (Page: p, Entry: e))).ToList();
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Escalations"), escalations.Count);
        Assert.True(escalations.Count > 20, $"{escalations.Count} escalations in the timelines");
        Assert.All(escalations, x =>
        {
            Assert.True(x.Entry.At < now, $"{x.Page.Thread.Number}: {x.Entry.Kind} at {x.Entry.At}, not at the start");
            Assert.NotNull(x.Entry.DueAt);
        });
        Assert.All(escalations.Where(x => x.Entry.Kind == TimelineEntryKind.ReportedToHeadquarters), x =>
            Assert.Equal(x.Page.Thread.CreatedAt.AddHours(3), x.Entry.At));

        // No mail exists for the past: nothing claims HQ was told, and nothing reads "reporting…" forever either.
        Assert.All(escalations, x => Assert.Equal(Forum.Core.Escalation.NoticeState.NoRecipient,
            x.Entry.Notices.Single(n => n.Audience == Forum.Core.Escalation.EscalationAudience.Headquarters).State));
        Assert.All(pages.SelectMany(p => p.Deadlines), line => Assert.False(line.Reporting || line.ReportedAt is not null, $"{line.Rung} {line.Cycle}"));

        var closed = pages.Where(p => p.Thread.Status == ThreadStatus.Closed).ToList();
        Assert.NotEmpty(closed);
        Assert.All(closed, p =>
        {
            var resolution = Assert.Single(p.Resolutions);
            Assert.InRange(resolution.Rating!.Value, 1, 5);
            Assert.False(string.IsNullOrWhiteSpace(resolution.RatingComment));
            Assert.Contains(p.Timeline, e => e.Kind == TimelineEntryKind.Rated && e.At > resolution.ClosedAt);
        });

        // A first official reply after its 3 hours says how late it was.
        Assert.Contains(pages, p => p.Timeline.Any(e => e.Kind == TimelineEntryKind.FirstOfficialReply && e.Late > TimeSpan.Zero));
        Assert.Contains(pages, p => p.Timeline.Any(e => e.Kind == TimelineEntryKind.FirstOfficialReply && e.Late <= TimeSpan.Zero));
    }
}
