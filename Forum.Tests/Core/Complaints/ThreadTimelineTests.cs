using Forum.Core.Companies;
using Forum.Core.Complaints;

namespace Forum.Tests.Core.Complaints;

public class ThreadTimelineTests
{
    private static readonly DateTime Posted = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);

    private static ThreadDetail Thread(ThreadStatus status, DateTime? answered = null, DateTime? solved = null, DateTime? closed = null) => new()
    {
        Id = 7, Title = "卫生间漏水", Body = "漏水", Status = status, AuthorName = "业主", CreatedAt = Posted,
        FirstOfficialReplyAt = answered, SolutionProposedAt = solved, ClosedAt = closed,
        ReplyCount = 0, CoSignCount = 0, IsGroupComplaint = false, IsLocked = false, CompanyId = 2,
        CompanySlug = "shenzhen", CompanyName = new LocalizedName("深圳公司", "Shenzhen"),
        ProjectSlug = "p", ProjectName = new LocalizedName("湾景", "Bay"),
        CategoryCode = "engineering", CategoryName = new LocalizedName("工程质量", "Engineering"),
    };

    [Fact]
    public void Build_OpenThread_OnlyPosted()
    {
        var timeline = ThreadTimeline.Build(Thread(ThreadStatus.Open), []);

        var entry = Assert.Single(timeline);
        Assert.Equal(TimelineEntryKind.Posted, entry.Kind);
        Assert.Equal(Posted, entry.At);
    }

    [Fact]
    public void Build_ClosedThread_ShowsEachStepAndHowLongItTook()
    {
        var thread = Thread(ThreadStatus.Closed, Posted.AddMinutes(80), Posted.AddHours(5), Posted.AddDays(2));

        var timeline = ThreadTimeline.Build(thread, []);

        Assert.Equal(
            [TimelineEntryKind.Posted, TimelineEntryKind.FirstOfficialReply, TimelineEntryKind.SolutionProposed, TimelineEntryKind.Closed],
            timeline.Select(e => e.Kind));
        Assert.Equal(TimeSpan.FromMinutes(80), timeline[1].SincePosted);
        Assert.Equal(TimeSpan.FromDays(2), timeline[3].SincePosted);
    }

    [Fact]
    public void Build_ReopenedThread_ClosedStepHiddenAndReopenEventShown()
    {
        var thread = Thread(ThreadStatus.Reopened, Posted.AddHours(1), Posted.AddHours(2), Posted.AddHours(3));
        var reopen = new PublicPost { Id = 1, Kind = PostKind.Event, Body = "", CreatedAt = Posted.AddHours(30), EventType = ThreadEventType.Reopened };
        var reply = new PublicPost { Id = 2, Kind = PostKind.HomeownerReply, Body = "还在漏", CreatedAt = Posted.AddHours(29) };

        var timeline = ThreadTimeline.Build(thread, [reply, reopen]);

        Assert.Equal(TimelineEntryKind.Reopened, timeline[^1].Kind);
        Assert.DoesNotContain(timeline, e => e.Kind == TimelineEntryKind.Closed);
    }
}
