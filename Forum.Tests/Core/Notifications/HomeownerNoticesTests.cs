using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Mail;
using Forum.Core.Notifications;

namespace Forum.Tests.Core.Notifications;

/// <summary>Who hears of which act, how a batch is named, and when a held act is due: the pure rules of homeowner mail.</summary>
public class HomeownerNoticesTests
{
    private static readonly DateTime At = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

    private static HomeownerEvent Act(long id, ThreadEventKind kind, bool hidden = false) => new()
    {
        EventId = id, ThreadId = 7, ThreadTitle = "漏水", Kind = kind, At = At, CompanyName = new LocalizedName("深圳公司", "Shenzhen"), PostHidden = hidden,
    };

    private static HomeownerRecipient Person(string role, params string[] off) =>
        new(1, new NotificationRecipient("业主", "a@example.com", "zh-CN", role)) { DisabledKinds = off.ToHashSet() };

    private static readonly IReadOnlyList<HomeownerEvent> EveryAct = HomeownerNotices.Kinds.Select((k, i) => Act(i + 1, k)).ToList();

    [Fact]
    public void For_Author_HearsOfEveryAct()
    {
        Assert.Equal(HomeownerNotices.Kinds, HomeownerNotices.For(Person(NotificationRoles.Author), EveryAct).Select(e => e.Kind));
    }

    [Theory]
    [InlineData(NotificationRoles.CoSigner)]
    [InlineData(NotificationRoles.Follower)]
    public void For_CoSignerOrFollower_HearsOnlyOfRepliesSolutionsAndClosing(string role)
    {
        Assert.Equal(
            [ThreadEventKind.OfficialReply, ThreadEventKind.SolutionProposed, ThreadEventKind.Closed],
            HomeownerNotices.For(Person(role), EveryAct).Select(e => e.Kind));
    }

    [Fact]
    public void For_SwitchedOffKindAndHiddenPost_Left_Out()
    {
        var batch = new[] { Act(1, ThreadEventKind.OfficialReply, hidden: true), Act(2, ThreadEventKind.SolutionProposed), Act(3, ThreadEventKind.Closed) };

        var told = HomeownerNotices.For(Person(NotificationRoles.Author, NotificationKinds.Closed), batch);

        Assert.Equal([2L], told.Select(e => e.EventId));
    }

    [Fact]
    public void SwitchOf_EveryKindHasItsSwitch_AndEverySwitchAKind()
    {
        Assert.Equal(NotificationKinds.HomeownerKinds, HomeownerNotices.Kinds.Select(HomeownerNotices.SwitchOf));
    }

    [Fact]
    public void Headline_ClosingAfterReplies_NamesTheMailAndItsPurpose()
    {
        var batch = new[] { Act(1, ThreadEventKind.OfficialReply), Act(2, ThreadEventKind.Closed), Act(3, ThreadEventKind.OfficialReply) };

        Assert.Equal(2, HomeownerNotices.Headline(batch).EventId);
        Assert.Equal(NotificationKinds.Closed, HomeownerNotices.PurposeOf(batch));
    }

    [Fact]
    public void IsDue_HeldUntilTheWindowHasPassed()
    {
        var window = TimeSpan.FromMinutes(3);

        Assert.False(HomeownerNotices.IsDue(At, window, At + window - TimeSpan.FromTicks(1)));
        Assert.True(HomeownerNotices.IsDue(At, window, At + window));
        Assert.True(HomeownerNotices.IsDue(At, TimeSpan.Zero, At));
    }

    [Fact]
    public void Masked_PhoneInTitleAndText_MaskedAsOnThePublicPage()
    {
        var act = Act(1, ThreadEventKind.AwaitingHomeowner) with { ThreadTitle = "请回电13812345678", Text = "电话 13812345678" };

        var masked = act.Masked();

        Assert.Equal(PersonalDataMasker.Mask("请回电13812345678"), masked.ThreadTitle);
        Assert.DoesNotContain("13812345678", masked.Text);
    }
}
