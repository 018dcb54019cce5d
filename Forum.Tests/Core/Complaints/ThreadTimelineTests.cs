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

    private static ThreadEvent Event(ThreadEventKind kind, DateTime at, int cycle = 0, string? text = null, int? rating = null) =>
        new() { ThreadId = 7, Kind = kind, At = at, Cycle = cycle, Text = text, Rating = rating };

    private static ThreadEvent Stopped(Forum.Core.Escalation.EscalationRung rung, DateTime at, DateTime due, int cycle = 0) =>
        new() { ThreadId = 7, Kind = ThreadEventKind.ClockStopped, At = at, Cycle = cycle, Rung = rung, DueAt = due };

    [Fact]
    public void Build_OpenThread_OnlyPosted()
    {
        var timeline = ThreadTimeline.Build(Thread(ThreadStatus.Open), [Event(ThreadEventKind.Posted, Posted)]);

        var entry = Assert.Single(timeline);
        Assert.Equal(TimelineEntryKind.Posted, entry.Kind);
        Assert.Equal(Posted, entry.At);
    }

    [Fact]
    public void Build_ClosedThread_ShowsEachStepHowLongItTookAndHowLate()
    {
        var thread = Thread(ThreadStatus.Closed, Posted.AddMinutes(200), Posted.AddHours(5), Posted.AddDays(2));
        ThreadEvent[] record =
        [
            Event(ThreadEventKind.Posted, Posted),
            Event(ThreadEventKind.OfficialReply, Posted.AddMinutes(200)),
            Stopped(Forum.Core.Escalation.EscalationRung.FirstResponse, Posted.AddMinutes(200), Posted.AddHours(3)),
            Event(ThreadEventKind.SolutionProposed, Posted.AddHours(5)),
            Stopped(Forum.Core.Escalation.EscalationRung.Solution, Posted.AddHours(5), Posted.AddHours(12)),
            Event(ThreadEventKind.Closed, Posted.AddDays(2), text: "已修好"),
        ];

        var timeline = ThreadTimeline.Build(thread, record);

        Assert.Equal(
            [TimelineEntryKind.Posted, TimelineEntryKind.FirstOfficialReply, TimelineEntryKind.SolutionProposed, TimelineEntryKind.Closed],
            timeline.Select(e => e.Kind));
        Assert.Equal(TimeSpan.FromMinutes(200), timeline[1].SincePosted);
        Assert.Equal(TimeSpan.FromMinutes(20), timeline[1].Late);
        Assert.Equal(TimeSpan.FromHours(-7), timeline[2].Late);
        Assert.Equal("已修好", timeline[3].Event!.Text);
    }

    [Fact]
    public void Build_ReopenedThread_KeepsTheEarlierClosingItsSummaryAndRating()
    {
        var thread = Thread(ThreadStatus.Reopened, Posted.AddHours(1), Posted.AddHours(2), Posted.AddHours(3));
        ThreadEvent[] record =
        [
            Event(ThreadEventKind.Posted, Posted),
            Event(ThreadEventKind.Closed, Posted.AddHours(3), text: "已处理"),
            Event(ThreadEventKind.Reopened, Posted.AddHours(30), cycle: 1, text: "还在漏"),
        ];

        var timeline = ThreadTimeline.Build(thread, record);

        Assert.Equal([TimelineEntryKind.Posted, TimelineEntryKind.Closed, TimelineEntryKind.Reopened], timeline.Select(e => e.Kind));
        Assert.Equal("已处理", timeline[1].Event!.Text);
        Assert.Equal("还在漏", timeline[2].Event!.Text);
    }

    [Fact]
    public void Build_AssignmentsAreForStaffOnly()
    {
        ThreadEvent[] record = [Event(ThreadEventKind.Posted, Posted), Event(ThreadEventKind.Assigned, Posted.AddMinutes(5))];

        Assert.DoesNotContain(ThreadTimeline.Build(Thread(ThreadStatus.Open), record), e => e.Kind == TimelineEntryKind.Assigned);
        Assert.Contains(ThreadTimeline.Build(Thread(ThreadStatus.Open), record, forStaff: true), e => e.Kind == TimelineEntryKind.Assigned);
    }
}
