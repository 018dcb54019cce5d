using System.Net;
using System.Text.RegularExpressions;

namespace Forum.Tests.Web.Complaints;

public partial class PublicPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [GeneratedRegex(@"data-number=""(T-\d{6,})""")]
    private static partial Regex RowNumber();

    private static IReadOnlyList<string> Numbers(string html) =>
        RowNumber().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task Home_Anonymous_ListsDemoThreadsNewestFirst()
    {
        var response = await app.Client().GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var numbers = Numbers(html);
        Assert.Equal(20, numbers.Count);
        Assert.Equal(numbers.OrderDescending(StringComparer.Ordinal), numbers);
        Assert.Contains("业主投诉", html);
        Assert.Contains("rel=\"next\"", html);
    }

    [Fact]
    public async Task Home_IsStaticServerRendered_WithNoInteractiveCircuit()
    {
        var html = await app.Client().GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Blazor:{\"type\":\"server\"", html);
        Assert.DoesNotContain("<!--Blazor:", html);
    }

    [Fact]
    public async Task Home_CompanyAndStatusFilters_CombineAndShowInTheForm()
    {
        var html = await app.Client().GetStringAsync("/?company=shenzhen&status=closed", TestContext.Current.CancellationToken);

        var numbers = Numbers(html);
        Assert.NotEmpty(numbers);
        Assert.DoesNotContain("/companies/shanghai\"", html[html.IndexOf("thread-list", StringComparison.Ordinal)..]);
        Assert.Contains("<option value=\"shenzhen\" selected", html);
        Assert.Contains("<option value=\"closed\" selected", html);
        Assert.Equal(numbers.Count, Regex.Matches(html, "badge status-closed").Count);
    }

    [Theory]
    [InlineData("/?company=nowhere", "没有名为“nowhere”的公司")]
    [InlineData("/?status=lost", "没有“lost”这个状态")]
    [InlineData("/?before=abc", "翻页参数“abc”无效")]
    [InlineData("/?before=-1", "翻页参数“-1”无效")]
    [InlineData("/?category=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "没有名为“&lt;script&gt;alert(1)&lt;/script&gt;”的分类")]
    public async Task Home_BadFilterValues_ClearMessageNotAnError(string url, string message)
    {
        var response = await app.Client().GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.NotEmpty(Numbers(html));
    }

    [Fact]
    public async Task Home_AbsurdPageNumberAndLongQuery_StillAPage()
    {
        var deep = await app.Client().GetAsync("/?before=1", TestContext.Current.CancellationToken);
        var longQuery = await app.Client().GetAsync("/?company=" + new string('a', 4000) + "&x=" + new string('b', 2000), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, deep.StatusCode);
        Assert.Contains("没有符合条件的投诉", await deep.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, longQuery.StatusCode);
        Assert.Contains("没有名为", await longQuery.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Home_OlderLink_LeadsToTheNextTwenty()
    {
        var client = app.Client();
        var first = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var older = Regex.Match(first, @"class=""older"" rel=""next"" href=""([^""]+)""").Groups[1].Value;

        var second = await client.GetStringAsync(WebUtility.HtmlDecode(older), TestContext.Current.CancellationToken);

        Assert.StartsWith("?before=", WebUtility.HtmlDecode(older));
        Assert.Empty(Numbers(first).Intersect(Numbers(second)));
        Assert.Equal(20, Numbers(second).Count);
        Assert.True(string.CompareOrdinal(Numbers(first)[^1], Numbers(second)[0]) > 0);
    }

    [Fact]
    public async Task Thread_ShowsBodyRepliesOfficialMarkAndTimeline()
    {
        var client = app.Client();
        var home = await client.GetStringAsync("/?status=closed", TestContext.Current.CancellationToken);
        var number = Numbers(home)[0];

        var response = await client.GetAsync($"/threads/{number}", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(number, html);
        Assert.Contains("官方回复 · ", html);
        Assert.Contains("解决方案 · ", html);
        Assert.Contains("业主发布投诉", html);
        Assert.Contains("首次官方回复", html);
        Assert.Contains("用时", html);
        Assert.Contains("处理结果", html);
        Assert.Contains("时间按 Asia/Shanghai 时区显示", html);
    }

    [Theory]
    [InlineData("/threads/T-999999")]
    [InlineData("/threads/not-a-number")]
    [InlineData("/companies/atlantis")]
    [InlineData("/projects/nowhere")]
    [InlineData("/no/such/page")]
    public async Task UnknownThreadCompanyOrProject_Is404WithAClearPage(string url)
    {
        var response = await app.Client().GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", html);
        Assert.Contains("返回全部投诉", html);
    }

    [Fact]
    public async Task ThreadNumber_AcceptsShortForm()
    {
        var response = await app.Client().GetAsync("/threads/1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("T-000001", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Healthz_AnswersOkAsPlainText()
    {
        var response = await app.Client().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Home_OverdueFilter_ListsOnlyComplaintsPastADeadline_AndKeepsItInThePagerLinks()
    {
        var html = await app.Client().GetStringAsync("/?status=overdue", TestContext.Current.CancellationToken);

        Assert.Contains("<option value=\"overdue\" selected", html);
        var numbers = Numbers(html);
        Assert.NotEmpty(numbers);
        Assert.DoesNotContain("badge status-closed", html[html.IndexOf("thread-list", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("badge status-awaiting-homeowner", html[html.IndexOf("thread-list", StringComparison.Ordinal)..]);
    }
}
