using System.Net;
using Forum.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Accounts;

/// <summary>
/// Sessions end on the server: each browser here is an HttpClient with its own real cookie jar, and "a copy of the
/// cookie" is the jar's cookies copied into another jar, as someone who lifted them from a shared computer would.
/// </summary>
public class SessionTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private const string Password = "session-pass-1";

    private sealed record Browser(HttpClient Client, CookieContainer Jar, Uri BaseAddress);

    private Browser NewBrowser(string baseAddress = "http://localhost")
    {
        var jar = new CookieContainer();
        var uri = new Uri(baseAddress);
        var client = app.Factory.CreateDefaultClient(uri, new CookieContainerHandler(jar));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return new Browser(client, jar, uri);
    }

    /// <summary>A second browser holding copies of every cookie the first one has now.</summary>
    private Browser CopyOf(Browser original)
    {
        var copy = NewBrowser(original.BaseAddress.ToString());
        foreach (Cookie cookie in original.Jar.GetAllCookies())
        {
            copy.Jar.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Secure = cookie.Secure, HttpOnly = cookie.HttpOnly });
        }

        return copy;
    }

    private async Task<(long Id, string Email)> AccountAsync(string role = ForumRoles.Homeowner)
    {
        var email = $"session{Guid.NewGuid():N}@example.com";
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ForumUser>>();
        var user = new ForumUser { Email = email, DisplayName = "会话测试用户", EmailConfirmed = true, Language = "zh-CN" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.Id, email);
    }

    private static async Task<Browser> SignedInAsync(Browser browser, string email, bool remember = false)
    {
        var response = await Forms.SubmitAsync(browser.Client, "/account/sign-in", "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.Remember"] = remember ? "true" : null,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<bool> OpensAccountPageAsync(Browser browser)
    {
        var response = await browser.Client.GetAsync("/account");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/sign-in", Forms.Location(response));
            return false;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return true;
    }

    private Task<int> SessionsOfAsync(long userId) =>
        app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Sessions WHERE UserId = @UserId", new { UserId = userId });

    [Fact]
    public async Task SignOut_CookieSavedBefore_NoLongerOpensTheAccountPageNorPostsAReply()
    {
        var (userId, email) = await AccountAsync();
        var browser = await SignedInAsync(NewBrowser(), email);
        var url = "/threads/T-000002";
        var savedForm = Forms.Find(await Forms.GetDocumentAsync(browser.Client, url), "reply");
        var saved = CopyOf(browser);
        Assert.True(await OpensAccountPageAsync(saved));

        var signOutForm = Forms.Find(await Forms.GetDocumentAsync(browser.Client, "/account"), "/account/sign-out");
        var signedOut = await Forms.SubmitAsync(browser.Client, "/account", signOutForm, new Dictionary<string, string?>());
        var text = $"退出后的回复 {Guid.NewGuid():N}";
        var replay = await Forms.SubmitAsync(saved.Client, url, savedForm, new Dictionary<string, string?> { ["Reply.Body"] = text });

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.False(await OpensAccountPageAsync(browser));
        Assert.False(await OpensAccountPageAsync(saved));
        Assert.False(replay.StatusCode == HttpStatusCode.Redirect && Forms.Location(replay).StartsWith(url, StringComparison.Ordinal), "the saved reply form was accepted");
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Posts WHERE Body = @Body", new { Body = text }));
        Assert.Equal(0, await SessionsOfAsync(userId));
    }

    [Fact]
    public async Task SignOut_RememberMeCookie_IsRevokedToo()
    {
        var (_, email) = await AccountAsync();
        var browser = NewBrowser();
        var response = await Forms.SubmitAsync(browser.Client, "/account/sign-in", "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.Remember"] = "true",
        });
        var authCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Forum.Auth=", StringComparison.Ordinal));
        var saved = CopyOf(browser);

        var signOutForm = Forms.Find(await Forms.GetDocumentAsync(browser.Client, "/account"), "/account/sign-out");
        await Forms.SubmitAsync(browser.Client, "/account", signOutForm, new Dictionary<string, string?>());

        Assert.Contains("expires=", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(await OpensAccountPageAsync(saved));
    }

    [Fact]
    public async Task ChangePassword_EndsTheOtherSessionsAtOnce_AndKeepsThisOne()
    {
        var (userId, email) = await AccountAsync();
        var here = await SignedInAsync(NewBrowser(), email);
        var elsewhere = await SignedInAsync(NewBrowser(), email, remember: true);
        Assert.True(await OpensAccountPageAsync(elsewhere));

        var changed = await Forms.SubmitAsync(here.Client, "/account", "password", new Dictionary<string, string?>
        {
            ["Password.Current"] = Password, ["Password.New"] = "session-pass-2", ["Password.Confirm"] = "session-pass-2",
        });

        Assert.Contains("密码已修改", await changed.Content.ReadAsStringAsync());
        Assert.False(await OpensAccountPageAsync(elsewhere));
        Assert.True(await OpensAccountPageAsync(here));
        Assert.Equal(1, await app.Data.ScalarAsync<int>(
            "SELECT COUNT(*) FROM Sessions s JOIN Users u ON u.Id = s.UserId WHERE s.UserId = @UserId AND s.SecurityStamp = u.SecurityStamp", new { UserId = userId }));
    }

    [Fact]
    public async Task Deactivate_EndsEverySessionOfTheStaffMemberAtOnce()
    {
        var (userId, email) = await AccountAsync(ForumRoles.HqStaff);
        var staff = await SignedInAsync(NewBrowser(), email);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/staff")).StatusCode);
        var admin = await Forms.SignInAsync(app.Client(), "admin@example.com");

        await Forms.SubmitAsync(admin, "/admin", $"staff-{userId}", new Dictionary<string, string?>());
        var after = await staff.Client.GetAsync("/staff");

        Assert.False(await app.Data.ScalarAsync<bool>("SELECT IsActive FROM Users WHERE Id = @Id", new { Id = userId }));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", Forms.Location(after));
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession_OnEveryBrowser()
    {
        var (userId, email) = await AccountAsync();
        var here = await SignedInAsync(NewBrowser(), email);
        var phone = await SignedInAsync(NewBrowser(), email, remember: true);
        var saved = CopyOf(here);
        Assert.Equal(2, await SessionsOfAsync(userId));

        var form = Forms.Find(await Forms.GetDocumentAsync(here.Client, "/account"), "/account/sign-out-everywhere");
        var response = await Forms.SubmitAsync(here.Client, "/account", form, new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Forms.Location(response));
        Assert.False(await OpensAccountPageAsync(here));
        Assert.False(await OpensAccountPageAsync(phone));
        Assert.False(await OpensAccountPageAsync(saved));
        Assert.Equal(0, await SessionsOfAsync(userId));
        Assert.True(await OpensAccountPageAsync(await SignedInAsync(NewBrowser(), email)));
    }

    [Fact]
    public async Task SignIn_OverHttps_CookieIsHostPrefixedAndSecure_OverHttpPlainNamed()
    {
        var (_, email) = await AccountAsync();
        var https = NewBrowser("https://localhost");
        var http = NewBrowser();

        var secure = await Forms.SubmitAsync(https.Client, "/account/sign-in", "sign-in", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = Password });
        var plain = await Forms.SubmitAsync(http.Client, "/account/sign-in", "sign-in", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = Password });

        var secureCookie = secure.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Forum.Auth=", StringComparison.Ordinal));
        var plainCookie = plain.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Forum.Auth=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-Forum.Auth=", secureCookie);
        Assert.Contains("; secure", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/;", secureCookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", secureCookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(".Forum.Auth=", plainCookie);
        Assert.DoesNotContain("; secure", plainCookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(await OpensAccountPageAsync(https));
        Assert.True(await OpensAccountPageAsync(http));
    }
}
