using System.Net;
using System.Text.RegularExpressions;

namespace Forum.Tests.Web.Accounts;

public partial class AccountPagesTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static Dictionary<string, string?> Registration(string email, string name = "新业主", string password = "secret-2026") => new()
    {
        ["Input.Email"] = email,
        ["Input.DisplayName"] = name,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private async Task<string> BodyAfterRedirectAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetStringAsync(response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex(@"/account/confirm\?user=\d+&code=[A-Za-z0-9_\-]+")]
    private static partial Regex ConfirmLink();

    [Fact]
    public async Task Register_NewAndExistingAddress_SameAnswer_AndTheOwnerIsToldByMail()
    {
        var fresh = app.Client();
        var known = app.Client();
        var email = $"new{Guid.NewGuid():N}@example.com";

        var first = await Forms.SubmitAsync(fresh, "/account/register", "register", Registration(email));
        var again = await Forms.SubmitAsync(known, "/account/register", "register", Registration("homeowner@example.com"));

        Assert.Equal(first.Headers.Location, again.Headers.Location);
        var freshPage = await BodyAfterRedirectAsync(fresh, first);
        var knownPage = await BodyAfterRedirectAsync(known, again);
        Assert.Equal(MainContent(freshPage), MainContent(knownPage));
        Assert.Contains("如果该邮箱可以注册", freshPage);
        var mails = await app.Data.QueryAsync<(string ToEmail, string Purpose)>("SELECT ToEmail, Purpose FROM OutboxMessages WHERE ToEmail IN (@A, @B)", new { A = email, B = "homeowner@example.com" });
        Assert.Contains((email, "AccountConfirm"), mails);
        Assert.Contains(("homeowner@example.com", "AccountAlreadyRegistered"), mails);
    }

    [Fact]
    public async Task Register_ConfirmLink_ConfirmsOnce_ThenSaysAlreadyConfirmed_AndAForgedCodeIsInvalid()
    {
        var client = app.Client();
        var email = $"confirm{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(client, "/account/register", "register", Registration(email));
        var text = await app.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE ToEmail = @Email", new { Email = email });
        var link = ConfirmLink().Match(text).Value;

        var forged = await client.GetStringAsync(Regex.Replace(link, "code=[^&]+", "code=AAAA"));
        var first = await client.GetStringAsync(link);
        var reused = await client.GetStringAsync(link);

        Assert.Contains("data-outcome=\"Invalid\"", forged);
        Assert.Contains("data-outcome=\"Confirmed\"", first);
        Assert.Contains("data-outcome=\"AlreadyConfirmed\"", reused);
        Assert.True(await app.Data.ScalarAsync<bool>("SELECT EmailConfirmed FROM Users WHERE Email = @Email", new { Email = email }));
    }

    [Fact]
    public async Task Register_BadInput_ClearMessages_KeepsWhatWasTyped_WritesNothing()
    {
        var client = app.Client();
        var email = $"bad{Guid.NewGuid():N}@example";

        var response = await Forms.SubmitAsync(client, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "<script>alert(1)</script>" + new string('长', 40),
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "other",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请输入有效的电子邮件地址", html);
        Assert.Contains("最多 30 个字", html);
        Assert.Contains("密码至少需要 8 位", html);
        Assert.Contains("两次输入的密码不一致", html);
        Assert.Contains($"value=\"{email}\"", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("value=\"short\"", html);
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Users WHERE Email = @Email", new { Email = email }));
    }

    [Fact]
    public async Task SignIn_UnknownAddressAndWrongPassword_GetTheSameAnswer()
    {
        var nobody = $"nobody{Guid.NewGuid():N}@example.com";
        var unknown = await Forms.SubmitAsync(app.Client(), "/account/sign-in", "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = nobody,
            ["Input.Password"] = "Demo-2026!",
        });
        var wrong = await Forms.SubmitAsync(app.Client(), "/account/sign-in", "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = "executive@example.com",
            ["Input.Password"] = "not-the-password-1",
        });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("邮箱或密码不正确", unknownHtml);
        Assert.Equal(Comparable(unknownHtml, nobody), Comparable(await wrong.Content.ReadAsStringAsync(), "executive@example.com"));
    }

    [Fact]
    public async Task SignIn_FiveFailures_LockTheAccount_TheRightPasswordIsToldUntilWhen_AndAResetLiftsIt()
    {
        var client = app.Client("en");
        var email = $"lock{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(client, "/account/register", "register", Registration(email, password: "right-pass-1"));
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Forms.SubmitAsync(app.Client("en"), "/account/sign-in", "sign-in", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = "wrong-pass-" + i });
            answers.Add(await wrong.Content.ReadAsStringAsync());
        }

        var right = await Forms.SubmitAsync(app.Client("en"), "/account/sign-in", "sign-in", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = "right-pass-1" });

        Assert.All(answers[..4], a => Assert.Contains("password is not right", a));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var lockoutEnd = await app.Data.ScalarAsync<DateTime>("SELECT LockoutEnd FROM Users WHERE Email = @Email", new { Email = email });
        Assert.InRange(lockoutEnd - DateTime.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(lockoutEnd, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var message = Forms.Parse(await right.Content.ReadAsStringAsync()).QuerySelector(".locked-out")!.TextContent;
        Assert.Contains($"locked until {local.ToString("t", System.Globalization.CultureInfo.GetCultureInfo("en"))} (Asia/Shanghai)", message);
        Assert.Contains("locked until", answers[4]);

        await Forms.SubmitAsync(app.Client(), "/account/forgot", "forgot", new Dictionary<string, string?> { ["Input.Email"] = email });
        var text = await app.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE ToEmail = @Email AND Purpose = 'AccountResetPassword'", new { Email = email });
        var link = Regex.Match(text, @"/account/reset\?email=[^&\s]+&code=[A-Za-z0-9_\-]+").Value;
        await Forms.SubmitAsync(app.Client(), link, "reset", new Dictionary<string, string?> { ["Input.Password"] = "new-pass-3", ["Input.ConfirmPassword"] = "new-pass-3" });

        await Forms.SignInAsync(app.Client(), email, "new-pass-3");
        Assert.Null(await app.Data.ScalarAsync<DateTime?>("SELECT LockoutEnd FROM Users WHERE Email = @Email", new { Email = email }));
    }

    [Fact]
    public async Task SignIn_AnAddressWithoutAccount_IsLockedAfterAsManyFailures_SoTheLockoutTellsNothing()
    {
        var email = $"ghost{Guid.NewGuid():N}@example.com";
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var response = await Forms.SubmitAsync(app.Client(), "/account/sign-in", "sign-in", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = "wrong-pass-" + i });
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(answers[..4], a => Assert.Contains("邮箱或密码不正确", a));
        Assert.All(answers[4..], a => Assert.Contains("账号已被锁定至", a));
    }

    [Fact]
    public async Task SignIn_DemoHomeowner_SeesTheirNameAndMyComplaints()
    {
        var client = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        var html = await client.GetStringAsync("/my/complaints");

        Assert.Contains("湾景业主小陈", html);
        Assert.Contains("我的投诉", html);
        Assert.Contains("data-number=\"T-", html);
    }

    [Fact]
    public async Task ForgotPassword_KnownAndUnknown_SameAnswer_AndTheLinkResetsThePasswordOnce()
    {
        var client = app.Client();
        var email = $"reset{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(client, "/account/register", "register", Registration(email, password: "old-pass-1"));

        var known = await Forms.SubmitAsync(app.Client(), "/account/forgot", "forgot", new Dictionary<string, string?> { ["Input.Email"] = email });
        var unknown = await Forms.SubmitAsync(app.Client(), "/account/forgot", "forgot", new Dictionary<string, string?> { ["Input.Email"] = $"ghost{Guid.NewGuid():N}@example.com" });

        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        var text = await app.Data.ScalarAsync<string>("SELECT TextBody FROM OutboxMessages WHERE ToEmail = @Email AND Purpose = 'AccountResetPassword'", new { Email = email });
        var link = Regex.Match(text, @"/account/reset\?email=[^&\s]+&code=[A-Za-z0-9_\-]+").Value;
        var fields = new Dictionary<string, string?> { ["Input.Password"] = "new-pass-2", ["Input.ConfirmPassword"] = "new-pass-2" };

        var reset = await Forms.SubmitAsync(app.Client(), link, "reset", fields);
        var reused = await Forms.SubmitAsync(app.Client(), link, "reset", fields);

        Assert.Contains("密码已修改", await reset.Content.ReadAsStringAsync());
        Assert.Contains("链接无效、已使用或已过期", await reused.Content.ReadAsStringAsync());
        await Forms.SignInAsync(app.Client(), email, "new-pass-2");
    }

    [Fact]
    public async Task Settings_ChangeDisplayName_ShowsInTheHeader()
    {
        var client = app.Client();
        var email = $"name{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(client, "/account/register", "register", Registration(email, "旧昵称", "name-pass-1"));
        await Forms.SignInAsync(client, email, "name-pass-1");

        var saved = await Forms.SubmitAsync(client, "/account", "display-name", new Dictionary<string, string?> { ["Name.DisplayName"] = "新昵称🏠" });

        var page = await saved.Content.ReadAsStringAsync();
        Assert.True(page.Contains("已保存", StringComparison.Ordinal), MainContent(page));
        Assert.True(saved.Headers.Contains("Set-Cookie"), string.Join("\n", saved.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value))));

        // Characters beyond the Basic Multilingual Plane (emoji) are sent as entities: decode like a browser does.
        Assert.Contains("新昵称🏠", WebUtility.HtmlDecode(await client.GetStringAsync("/")));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = app.Client();
        await client.GetAsync("/account/sign-in");

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = "homeowner@example.com",
            ["Input.Password"] = "Demo-2026!",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".Forum.Auth", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/threads/T-000002/cosign")]
    [InlineData("/account/sign-out")]
    [InlineData("/posts/1/report")]
    public async Task ActionEndpoints_WithoutAntiforgeryToken_Are400(string url)
    {
        var client = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "Spam" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NewThreadPage_Anonymous_IsSentToSignIn()
    {
        var response = await app.Client().GetAsync("/threads/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in?ReturnUrl=%2Fthreads%2Fnew", response.Headers.Location!.ToString());
    }

    /// <summary>The main content with the typed address and the per-request antiforgery token taken out.</summary>
    private static string Comparable(string html, string email) =>
        Regex.Replace(MainContent(html).Replace(email, "EMAIL", StringComparison.Ordinal), @"name=""__RequestVerificationToken"" value=""[^""]*""", "TOKEN");

    /// <summary>The page's main content, without the layout (whose sign-in link carries the page's own URL).</summary>
    private static string MainContent(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
}
