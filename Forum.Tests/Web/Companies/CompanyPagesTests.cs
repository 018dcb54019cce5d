using System.Net;

namespace Forum.Tests.Web.Companies;

public class CompanyPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Company_ListsItsProjectsAndOnlyItsThreads()
    {
        var response = await app.Client().GetAsync("/companies/shanghai", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>上海公司</h1>", html);
        Assert.Contains("href=\"/projects/", html);
        var list = html[html.IndexOf("thread-list", StringComparison.Ordinal)..];
        Assert.Contains("/companies/shanghai\"", list);
        Assert.DoesNotContain("/companies/shenzhen\"", list);
        Assert.DoesNotContain("/companies/beijing\"", list);
    }

    [Fact]
    public async Task Project_ListsOnlyItsThreads()
    {
        var company = await app.Client().GetStringAsync("/companies/shenzhen", TestContext.Current.CancellationToken);
        var slug = System.Text.RegularExpressions.Regex.Match(company, "href=\"/projects/([a-z0-9-]+)\"").Groups[1].Value;

        var html = await app.Client().GetStringAsync($"/projects/{slug}", TestContext.Current.CancellationToken);

        Assert.Contains("<a href=\"/companies/shenzhen\">深圳公司</a>", html);
        var list = html.Contains("thread-list", StringComparison.Ordinal) ? html[html.IndexOf("thread-list", StringComparison.Ordinal)..] : "";
        Assert.All(System.Text.RegularExpressions.Regex.Matches(list, "href=\"/projects/([a-z0-9-]+)\""), m => Assert.Equal(slug, m.Groups[1].Value));
    }
}
