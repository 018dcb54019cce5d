using Forum.Core.Accounts;
using Forum.Core.Briefing;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Moderation;
using Forum.Data.Briefing;
using Forum.Data.Complaints;
using Forum.Data.Moderation;
using Forum.Tests.Support;

namespace Forum.Tests.Data.Complaints;

/// <summary>
/// One clock: random sequences of acts on a real SQLite file, through the real writers. After every step the overdue
/// filter, the console order, the thread page's deadlines and the scoreboard's on-time shares must agree with
/// <see cref="EscalationPolicy"/> applied to the recorded events (replayed here, independently of the writers).
/// </summary>
public class ClockPropertyTests
{
    private static readonly EscalationPolicy Policy = new(new EscalationOptions());

    private enum Act { Reply, OfficialReply, Solution, Wait, Resume, Close, Reopen, Merge, TimePasses }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomActs_EveryReaderAgreesWithThePolicyAppliedToTheRecord(int seed)
    {
        await using var test = TestDatabase.Create("Sqlite");
        var data = new TestData(test.Database);
        var company = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(company);
        var category = await data.CategoryIdAsync();
        var author = await data.UserAsync("业主");
        var hq = new StaffMember(await data.UserAsync("总部客服"), "总部客服", new HashSet<string> { ForumRoles.HqStaff }, null);
        var writer = new ComplaintWriter(test.Database, Policy);
        var moderation = new ModerationRepository(test.Database, Policy);
        var threads = new ThreadRepository(test.Database);
        var events = new ThreadEventReader(test.Database);
        var statistics = new StatisticsRepository(test.Database);
        var random = new Random(seed);
        var now = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
        var ids = new List<long>();
        var request = 0;

        for (var step = 0; step < 60; step++)
        {
            if (ids.Count < 4 && (ids.Count == 0 || random.Next(4) == 0))
            {
                ids.Add(await writer.CreateThreadAsync(
                    new ValidComplaint(company, project, category, $"投诉 {step}", "卫生间漏水，请尽快处理。", "张三", "13800001111", "1栋101", $"req-{seed}-{request++}"),
                    author, now));
            }

            var thread = ids[random.Next(ids.Count)];
            var act = (Act)random.Next(Enum.GetValues<Act>().Length);
            switch (act)
            {
                case Act.Reply or Act.Resume:
                    await writer.AddHomeownerReplyAsync(thread, author, "补充情况", $"req-{seed}-{request++}", now);
                    break;
                case Act.OfficialReply or Act.Solution:
                    await moderation.AddOfficialPostAsync(new OfficialPost(thread, hq, company, act == Act.Solution ? PostKind.Solution : PostKind.OfficialReply, "已安排维修", $"req-{seed}-{request++}"), now);
                    break;
                case Act.Wait:
                    await moderation.SetAwaitingHomeownerAsync(thread, hq, now, "请提供照片");
                    break;
                case Act.Close:
                    await moderation.CloseAsync(thread, hq, "已修复", now);
                    break;
                case Act.Reopen:
                    await writer.ReopenAsync(thread, author, ComplaintRules.ReopenWindow, now, "还在漏");
                    break;
                case Act.Merge when ids.Count > 1:
                    await moderation.MergeAsync(thread, hq, ids.First(i => i != thread), now);
                    break;
                default:
                    break;
            }

            now += TimeSpan.FromMinutes(random.Next(1, 6 * 60));
            await AssertReadersAgreeAsync(ids, now);
        }

