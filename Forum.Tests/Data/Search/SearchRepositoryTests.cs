using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Core.Search;
using Forum.Data.Complaints;
using Forum.Data.Moderation;
using Forum.Data.Search;

namespace Forum.Tests.Data.Search;

/// <summary>
/// Search through the real writers and the real index: every thread here is written by the code the site uses, so
/// these tests also prove that each write keeps the index in step.
/// </summary>
public class SearchRepositoryTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    private sealed class World(TestDatabase test, TestData data, long company, long project, long author, long category)
    {
        public ComplaintWriter Writer { get; } = new(test.Database, new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions()));
        public ModerationRepository Moderation { get; } = new(test.Database, new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions()));
        public ReportRepository Reports { get; } = new(test.Database);
        public SearchRepository Search { get; } = new(test.Database);
        public TestData Data => data;
        public long Company => company;
        public long Project => project;
        public long Author => author;
        public StaffMember Staff { get; } = new(author, "客服", new HashSet<string> { ForumRoles.HqStaff }, null);

        public Task<long> PostAsync(string title, string body = "请尽快处理。", long? categoryId = null) =>
            Writer.CreateThreadAsync(new ValidComplaint(company, project, categoryId ?? category, title, body, "陈大文", "13812345678", "5栋1203", Guid.NewGuid().ToString("N")), author, Now);

        public async Task<IReadOnlyList<long>> FindAsync(string text, SearchOrder order = SearchOrder.Relevance, long? categoryId = null, ThreadStatus? status = null)
        {
            var page = await Search.SearchAsync(new SearchRequest { Query = SearchQuery.Parse(text), Order = order, CategoryId = categoryId, Status = status });
            return page.Items.Select(i => i.Thread.Id).ToList();
        }
    }

    private static async Task<World> ArrangeAsync(TestDatabase test)
    {
        var data = new TestData(test.Database);
        var company = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(company);
        return new World(test, data, company, project, await data.UserAsync(), await data.CategoryIdAsync());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ChineseWords_AreFoundInsideLongerText(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var leak = await world.PostAsync("卫生间漏水严重", "楼下天花板已经泡坏。");
        var crack = await world.PostAsync("客厅墙面出现裂缝", "裂缝越来越长。");
        var lift = await world.PostAsync("B栋电梯噪音很大", "晚上也响。");
        var otherLift = await world.PostAsync("A栋电梯按钮失灵");
        var english = await world.PostAsync("Elevator noise at night", "Unit 3 since 2026-10.");

        Assert.Equal([leak], await world.FindAsync("漏水"));
        Assert.Equal([crack], await world.FindAsync("裂缝"));
        Assert.Equal([lift], await world.FindAsync("B栋 电梯"));
        Assert.Equal([lift], await world.FindAsync("电梯噪音"));
        Assert.Equal(new[] { lift, otherLift }.Order(), (await world.FindAsync("电梯")).Order());
        Assert.Equal([english], await world.FindAsync("ELEVATOR"));
        Assert.Equal([english], await world.FindAsync("2026"));
        Assert.Equal([crack], await world.FindAsync(ThreadNumber.Format(crack)));
        Assert.Empty(await world.FindAsync("噪音 漏水"));
        Assert.Empty(await world.FindAsync("水漏"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SingleCharacter_MatchesAnywhereInARun(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var end = await world.PostAsync("三号楼");
        var start = await world.PostAsync("楼道灯不亮");
        await world.PostAsync("车位被占");

        Assert.Equal(new[] { start, end }.Order(), (await world.FindAsync("楼")).Order());
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Relevance_PutsTheTitleFirst_AndNewestOrdersById(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var inBody = await world.PostAsync("地下车库的问题", "车库顶板漏水。");
        var inTitle = await world.PostAsync("车库漏水", "顶板滴水。");
        var older = await world.PostAsync("外墙渗水", "卧室墙面也漏水了。");

        var relevance = await world.FindAsync("漏水");
        var newest = await world.FindAsync("漏水", SearchOrder.Newest);

        Assert.Equal(inTitle, relevance[0]);
        Assert.Equal([older, inTitle, inBody], newest);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Relevance_RanksOnlyTheNewestCandidates_EveryWordStillRequired(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var oldTitle = await world.PostAsync("电梯漏水", "电梯漏水，电梯井漏水。");
        var body1 = await world.PostAsync("地下车库的问题", "车库顶板漏水，电梯也坏。");
        await world.PostAsync("外墙渗水", "卧室墙面也漏水了。");
        var body2 = await world.PostAsync("楼道的问题", "楼道漏水，电梯停了。");
        var newTitle = await world.PostAsync("电梯间的问题", "电梯间漏水，请处理。");

        async Task<IReadOnlyList<long>> RankAsync(string text, int candidates) =>
            (await world.Search.SearchAsync(new SearchRequest { Query = SearchQuery.Parse(text), CandidateLimit = candidates })).Items.Select(i => i.Thread.Id).ToList();

        // Every match ranked: the old title match comes first.
        Assert.Equal(oldTitle, (await RankAsync("漏水 电梯", 100))[0]);
        Assert.Equal(new[] { oldTitle, body1, body2, newTitle }.Order(), (await RankAsync("漏水 电梯", 100)).Order());

        // Only the newest three matches (of both words) ranked: the newest title match (one word) first, the old one left out.
        var bounded = await RankAsync("漏水 电梯", 3);
        Assert.Equal(newTitle, bounded[0]);
        Assert.Equal(new[] { body1, body2, newTitle }.Order(), bounded.Order());
    }

    [Fact]
    public async Task Relevance_WhenEveryWordIsInMostThreads_IsNewestFirst_AndBm25Otherwise()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var world = await ArrangeAsync(test);
        var title = await world.PostAsync("车库漏水", "顶板滴水，车库漏水。");
        var body1 = await world.PostAsync("地下车库的问题", "车库顶板漏水。");
        var body2 = await world.PostAsync("楼道的问题", "楼道漏水。");
        var other = await world.PostAsync("电梯的问题", "电梯停了。");
        var search = new SearchRepository(test.Database, commonWordMinimum: 1);

        async Task<IReadOnlyList<long>> RankAsync(string text) =>
            (await search.SearchAsync(new SearchRequest { Query = SearchQuery.Parse(text) })).Items.Select(i => i.Thread.Id).ToList();

        // 漏水 is in three of four threads: no ranking signal, so the newest come first.
        Assert.Equal([body2, body1, title], await RankAsync("漏水"));
        // 车库 is in two of four: ranked by BM25, the title match first; every word is still required.
        Assert.Equal(title, (await RankAsync("车库 漏水"))[0]);
        Assert.DoesNotContain(other, await RankAsync("漏水"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task RepliesAreIndexed_HiddenPostsAndInternalNotesNever(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var thread = await world.PostAsync("门窗关不严");
        var reply = await world.Writer.AddHomeownerReplyAsync(thread, world.Author, "窗框变形严重", "r-1", Now.AddMinutes(1));
        await world.Moderation.AddOfficialPostAsync(new OfficialPost(thread, world.Staff, world.Company, PostKind.OfficialReply, "已安排维修师傅", "r-2"), Now.AddMinutes(2));
        await world.Moderation.AddInternalNoteAsync(thread, world.Staff, world.Company, "内部备注供应商赔偿", "r-3", Now.AddMinutes(3));

        Assert.Equal([thread], await world.FindAsync("窗框"));
        Assert.Equal([thread], await world.FindAsync("维修师傅"));
        Assert.Empty(await world.FindAsync("供应商"));

        Assert.True(await world.Moderation.HidePostAsync(reply!.Value, world.Staff, "与主题无关", Now.AddMinutes(4)));
        Assert.Empty(await world.FindAsync("窗框"));
        Assert.Equal([thread], await world.FindAsync("维修师傅"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task CommunityHiddenPost_LeavesTheIndex_AndComesBackWhenTheReportsAreDismissed(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var thread = await world.PostAsync("小区绿化差");
        var reply = (await world.Writer.AddHomeownerReplyAsync(thread, world.Author, "草坪全部枯黄", "r-1", Now.AddMinutes(1)))!.Value;

        Assert.Equal(ReportOutcome.HiddenPendingReview, await world.Reports.ReportAsync(reply, await world.Data.UserAsync("甲"), ReportReason.Spam, null, 1, Now.AddMinutes(2)));
        Assert.Empty(await world.FindAsync("草坪"));

        Assert.True(await world.Reports.ReviewAsync(reply, world.Staff, uphold: false, "", Now.AddMinutes(3)));
        Assert.Equal([thread], await world.FindAsync("草坪"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task MergedThread_LeavesTheIndex_ClosingSummaryJoinsIt(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var target = await world.PostAsync("车库积水");
        var duplicate = await world.PostAsync("车库又积水了");

        Assert.True(await world.Moderation.MergeAsync(duplicate, world.Staff, target, Now.AddMinutes(1)));
        Assert.True(await world.Moderation.CloseAsync(target, world.Staff, "排水泵已更换", Now.AddMinutes(2)));

        Assert.Equal([target], await world.FindAsync("积水"));
        Assert.Equal([target], await world.FindAsync("排水泵"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task MaskedPersonalData_IsNotSearchable(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        await world.PostAsync("联系不上物业", "请打我电话 13812345678 或写信 chen@example.com");

        Assert.Empty(await world.FindAsync("13812345678"));
        Assert.Empty(await world.FindAsync("chen"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Filters_CombineWithTheWords(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var property = await world.Data.CategoryIdAsync("property");
        var engineering = await world.PostAsync("卫生间漏水");
        var service = await world.PostAsync("漏水报修没人来", categoryId: property);
        await world.Moderation.CloseAsync(service, world.Staff, "已处理", Now.AddMinutes(1));

        Assert.Equal([service], await world.FindAsync("漏水", categoryId: property));
        Assert.Equal([service], await world.FindAsync("漏水", status: ThreadStatus.Closed));
        Assert.Equal([engineering], await world.FindAsync("漏水", status: ThreadStatus.Open));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Paging_EachThreadOnce_AndHasMoreOnlyWhenThereIsMore(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var all = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            all.Add(await world.PostAsync($"第{i}号楼漏水"));
        }

        var pages = new List<SearchPage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await world.Search.SearchAsync(new SearchRequest { Query = SearchQuery.Parse("漏水"), Page = page, PageSize = 2 }));
        }

        Assert.Equal(all.Order(), pages.SelectMany(p => p.Items).Select(i => i.Thread.Id).Order());
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task IndexMissing_IndexesThreadsWrittenWithoutTheIndex_Once(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var direct = await world.Data.ThreadAsync(world.Project, world.Author, Now, title: "直接写入的外墙脱落");
        await world.Data.PostAsync(direct, PostKind.HomeownerReply, "瓷砖掉下来了", Now);
        await world.Data.ThreadAsync(world.Project, world.Author, Now, title: "被隐藏的外墙", hidden: true);

        Assert.Empty(await world.FindAsync("外墙"));
        Assert.Equal(1, await world.Search.IndexMissingAsync());
        Assert.Equal(0, await world.Search.IndexMissingAsync());
        Assert.Equal([direct], await world.FindAsync("外墙"));
        Assert.Equal([direct], await world.FindAsync("瓷砖"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task HitsCarryTheTextsForTheSnippet(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var world = await ArrangeAsync(test);
        var thread = await world.PostAsync("门禁坏了", "刷卡没反应。");
        await world.Writer.AddHomeownerReplyAsync(thread, world.Author, "门禁今天还是坏的", "r-1", Now.AddMinutes(1));

        var page = await world.Search.SearchAsync(new SearchRequest { Query = SearchQuery.Parse("门禁") });

        var hit = Assert.Single(page.Items);
        Assert.Equal("刷卡没反应。", hit.Body);
        Assert.Equal(["门禁今天还是坏的"], hit.Replies);
    }
}
