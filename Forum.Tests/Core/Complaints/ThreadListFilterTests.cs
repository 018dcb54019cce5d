using Forum.Core.Companies;
using Forum.Core.Complaints;

namespace Forum.Tests.Core.Complaints;

public class ThreadListFilterTests
{
    private static readonly Catalog Catalog = new(
        [
            new Company(1, "hq", CompanyKind.Headquarters, "集团总部", "HQ"),
            new Company(2, "shenzhen", CompanyKind.Local, "深圳公司", "Shenzhen"),
            new Company(3, "shanghai", CompanyKind.Local, "上海公司", "Shanghai"),
        ],
        [
            new Project(10, 2, "sz-bay", "湾景花园", "Bayview", "深圳"),
            new Project(11, 3, "sh-river", "滨江壹号", "Riverside One", "上海"),
        ],
        [new Category(100, "engineering", "工程质量", "Engineering quality")]);

    [Fact]
    public void Parse_KnownValues_ResolveAndCombine()
    {
        var filter = ThreadListFilter.Parse(Catalog, "shenzhen", "sz-bay", "engineering", "open", "500", null);

        Assert.Equal(2, filter.Company?.Id);
        Assert.Equal(10, filter.Project?.Id);
        Assert.Equal(100, filter.Category?.Id);
        Assert.Equal(ThreadStatus.Open, filter.Status);
        Assert.Equal(new PageCursor(500, PageDirection.Older), filter.Cursor);
        Assert.Empty(filter.Problems);
        var query = filter.ToQuery();
        Assert.Equal((2L, 10L, 100L, ThreadStatus.Open), (query.CompanyId!.Value, query.ProjectId!.Value, query.CategoryId!.Value, query.Status!.Value));
    }

    [Fact]
    public void Parse_SlugsIgnoreCase()
    {
        var filter = ThreadListFilter.Parse(Catalog, "ShenZhen", null, "ENGINEERING", "Solution-Proposed", null, null);

        Assert.Equal(2, filter.Company?.Id);
        Assert.Equal(ThreadStatus.SolutionProposed, filter.Status);
        Assert.Empty(filter.Problems);
    }

    [Fact]
    public void Parse_UnknownValues_AreDroppedAndReported()
    {
        var filter = ThreadListFilter.Parse(Catalog, "shenzen", "nowhere", "leaks", "lost", "abc", null);

        Assert.False(filter.HasFilters);
        Assert.Null(filter.Cursor);
        Assert.Equal(
            [FilterProblemKind.UnknownCompany, FilterProblemKind.UnknownProject, FilterProblemKind.UnknownCategory, FilterProblemKind.UnknownStatus, FilterProblemKind.BadPageToken],
            filter.Problems.Select(p => p.Kind));
        Assert.Equal("shenzen", filter.Problems[0].Value);
    }

    [Fact]
    public void Parse_ProjectOfAnotherCompany_KeepsCompanyAndReportsProject()
    {
        var filter = ThreadListFilter.Parse(Catalog, "shenzhen", "sh-river", null, null, null, null);

        Assert.Equal(2, filter.Company?.Id);
        Assert.Null(filter.Project);
        Assert.Equal(FilterProblemKind.ProjectNotInCompany, Assert.Single(filter.Problems).Kind);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1e5")]
    [InlineData("99999999999999999999999999")]
    public void Parse_AbsurdPageTokens_AreReportedNotThrown(string token)
    {
        var filter = ThreadListFilter.Parse(Catalog, null, null, null, null, token, null);

        Assert.Null(filter.Cursor);
        Assert.Equal(FilterProblemKind.BadPageToken, Assert.Single(filter.Problems).Kind);
    }

    [Fact]
    public void Parse_AfterToken_PagesTowardsNewer()
    {
        var filter = ThreadListFilter.Parse(Catalog, null, null, null, null, null, "42");

        Assert.Equal(new PageCursor(42, PageDirection.Newer), filter.Cursor);
    }

    [Fact]
    public void Parse_VeryLongValue_IsClippedInTheProblem()
    {
        var filter = ThreadListFilter.Parse(Catalog, new string('x', 5000), null, null, null, null, null);

        var problem = Assert.Single(filter.Problems);
        Assert.True(problem.Value.Length <= 41, $"echoed value was {problem.Value.Length} characters");
    }
}
