using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Data.Demo;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Data.Demo;

public class DemoDataTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task SeedIfEmpty_EmptyDatabase_LoadsCompaniesProjectsPeopleAndThreads(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var seeder = new DemoDataSeeder(test.Database, new FakeTimeProvider(Now));

        Assert.True(await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken));

        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Companies WHERE Kind = 'Headquarters'"));
        Assert.Equal(["beijing", "guangzhou", "shanghai", "shenzhen"],
            (await connection.QueryAsync<string>("SELECT Slug FROM Companies WHERE Kind = 'Local' ORDER BY Slug")).ToList());
        var projectsPerCompany = (await connection.QueryAsync<int>("SELECT COUNT(*) FROM Projects GROUP BY CompanyId")).ToList();
        Assert.Equal(4, projectsPerCompany.Count);
        Assert.All(projectsPerCompany, n => Assert.InRange(n, 3, 5));
        Assert.InRange(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Threads"), 35, 45);
        Assert.True(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Posts") > 40);
    }

    [Fact]
    public async Task SeedIfEmpty_Twice_SecondDoesNothing()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var seeder = new DemoDataSeeder(test.Database, new FakeTimeProvider(Now));
        await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken);

        Assert.False(await seeder.SeedIfEmptyAsync(TestContext.Current.CancellationToken));
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DemoContent.Threads.Length, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Threads"));
    }

    [Fact]
    public async Task Seeded_ThreadsSpanMinutesToWeeks_AndSomeHaveWaitedPastBothDeadlines()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await new DemoDataSeeder(test.Database, new FakeTimeProvider(Now)).SeedIfEmptyAsync(TestContext.Current.CancellationToken);
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);

        var threads = (await connection.QueryAsync<(DateTime CreatedAt, DateTime? FirstOfficialReplyAt, DateTime? SolutionProposedAt)>(
            "SELECT CreatedAt, FirstOfficialReplyAt, SolutionProposedAt FROM Threads")).ToList();
        var now = Now.UtcDateTime;

        Assert.Contains(threads, t => now - t.CreatedAt < TimeSpan.FromHours(1));
        Assert.Contains(threads, t => now - t.CreatedAt > TimeSpan.FromDays(14));
        Assert.Contains(threads, t => t.FirstOfficialReplyAt is null && now - t.CreatedAt is var age && age > TimeSpan.FromHours(3) && age < TimeSpan.FromHours(12));
        Assert.Contains(threads, t => t.FirstOfficialReplyAt is null && t.SolutionProposedAt is null && now - t.CreatedAt > TimeSpan.FromHours(12));
        Assert.All(threads, t => Assert.True(t.FirstOfficialReplyAt is null || t.FirstOfficialReplyAt > t.CreatedAt));
    }

    [Fact]
    public void Content_IsConsistent()
    {
        var projects = DemoContent.Projects.ToDictionary(p => p.Slug);
        var staff = DemoContent.Staff.ToDictionary(s => s.Key);
        var homeowners = DemoContent.Homeowners.Select(h => h.Key).ToHashSet();
        var categories = new[] { "engineering", "property", "sales", "design", "fees", "other" };
        Assert.Equal(categories, DemoContent.Categories.Select(c => c.Code));
        Assert.Equal(DemoContent.Projects.Length, projects.Count);
        Assert.Equal(CompanyKind.Headquarters, DemoContent.Companies[0].Kind);

        foreach (var thread in DemoContent.Threads)
        {
            var context = thread.Title;
            Assert.True(projects.ContainsKey(thread.ProjectSlug), context);
            Assert.Contains(thread.CategoryCode, categories);
            Assert.Contains(thread.AuthorKey, homeowners);
            Assert.All(thread.Replies, r => Assert.True(r.After < thread.Age, context));
            Assert.Equal(thread.Replies.OrderBy(r => r.After).Select(r => r.After), thread.Replies.Select(r => r.After));

            var official = thread.Replies.Where(r => r.Kind is PostKind.OfficialReply or PostKind.Solution).ToList();
            foreach (var reply in thread.Replies)
            {
                if (reply.Kind == PostKind.HomeownerReply)
                {
                    Assert.Contains(reply.AuthorKey, homeowners);
                }
                else
                {
                    Assert.True(staff.TryGetValue(reply.AuthorKey, out var member), context);
                    Assert.True(member.CompanySlug == "hq" || member.CompanySlug == projects[thread.ProjectSlug].CompanySlug, context);
                }
            }

            var hasSolution = thread.Replies.Any(r => r.Kind == PostKind.Solution);
            switch (thread.Status)
            {
                case ThreadStatus.Open:
                    Assert.Empty(official);
                    break;
                case ThreadStatus.Answered or ThreadStatus.AwaitingHomeowner:
                    Assert.NotEmpty(official);
                    break;
                default:
                    Assert.True(hasSolution, context);
                    break;
            }

            var closes = thread.Status is ThreadStatus.Closed or ThreadStatus.Reopened;
            Assert.Equal(closes, thread.ClosedAfter is not null);
            Assert.Equal(closes, !string.IsNullOrWhiteSpace(thread.ResolutionSummary));
            if (thread.ClosedAfter is { } closedAfter)
            {
                Assert.True(closedAfter < thread.Age, context);
            }
        }
    }
}
