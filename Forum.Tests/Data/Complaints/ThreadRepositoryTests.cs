using Forum.Core.Complaints;
using Forum.Data.Complaints;

namespace Forum.Tests.Data.Complaints;

public class ThreadRepositoryTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 4, 0, 0, DateTimeKind.Utc);

    private sealed record World(TestDatabase Test, ThreadRepository Repository, long Shenzhen, long Shanghai, long Bay, long River, long Author, List<long> Threads)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Test.DisposeAsync();
    }

    /// <summary>25 threads, one a minute: odd ones in Shenzhen/Bay, even ones in Shanghai/River; every 5th is fees; #13 hidden.</summary>
    private static async Task<World> WorldAsync(string provider)
    {
        var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var shenzhen = await data.CompanyAsync("shenzhen");
        var shanghai = await data.CompanyAsync("shanghai");
        var bay = await data.ProjectAsync(shenzhen, "sz-bay");
        var river = await data.ProjectAsync(shanghai, "sh-river");
        var author = await data.UserAsync();
        var threads = new List<long>();
        for (var i = 1; i <= 25; i++)
        {
            threads.Add(await data.ThreadAsync(
                i % 2 == 1 ? bay : river, author, Now.AddMinutes(-100 + i), title: $"投诉 {i}",
                status: i % 3 == 0 ? ThreadStatus.Answered : ThreadStatus.Open,
                category: i % 5 == 0 ? "fees" : "engineering",
                hidden: i == 13));
        }

        return new World(test, new ThreadRepository(test.Database), shenzhen, shanghai, bay, river, author, threads);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ListAsync_NoFilters_NewestFirstWithoutHidden(string provider)
    {
        await using var world = await WorldAsync(provider);

        var page = await world.Repository.ListAsync(new ThreadListQuery { PageSize = 10 });

        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(i => $"投诉 {i}"), page.Items.Select(t => t.Title));
        Assert.Null(page.Newer);
        Assert.Equal(new PageCursor(page.Items[^1].Id, PageDirection.Older), page.Older);
        Assert.Equal("shanghai", page.Items[^1].CompanySlug); // 投诉 16: even numbers are in Shanghai
        Assert.Equal(DateTimeKind.Utc, page.Items[0].CreatedAt.Kind);
        Assert.Equal(Now.AddMinutes(-75), page.Items[0].CreatedAt);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ListAsync_WalkingOlderThenNewer_VisitsEveryVisibleThreadOnce(string provider)
    {
        await using var world = await WorldAsync(provider);
        var seen = new List<string>();
        var query = new ThreadListQuery { PageSize = 7 };
        var pages = new List<ThreadListPage>();

        while (true)
        {
            var page = await world.Repository.ListAsync(query);
            pages.Add(page);
            seen.AddRange(page.Items.Select(t => t.Title));
            if (page.Older is null)
            {
                break;
            }

            query = query with { Cursor = page.Older };
        }

        Assert.Equal(Enumerable.Range(1, 25).Where(i => i != 13).Reverse().Select(i => $"投诉 {i}"), seen);
        Assert.Equal(4, pages.Count);

        var back = await world.Repository.ListAsync(query with { Cursor = pages[^1].Newer });
        Assert.Equal(pages[^2].Items.Select(t => t.Id), back.Items.Select(t => t.Id));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ListAsync_NewerPastTheTop_ShowsTheFirstPage(string provider)
    {
        await using var world = await WorldAsync(provider);

        var page = await world.Repository.ListAsync(new ThreadListQuery { PageSize = 10, Cursor = new PageCursor(world.Threads[20], PageDirection.Newer) });

        Assert.Equal("投诉 25", page.Items[0].Title);
        Assert.Equal(10, page.Items.Count);
        Assert.Null(page.Newer);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ListAsync_Filters_Combine(string provider)
    {
        await using var world = await WorldAsync(provider);
        var fees = await new TestData(world.Test.Database).CategoryIdAsync("fees");

        var shenzhenFees = await world.Repository.ListAsync(new ThreadListQuery { CompanyId = world.Shenzhen, CategoryId = fees });
        var riverAnswered = await world.Repository.ListAsync(new ThreadListQuery { ProjectId = world.River, Status = ThreadStatus.Answered });

        Assert.Equal(["投诉 25", "投诉 15", "投诉 5"], shenzhenFees.Items.Select(t => t.Title));
        Assert.Equal(["投诉 24", "投诉 18", "投诉 12", "投诉 6"], riverAnswered.Items.Select(t => t.Title));
        Assert.All(riverAnswered.Items, t => Assert.Equal(ThreadStatus.Answered, t.Status));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ListAsync_DeepCursorBeyondTheEnd_IsEmptyNotAnError(string provider)
    {
        await using var world = await WorldAsync(provider);

        var page = await world.Repository.ListAsync(new ThreadListQuery { Cursor = new PageCursor(1, PageDirection.Older) });

        Assert.Empty(page.Items);
        Assert.Null(page.Older);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task FindAsync_VisibleThread_HasNamesAndClocks_HiddenIsNull(string provider)
    {
        await using var world = await WorldAsync(provider);

        var found = await world.Repository.FindAsync(world.Threads[0]);
        var hidden = await world.Repository.FindAsync(world.Threads[12]);
        var missing = await world.Repository.FindAsync(999_999);

        Assert.NotNull(found);
        Assert.Equal("投诉 1", found.Title);
        Assert.Equal("sz-bay", found.ProjectSlug);
        Assert.Equal("shenzhen公司", found.CompanyName.Chinese);
        Assert.Equal("业主", found.AuthorName);
        Assert.Null(found.FirstOfficialReplyAt);
        Assert.Null(hidden);
        Assert.Null(missing);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ListPublicPostsAsync_InOrder_WithoutInternalNotes_HiddenBodiesBlanked(string provider)
    {
        await using var world = await WorldAsync(provider);
        var data = new TestData(world.Test.Database);
        var staff = await data.UserAsync("深圳客服", world.Shenzhen);
        var thread = world.Threads[0];
        await data.PostAsync(thread, PostKind.HomeownerReply, "还在漏", Now.AddMinutes(1), world.Author);
        await data.PostAsync(thread, PostKind.InternalNote, "SECRET-NOTE 业主电话在档案里", Now.AddMinutes(2), staff, world.Shenzhen);
        await data.PostAsync(thread, PostKind.OfficialReply, "已安排上门", Now.AddMinutes(3), staff, world.Shenzhen);
        await data.PostAsync(thread, PostKind.HomeownerReply, "骂人的话", Now.AddMinutes(4), world.Author, hidden: true, hiddenReason: "辱骂");

        var posts = await world.Repository.ListPublicPostsAsync(thread);

        Assert.Equal([PostKind.HomeownerReply, PostKind.OfficialReply, PostKind.HomeownerReply], posts.Select(p => p.Kind));
        Assert.DoesNotContain(posts, p => p.Body.Contains("SECRET-NOTE", StringComparison.Ordinal));
        Assert.Equal("shenzhen公司", posts[1].CompanyName?.Chinese);
        Assert.True(posts[2].IsHidden);
        Assert.Equal(string.Empty, posts[2].Body);
        Assert.Equal("辱骂", posts[2].HiddenReason);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task ListAsync_Overdue_OnlyThreadsPastADeadline(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var company = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(company);
        var author = await data.UserAsync();
        await data.ThreadAsync(project, author, Now.AddHours(-1), "刚发布");                                   // no deadline passed
        await data.ThreadAsync(project, author, Now.AddHours(-4), "超过回复时限");                              // past 3 h, unanswered
        await data.ThreadAsync(project, author, Now.AddHours(-5), "已按时回复", ThreadStatus.Answered, firstOfficialReplyAt: Now.AddHours(-4.5)); // answered, 12 h not passed
        await data.ThreadAsync(project, author, Now.AddHours(-13), "超过方案时限", ThreadStatus.Answered, firstOfficialReplyAt: Now.AddHours(-12)); // past 12 h, no solution
        await data.ThreadAsync(project, author, Now.AddDays(-3), "已关闭", ThreadStatus.Closed);

        var page = await new ThreadRepository(test.Database).ListAsync(new ThreadListQuery { Overdue = new OverdueOptions(Now) });

        Assert.Equal(new[] { "超过方案时限", "超过回复时限" }.Order(StringComparer.Ordinal), page.Items.Select(t => t.Title).Order(StringComparer.Ordinal));
    }

    // At 1,000,000 complaints each of these scanned every thread (about 0.5 s): the plans must stay on their indexes.
    [Fact]
    public async Task OverdueList_WalksTheRunningDeadlinesByIdAndStopsAfterAPage()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await using var connection = await test.Database.OpenAsync();
        var (sql, parameters) = ThreadRepository.BuildListSql(test.Database.Dialect, new ThreadListQuery { Overdue = new OverdueOptions(Now) });

        var plan = await PlanAsync(connection, sql, parameters);

        Assert.Contains("USING INDEX IX_Threads_Running", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Fact]
    public async Task MergedFrom_SeeksTheMergedThreadsIndex()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await using var connection = await test.Database.OpenAsync();

        var plan = await PlanAsync(connection, ThreadRepository.MergedFromSql, new { ThreadId = 1L });

        Assert.Contains("USING INDEX IX_Threads_MergedIntoId (MergedIntoId=?)", plan);
    }

    private static async Task<string> PlanAsync(System.Data.Common.DbConnection connection, string sql, object parameters) =>
        string.Join("\n", (await Dapper.SqlMapper.QueryAsync<(long, long, long, string Detail)>(connection, "EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(r => r.Detail));
}
