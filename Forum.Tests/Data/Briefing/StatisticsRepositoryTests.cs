using Dapper;
using Forum.Data.Briefing;

namespace Forum.Tests.Data.Briefing;

public class StatisticsRepositoryTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Facts_AreTheVisibleComplaintsPostedInTheRange(string provider)
    {
        await using var test = TestDatabase.Create(provider);
        var data = new TestData(test.Database);
        var company = await data.CompanyAsync("shenzhen");
        var project = await data.ProjectAsync(company);
        var author = await data.UserAsync();
        await data.ThreadAsync(project, author, Now.AddDays(-40), "太早");
        var inside = await data.ThreadAsync(project, author, Now.AddDays(-3), "范围内", firstOfficialReplyAt: Now.AddDays(-3).AddHours(1));
        await data.ThreadAsync(project, author, Now.AddDays(-2), "隐藏", hidden: true);

        var facts = await new StatisticsRepository(test.Database).ListThreadFactsAsync(Now.AddDays(-30), Now);

        var only = Assert.Single(facts);
        Assert.Equal((company, Now.AddDays(-3), Now.AddDays(-3).AddHours(1)), (only.CompanyId, only.CreatedAt, only.FirstOfficialReplyAt!.Value));
        Assert.True(inside > 0);
    }

    [Fact]
    public async Task Facts_AreReadFromTheCoveringIndex()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await using var connection = await test.Database.OpenAsync();

        var plan = string.Join("\n", (await connection.QueryAsync<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN " + Forum.Data.Briefing.StatisticsRepository.FactsSql,
            new { From = Now.AddDays(-30), To = Now })).Select(r => r.Detail));

        Assert.Contains("USING COVERING INDEX IX_Threads_CreatedAt_Outcomes", plan);
    }
}
