using System.Net;

namespace Forum.Tests.Web.Security;

/// <summary>Every response carries the security headers; the briefing's files are never cached (issue 15, item 4).</summary>
public class SecurityHeadersTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/threads/T-000001")]
    [InlineData("/threads/T-999999")]
    [InlineData("/healthz")]
    [InlineData("/culture/en?returnUrl=/")]
    [InlineData("/staff")]
    [InlineData("/no/such/page")]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string url)
    {
        var response = await app.Client().GetAsync(url, TestContext.Current.CancellationToken);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("frame-ancestors 'self'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    [Fact]
    public async Task StaticFile_CarriesTheSecurityHeaders()
    {
        var html = await app.Client().GetStringAsync("/", TestContext.Current.CancellationToken);
        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/?app[^\"]*\\.css)\"").Groups[1].Value;

        var response = await app.Client().GetAsync("/" + css.TrimStart('/'), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("default-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle()
    {
        var html = await app.Client().GetStringAsync("/threads/T-000001", TestContext.Current.CancellationToken);
        var document = Forms.Parse(html);

        Assert.All(document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), s.OuterHtml));
        Assert.Empty(document.QuerySelectorAll("style"));
        Assert.Empty(document.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task HangfireDashboard_InlineStylesOnlyThere_ScriptsStillSelf()
    {
        var admin = await Forms.SignInAsync(app.Client(), "admin@example.com");

        var response = await admin.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self' 'unsafe-inline'", policy);
        Assert.Contains("script-src 'self';", policy);
    }

    [Theory]
    [InlineData("/briefing.csv", "text/csv")]
    [InlineData("/briefing/chart.png", "image/png")]
    public async Task BriefingFiles_AreNoStoreAndNosniff(string url, string mediaType)
    {
        var executive = await Forms.SignInAsync(app.Client(), "executive@example.com");

        var response = await executive.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}
