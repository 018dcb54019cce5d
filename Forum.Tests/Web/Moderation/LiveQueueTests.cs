using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Bunit;
using Forum.Core.Accounts;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Moderation;
using Forum.Core.Time;
using Forum.Web.Components.Moderation;
using Forum.Web.Configuration;
using Forum.Web.Moderation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Web.Moderation;

/// <summary>The live staff queue (Interactive Server) rendered by bUnit, with the clock and the data under test control.</summary>
public class LiveQueueTests : BunitContext
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Now));
    private readonly Queue _queue = new();

    /// <summary>The queue's storage: the items a test puts in it.</summary>
    private sealed class Queue : IModerationRepository
    {
        public List<QueueItem> Items { get; } = [];

        public int Reads { get; private set; }

        public Task<IReadOnlyList<QueueItem>> ListQueueAsync(long? companyId, CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<QueueItem>>(Items.Where(i => companyId is null || i.CompanyId == companyId).ToList());
        }

        public Task<ThreadContact?> RevealContactAsync(long threadId, StaffMember viewer, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long?> AddOfficialPostAsync(OfficialPost post, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> CloseAsync(long threadId, StaffMember actor, string summary, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<StaffPost>> ListStaffPostsAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long?> AddInternalNoteAsync(long threadId, StaffMember author, long shownCompanyId, string body, string requestId, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<(long ThreadId, long CompanyId)?> FindPostThreadAsync(long postId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> HidePostAsync(long postId, StaffMember actor, string reason, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> SetAwaitingHomeownerAsync(long threadId, StaffMember actor, DateTime now, string? request = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> SetLockedAsync(long threadId, StaffMember actor, bool locked, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<AuditActor>> ListAuditActorsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long> HeadquartersIdAsync(CancellationToken cancellationToken = default) => Task.FromResult(1L);
        public Task<bool> ChangeCategoryAsync(long threadId, StaffMember actor, long categoryId, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> MoveAsync(long threadId, StaffMember actor, long projectId, long companyId, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Assignee>> ListAssigneesAsync(long companyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> AssignAsync(long threadId, StaffMember actor, long? assigneeId, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> MergeAsync(long threadId, StaffMember actor, long targetId, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> ReopenAsync(long threadId, StaffMember actor, DateTime now, string? reason = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class Companies : ICompanyRepository
    {
        public Task<IReadOnlyList<Company>> ListCompaniesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Company>>([new Company(1, "hq", CompanyKind.Headquarters, "集团总部", "HQ"), new Company(2, "shenzhen", CompanyKind.Local, "深圳公司", "Shenzhen Company")]);

        public Task<IReadOnlyList<Project>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Project>>([new Project(10, 2, "sz-bay", "湾景花园", "Bayview", "深圳")]);

        public Task<IReadOnlyList<Category>> ListCategoriesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Category>>([new Category(100, "engineering", "工程质量", "Engineering")]);
    }

    public LiveQueueTests()
    {
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddMemoryCache();
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton(new ForumClock(_time, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Services.AddSingleton<IModerationRepository>(_queue);
        Services.AddSingleton<ICompanyRepository, Companies>();
        Services.AddSingleton<CatalogCache>();
        Services.AddSingleton(new EscalationPolicy(new EscalationOptions()));
        Services.AddSingleton<QueueChanges>();
        Services.AddSingleton<QueueSnapshots>();
        Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        Services.AddSingleton<QueueMarkup>();
        Services.AddSingleton<IThreadRepository>(new UnusedThreads());
        Services.AddSingleton<IEscalationRepository>(new UnusedEscalations());
        Services.AddSingleton<IThreadEventReader>(new UnusedEvents());
        Services.AddSingleton<IEscalationNoticeReader>(new UnusedNotices());
        Services.AddSingleton<Forum.Core.Photos.IPhotoStore>(new Forum.Data.Photos.FileSystemPhotoStore(Path.Combine(Path.GetTempPath(), "forum-unused-photos")));
        Services.AddSingleton<Forum.Web.Photos.PhotoUploads>();
        Services.AddSingleton<Forum.Core.Photos.IPhotoRepository>(new UnusedPhotos());
        Services.AddScoped<ModerationService>();
        var auth = AddAuthorization();
        auth.SetAuthorized("深圳公司客服 王经理");
        auth.SetRoles(ForumRoles.LocalStaff);
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "7"),
            new Claim(ForumClaims.CompanyId, "2"),
            new Claim(ForumClaims.DisplayName, "深圳公司客服 王经理"));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private sealed class UnusedThreads : IThreadRepository
    {
        public Task<ThreadListPage> ListAsync(ThreadListQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<ThreadDetail?> FindAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<PublicPost>> ListPublicPostsAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> HasCoSignedAsync(long threadId, long userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<MergedDuplicate>> ListMergedFromAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long?> FindMergedIntoAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class UnusedPhotos : Forum.Core.Photos.IPhotoRepository
    {
        public Task<IReadOnlyList<Forum.Core.Photos.PhotoView>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> IsReferencedAsync(string hash, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<Forum.Core.Photos.PhotoFile?> FindFileAsync(long photoId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<(long ThreadId, long CompanyId)?> FindThreadAsync(long photoId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<bool> HideAsync(long photoId, StaffMember actor, string reason, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class UnusedNotices : IEscalationNoticeReader
    {
        public Task<IReadOnlyList<EscalationDelivery>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class UnusedEvents : IThreadEventReader
    {
        public Task<IReadOnlyList<ThreadEvent>> ListAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class UnusedEscalations : IEscalationRepository
    {
        public Task<IReadOnlyList<long>> ListDueThreadIdsAsync(DateTime now, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<EscalationRecord>> EscalateAsync(long threadId, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task PostponeAsync(long threadId, DateTime until, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<EscalationRecord>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<EscalationState?> FindStateAsync(long threadId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<int> StoreMissingSchedulesAsync(EscalationPolicy policy, DateTime now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long companyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    // The deadlines as every write stores them: decided by the policy from the thread's state.
    private static QueueItem Item(long id, TimeSpan age, bool answered = false, bool group = false, string? title = null)
    {
        var schedule = new EscalationPolicy(new EscalationOptions()).Schedule(new EscalationState
        {
            CreatedAt = Now - age,
            Status = answered ? ThreadStatus.Answered : ThreadStatus.Open,
            FirstOfficialReplyAt = answered ? Now - age + TimeSpan.FromMinutes(30) : null,
        });
        return new()
        {
        Thread = new ThreadSummary
        {
            ReplyDueAt = schedule.ReplyDueAt, SolutionDueAt = schedule.SolutionDueAt,
            Id = id, Title = title ?? $"投诉 {id}", Status = answered ? ThreadStatus.Answered : ThreadStatus.Open, CreatedAt = Now - age,
            ReplyCount = 0, CoSignCount = group ? 12 : 0, IsGroupComplaint = group, IsLocked = false,
            CompanySlug = "shenzhen", CompanyName = new LocalizedName("深圳公司", "Shenzhen Company"),
            ProjectSlug = "sz-bay", ProjectName = new LocalizedName("湾景花园", "Bayview"),
            CategoryCode = "engineering", CategoryName = new LocalizedName("工程质量", "Engineering"),
        },
        CompanyId = 2,
        };
    }

    [Fact]
    public void Queue_NearestDeadlineFirst_OverdueMarked_AndTheCountdownTicks()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));                    // reply due in 2 h 50 min
        _queue.Items.Add(Item(2, TimeSpan.FromHours(4)));                       // reply overdue by 1 h
        _queue.Items.Add(Item(3, TimeSpan.FromHours(2), answered: true));      // solution due in 10 h

        var queue = Render<LiveQueue>();

        var rows = queue.FindAll("tbody tr");
        Assert.Equal(["T-000002", "T-000001", "T-000003"], rows.Select(r => r.GetAttribute("data-number")));
        Assert.Contains("overdue", rows[0].ClassList);
        Assert.Contains("剩余 2 小时 50 分钟 00 秒", rows[1].TextContent);

        _time.Advance(TimeSpan.FromSeconds(1));

        queue.WaitForAssertion(() => Assert.Contains("剩余 2 小时 49 分钟 59 秒", queue.FindAll("tbody tr")[1].TextContent));
    }

    [Fact]
    public void Queue_ANewThreadOnThisNode_AppearsWithoutAReload()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));
        var queue = Render<LiveQueue>();

        _queue.Items.Add(Item(9, TimeSpan.FromHours(5)));
        Services.GetRequiredService<QueueChanges>().Notify();

        queue.WaitForAssertion(() => Assert.Equal("T-000009", queue.Find("tbody tr").GetAttribute("data-number")));
    }

    [Fact]
    public void Queue_AThreadWrittenByAnotherNode_ShowsWithin15Seconds()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));
        var queue = Render<LiveQueue>();

        _queue.Items.Add(Item(9, TimeSpan.FromHours(5)));  // through another node: nothing is announced on this one
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(queue.FindAll("tbody tr"));
        for (var second = 2; second <= 15; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        queue.WaitForAssertion(() => Assert.Equal("T-000009", queue.Find("tbody tr").GetAttribute("data-number")));
    }

    [Fact]
    public async Task Queue_OnceTheSharedListIsReadAgain_NoConsoleKeepsTheOldOne()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));
        var first = Render<LiveQueue>();
        var second = Render<LiveQueue>();
        var old = await WeakListAsync();

        for (var tick = 1; tick <= QueueSnapshots.MaxAge.TotalSeconds + 1; tick++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(2, _queue.Reads);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(old.IsAlive);
        Assert.Single(first.FindAll("tbody tr"));
        Assert.Single(second.FindAll("tbody tr"));
    }

    // The list the consoles of company 2 share now, held weakly (no local of the test keeps it alive).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<WeakReference> WeakListAsync() =>
        new(await Services.GetRequiredService<QueueSnapshots>().GetAsync(2, () => throw new InvalidOperationException("the list is shared"), Xunit.TestContext.Current.CancellationToken));

    [Fact]
    public void Queue_ATitleWithMarkup_IsShownAsTyped_NotAsHtml()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10), group: true, title: "<script>alert(1)</script> \"漏水\" & <b>"));

        var queue = Render<LiveQueue>();

        var title = queue.Find("tbody tr td.card-title a:not(.thread-number)");
        Assert.Equal("<script>alert(1)</script> \"漏水\" & <b>", title.TextContent);
        Assert.Empty(queue.FindAll("tbody script, tbody b"));
        Assert.Equal("/staff/threads/T-000001", title.GetAttribute("href"));
        Assert.Equal("群诉", queue.Find("tbody tr td.card-title .badge.group").TextContent);
    }

    [Theory]
    [InlineData("zh-CN", "已回复", "1 小时 20 分钟前")]
    [InlineData("en", "Answered", "1 h 20 min ago")]
    public void Row_StatusAndAge_AreTheMarkupOfTheStatusBadgeAndAgeComponents(string culture, string status, string age)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var item = Item(1, TimeSpan.FromMinutes(80), answered: true);
        _queue.Items.Add(item);

        var row = Render<LiveQueue>().Find("tbody tr");
        var badge = Render<Forum.Web.Components.Complaints.StatusBadge>(p => p.Add(c => c.Status, item.Thread.Status)).Find("span");
        var time = Render<Forum.Web.Components.Shared.Age>(p => p.Add(c => c.Utc, item.Thread.CreatedAt)).Find("time");

        Assert.Equal(status, badge.TextContent);
        Assert.Equal(age, time.TextContent);
        Assert.Equal(badge.OuterHtml, row.QuerySelector(".badge.status-answered")!.OuterHtml);
        Assert.Equal(time.OuterHtml, row.QuerySelector("time")!.OuterHtml);
    }

    [Fact]
    public void CellsOf_TheSameRowAndLanguage_IsOneStringSharedByEveryConsole()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));
        var markup = Services.GetRequiredService<QueueMarkup>();
        var row = new QueueRow(_queue.Items[0], null, false);

        var first = markup.CellsOf(row);
        var second = markup.CellsOf(row);

        Assert.Same(first.Cells.Value, second.Cells.Value);
    }

    [Fact]
    public void Filters_ShowCounts_AndNarrowTheList()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));
        _queue.Items.Add(Item(2, TimeSpan.FromHours(4)));
        _queue.Items.Add(Item(3, TimeSpan.FromHours(2), answered: true, group: true));
        var queue = Render<LiveQueue>();

        Assert.Equal("1", queue.Find("button[data-view=Overdue] .count").TextContent);
        queue.Find("button[data-view=GroupComplaints]").Click();

        var rows = queue.FindAll("tbody tr");
        Assert.Equal(["T-000003"], rows.Select(r => r.GetAttribute("data-number")));
        Assert.Equal("2", queue.Find("button[data-view=Unanswered] .count").TextContent);
    }

    [Fact]
    public void SelectFilters_NarrowByStatus_AndTheViewCountsFollow()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));
        _queue.Items.Add(Item(2, TimeSpan.FromHours(4)));
        _queue.Items.Add(Item(3, TimeSpan.FromHours(2), answered: true));
        var queue = Render<LiveQueue>();

        queue.Find("select[name=status]").Change("answered");

        Assert.Equal(["T-000003"], queue.FindAll("tbody tr").Select(r => r.GetAttribute("data-number")));
        Assert.Equal("1", queue.Find("button[data-view=All] .count").TextContent);
        Assert.Equal("0", queue.Find("button[data-view=Unanswered] .count").TextContent);
    }

    [Fact]
    public void Queue_MoreRowsThanAStep_NearestDeadlinesFirst_ShowMoreAddsTheNext()
    {
        for (var i = 1; i <= LiveQueue.RowsPerStep + 10; i++)
        {
            _queue.Items.Add(Item(i, TimeSpan.FromMinutes(i)));
        }

        var queue = Render<LiveQueue>();

        var rows = queue.FindAll("tbody tr");
        Assert.Equal(LiveQueue.RowsPerStep, rows.Count);
        Assert.Equal(ThreadNumber.Format(LiveQueue.RowsPerStep + 10), rows[0].GetAttribute("data-number"));
        Assert.Equal((LiveQueue.RowsPerStep + 10).ToString(CultureInfo.InvariantCulture), queue.Find("button[data-view=All] .count").TextContent);
        Assert.Contains("再显示 10 条", queue.Find(".queue-more button").TextContent);

        queue.Find(".queue-more button").Click();

        Assert.Equal(LiveQueue.RowsPerStep + 10, queue.FindAll("tbody tr").Count);
        Assert.Empty(queue.FindAll(".queue-more"));
    }

    [Fact]
    public void Queue_TwoConsolesOfTheSameCompany_ShareOneRead_UntilAChangeIsAnnounced()
    {
        _queue.Items.Add(Item(1, TimeSpan.FromMinutes(10)));

        var first = Render<LiveQueue>();
        var second = Render<LiveQueue>();
        var readsForTwo = _queue.Reads;
        _queue.Items.Add(Item(2, TimeSpan.FromHours(5)));
        Services.GetRequiredService<QueueChanges>().Notify();

        Assert.Equal(1, readsForTwo);
        first.WaitForAssertion(() => Assert.Equal(2, first.FindAll("tbody tr").Count));
        second.WaitForAssertion(() => Assert.Equal(2, second.FindAll("tbody tr").Count));
        Assert.Equal(2, _queue.Reads);
    }
}
