using System.Net;

namespace Forum.Tests.Web.Briefing;

public class ScoreboardPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Scoreboard_Anonymous_EveryLocalCompanyWithLinks_InChinese()
    {
        var response = await app.Client().GetAsync("/scoreboard", TestContext.Current.CancellationToken);
        var document = Forms.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("30", document.QuerySelector("table.scoreboard")!.GetAttribute("data-days"));
        var companies = document.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-company")).ToList();
        Assert.Equal(["beijing", "guangzhou", "shanghai", "shenzhen"], companies.Order());
        Assert.Equal("/companies/shenzhen", document.QuerySelector("tr[data-company=shenzhen] a")!.GetAttribute("href"));
        Assert.Contains("3 小时内回复", document.QuerySelector("thead")!.TextContent);
    }

    [Fact]
    public async Task Scoreboard_SortByComplaints_AndOtherPeriods_InEnglish()
    {
        var client = app.Client("en");

        var document = Forms.Parse(await client.GetStringAsync("/scoreboard?days=90&sort=Complaints", TestContext.Current.CancellationToken));
        var odd = await client.GetAsync("/scoreboard?days=12345&sort=<script>", TestContext.Current.CancellationToken);

        var counts = document.QuerySelectorAll("tbody tr").Select(r => int.Parse(r.Children[5].TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Equal(40, counts.Sum());
        Assert.Contains("Answered within 3 h", document.QuerySelector("thead")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        Assert.Contains("data-days=\"30\"", await odd.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Complaints", "descending", " ▼")]
    [InlineData("MedianFirstReply", "ascending", " ▲")]
    public async Task Scoreboard_MarksTheSortedColumnAndItsDirection_ForEyesAndScreenReaders(string sort, string direction, string mark)
    {
        var document = Forms.Parse(await app.Client("en").GetStringAsync($"/scoreboard?sort={sort}", TestContext.Current.CancellationToken));

        var sorted = Assert.Single(document.QuerySelectorAll("thead th[aria-sort]"));
        Assert.Equal(direction, sorted.GetAttribute("aria-sort"));
        Assert.Equal(sort, sorted.QuerySelector("a")!.GetAttribute("data-sort"));
        Assert.Contains("sorted", sorted.ClassList);
        Assert.Equal(mark, sorted.QuerySelector(".sort-mark[aria-hidden=true]")!.TextContent);
        Assert.Contains(direction == "ascending" ? "lowest first" : "highest first", sorted.QuerySelector(".visually-hidden")!.TextContent);
    }
}
