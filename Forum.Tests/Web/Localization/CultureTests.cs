using System.Net;

namespace Forum.Tests.Web.Localization;

public class CultureTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AcceptLanguageEnglish_PageIsEnglish()
    {
        var html = await app.Client("en-US,en;q=0.9").GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Homeowner complaints", html);
        Assert.Contains("Shenzhen", html);
    }

    [Fact]
    public async Task NoAcceptLanguage_DefaultsToChinese()
    {
        var html = await app.Client(acceptLanguage: null).GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("业主投诉", html);
    }

    [Fact]
    public async Task Switch_SetsCookieThatBeatsAcceptLanguage_AndReturnsToThePage()
    {
        var client = app.Client("zh-CN");

        var response = await client.GetAsync("/culture/en?returnUrl=%2Fcompanies%2Fshenzhen%3Fstatus%3Dopen", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/companies/shenzhen?status=open", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains(".AspNetCore.Culture=c%3Den%7Cuic%3Den", cookie);

        var request = new HttpRequestMessage(HttpMethod.Get, "/companies/shenzhen?status=open");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var html = await (await client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<h1>Shenzhen Company</h1>", html);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    public async Task Switch_RefusesToRedirectOffSite(string returnUrl)
    {
        var response = await app.Client().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl), TestContext.Current.CancellationToken);

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Switch_UnknownCulture_Is404()
    {
        var response = await app.Client().GetAsync("/culture/fr", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