        async Task AssertReadersAgreeAsync(IReadOnlyList<long> all, DateTime at)
        {
            var expected = new Dictionary<long, Replayed>();
            foreach (var id in all)
            {
                expected[id] = Replay(await events.ListAsync(id));
            }

            var visible = expected.Where(e => !e.Value.State.IsHidden).ToList();
            var overdue = (await threads.ListAsync(new ThreadListQuery { Overdue = new OverdueOptions(at) })).Items.Select(t => t.Id).Order().ToList();
            Assert.Equal(visible.Where(e => Deadlines(e.Value.State).Any(c => c.DueAt <= at)).Select(e => e.Key).Order(), overdue);

            var queue = (await moderation.ListQueueAsync(null)).Select(q => q.Thread.Id).ToList();
            var expectedQueue = visible.Where(e => e.Value.State.Status != ThreadStatus.Closed)
                .OrderBy(e => Deadlines(e.Value.State).Select(c => (DateTime?)c.DueAt).FirstOrDefault() ?? DateTime.MaxValue)
                .ThenBy(e => e.Key)
                .Select(e => e.Key);
            Assert.Equal(expectedQueue, queue);

            foreach (var (id, replayed) in visible)
            {
                var page = await threads.FindAsync(id);
                Assert.Equal(Deadlines(replayed.State).Select(c => (c.Rung, c.DueAt)), page!.Deadlines.Select(c => (c.Rung, c.DueAt)));
            }

            var facts = await statistics.ListThreadFactsAsync(at.AddDays(-90), at.AddSeconds(1));
            var score = CompanyStatistics.Score(facts, [company], at).Single();
            var replies = visible.Select(e => Outcome(e.Value, EscalationRung.FirstResponse, at)).Where(o => o != RungOutcome.Pending).ToList();
            var solutions = visible.Select(e => Outcome(e.Value, EscalationRung.Solution, at)).Where(o => o != RungOutcome.Pending).ToList();
            Assert.Equal(Share(replies), score.AnsweredWithinRule);
            Assert.Equal(Share(solutions), score.SolutionWithinRule);
        }
    }

    private static double? Share(List<RungOutcome> outcomes) =>
        outcomes.Count == 0 ? null : (double)outcomes.Count(o => o == RungOutcome.OnTime) / outcomes.Count;

    private static IEnumerable<RungClock> Deadlines(EscalationState state) =>
        Policy.Deadlines(state).Where(c => c.Rung != EscalationRung.GroupComplaint);

    private static RungOutcome Outcome(Replayed replayed, EscalationRung rung, DateTime now)
    {
        var running = Deadlines(replayed.State).FirstOrDefault(c => c.Rung == rung);
        return EscalationPolicy.Outcome(running?.DueAt, replayed.Late.TryGetValue(rung, out var late) ? late : null, now);
    }

    private sealed record Replayed(EscalationState State, Dictionary<EscalationRung, bool> Late);

    /// <summary>The ladder state the record describes, and the outcome of each clock as it stopped.</summary>
    private static Replayed Replay(IReadOnlyList<ThreadEvent> record)
    {
        var state = new EscalationState { CreatedAt = record[0].At, Status = ThreadStatus.Open };
        var late = new Dictionary<EscalationRung, bool>();
        foreach (var e in record)
        {
            var before = state;
            state = e.Kind switch
            {
                ThreadEventKind.OfficialReply => state with
                {
                    FirstOfficialReplyAt = state.FirstOfficialReplyAt ?? e.At,
                    Status = state.Status is ThreadStatus.Open or ThreadStatus.Reopened ? ThreadStatus.Answered : state.Status,
                },
                ThreadEventKind.SolutionProposed => state with
                {
                    FirstOfficialReplyAt = state.FirstOfficialReplyAt ?? e.At, SolutionProposedAt = e.At, Status = ThreadStatus.SolutionProposed,
                },
                ThreadEventKind.AwaitingHomeowner => state with { Status = ThreadStatus.AwaitingHomeowner, AwaitingHomeownerSince = e.At },
                ThreadEventKind.Resumed => state with
                {
                    Status = state.SolutionProposedAt is null ? ThreadStatus.Answered : ThreadStatus.SolutionProposed,
                    SolutionPaused = state.SolutionPaused + (e.At - state.AwaitingHomeownerSince!.Value),
                    AwaitingHomeownerSince = null,
                },
                ThreadEventKind.Closed => state with { Status = ThreadStatus.Closed },
                ThreadEventKind.Reopened => state with
                {
                    Status = ThreadStatus.Reopened, ReopenedAt = e.At, ReopenCount = state.ReopenCount + 1, SolutionPaused = TimeSpan.Zero, AwaitingHomeownerSince = null,
                },
                ThreadEventKind.MergedInto => state with { IsHidden = true },
                _ => state,
            };
            foreach (var stopped in Policy.Stopped(before, state, e.At))
            {
                late[stopped.Rung] = stopped.Late;
            }
        }

        return new Replayed(state, late);
    }
}
