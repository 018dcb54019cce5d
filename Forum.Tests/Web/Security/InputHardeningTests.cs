using System.Net;
using System.Security.Claims;
using Forum.Core.Accounts;
using Forum.Web.Administration;
using Forum.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Security;

/// <summary>The hand-made URLs and refusals that used to answer 500 (issue 15, item 1).</summary>
public class InputHardeningTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private async Task<string> ShenzhenThreadAsync() => Forum.Core.Complaints.ThreadNumber.Format(await app.Data.ScalarAsync<long>(
        "SELECT MIN(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'shenzhen' AND t.IsHidden = 0"));

    [Theory]
    [InlineData("posted=x")]
    [InlineData("cosigned=%E2%80%A6")]
    [InlineData("posted=99999999999&cosigned=-1")]
    [InlineData("refused=%3Cscript%3E&reported=x")]
    public async Task ThreadPage_UnparsableQueryValues_ShowsThePage(string query)
    {
        var number = await ShenzhenThreadAsync();

        var response = await app.Client().GetAsync($"/threads/{number}?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(number, html);
        Assert.DoesNotContain("notice success", html);
    }

    [Fact]
    public async Task AdminPage_SavedNotANumber_ShowsThePageWithoutTheNotice()
    {
        var admin = await Forms.SignInAsync(app.Client(), "admin@example.com");

        var response = await admin.GetAsync("/admin?saved=abc", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("notice success", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StaffThread_UnknownNumber_Is404OnGetAndPost()
    {
        var known = await ShenzhenThreadAsync();
        var staff = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");
        var form = Forms.Find(await Forms.GetDocumentAsync(staff, $"/staff/threads/{known}"), "lock");

        var get = await staff.GetAsync("/staff/threads/T-999999", TestContext.Current.CancellationToken);
        var post = await Forms.SubmitAsync(staff, $"/staff/threads/{known}", form, new Dictionary<string, string?>(), postTo: "/staff/threads/T-999999");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task DeniedPage_Answers403()
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        var redirect = await homeowner.GetAsync("/admin", TestContext.Current.CancellationToken);
        var denied = await homeowner.GetAsync(Forms.Location(redirect), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("not-found", await denied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CultureSwitch_NonAsciiReturnUrl_RedirectsPercentEncoded()
    {
        var response = await app.Client().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString("/search?q=漏水"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/search?q=%E6%BC%8F%E6%B0%B4", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_NonAsciiReturnUrl_RedirectsPercentEncoded()
    {
        var client = app.Client();

        var response = await Forms.SubmitAsync(client, "/account/sign-in?returnUrl=" + Uri.EscapeDataString("/search?q=电梯"), "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = "homeowner@example.com",
            ["Input.Password"] = "Demo-2026!",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/search?q=%E7%94%B5%E6%A2%AF", Forms.Location(response));
    }

    [Fact]
    public async Task SignOut_NonAsciiReturnUrl_RedirectsPercentEncoded()
    {
        var client = await Forms.SignInAsync(app.Client(), "executive@example.com");
        var form = Forms.Find(await Forms.GetDocumentAsync(client, "/"), "/account/sign-out");

        var response = await Forms.SubmitAsync(client, "/", form, new Dictionary<string, string?> { ["returnUrl"] = "/companies/深圳" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/companies/%E6%B7%B1%E5%9C%B3", Forms.Location(response));
    }

    [Fact]
    public async Task ResendConfirmation_NonAsciiReturnUrl_RedirectsPercentEncoded()
    {
        var client = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");
        // Any form of the signed-in page carries the user's antiforgery token; the banner's form is only shown unconfirmed.
        var form = Forms.Find(await Forms.GetDocumentAsync(client, "/"), "/account/sign-out");

        var response = await Forms.SubmitAsync(client, "/", form, new Dictionary<string, string?> { ["returnUrl"] = "/projects/湾景" }, postTo: "/account/resend-confirmation");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/projects/%E6%B9%BE%E6%99%AF", Forms.Location(response));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("漏水")]
    public async Task CultureSwitch_ForeignReturnUrl_GoesHome(string returnUrl)
    {
        var response = await app.Client().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl), TestContext.Current.CancellationToken);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AdminService_NotAnAdmin_IsRefusedAsForbiddenNotAsServerError()
    {
        using var scope = app.Factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<AdminService>();
        var homeowner = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(ClaimTypes.Role, ForumRoles.Homeowner)], "test"));

        var refusal = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => admin.AddCompanyAsync(homeowner, "x-co", "X", "X"));

        Assert.Equal(StatusCodes.Status403Forbidden, ErrorStatus.Of(refusal));
        Assert.Equal(StatusCodes.Status500InternalServerError, ErrorStatus.Of(new InvalidOperationException()));
    }
}
