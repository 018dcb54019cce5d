using Forum.Core.Complaints;
using Forum.Data.Caching;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Tests.Data.Caching;

/// <summary>The page-change log: the triggers log every write that public pages show, whoever makes it.</summary>
public class PageChangeRepositoryTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Writes_AreLogged_WithTheThreadsCompanyAndProject(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var company = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(company);
        var other = await data.ProjectAsync(company, "other-project");
        var author = await data.UserAsync();
        var changes = new PageChangeRepository(test.Database);
        var writer = new ComplaintWriter(test.Database, new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions()));
        var before = await changes.LatestIdAsync();

        var threadId = await writer.CreateThreadAsync(new ValidComplaint(company, project, await data.CategoryIdAsync(), "卫生间漏水", "请尽快处理。", "陈大文", "13812345678", "5栋1203", Guid.NewGuid().ToString("N")), author, Now);
        var afterThread = await changes.LatestIdAsync();
        await data.PostAsync(threadId, PostKind.HomeownerReply, "又漏了", Now);
        var afterPost = await changes.LatestIdAsync();
        await data.ScalarAsync<int>("UPDATE Threads SET ProjectId = @Other WHERE Id = @Id; SELECT 1", new { Other = other, Id = threadId });
        var logged = await changes.ReadAfterAsync(before, 100);

        Assert.True(afterThread > before && afterPost > afterThread, "a thread and a reply are each logged");
        Assert.All(logged, c => Assert.Equal(threadId, c.ThreadId));
        Assert.All(logged, c => Assert.Equal(company, c.CompanyId));
        Assert.Contains(logged, c => c.ProjectId == project && c.Id > afterPost);
        Assert.Contains(logged, c => c.ProjectId == other);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task CatalogueChange_IsLoggedForEveryPage_AndUpkeepTrimsTheLog(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var changes = new PageChangeRepository(test.Database);
        var before = await changes.LatestIdAsync();

        await data.CompanyAsync("beijing");
        var logged = await changes.ReadAfterAsync(before, 100);
        await data.CompanyAsync("guangzhou");
        await data.CompanyAsync("chengdu");
        var pruned = await changes.PruneAsync(keep: 1);

        Assert.Contains(logged, c => c.ThreadId is null);
        Assert.True(pruned >= 2, $"pruned {pruned}");
        Assert.Equal(await changes.LatestIdAsync(), await changes.OldestIdAsync());
        var result = await new DatabaseUpkeep(test.Database, changes).RunAsync();
        Assert.Equal(provider == "Sqlite", result.Optimized);
    }
}
