using System.Net;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Complaints;

/// <summary>Forms that forgive: what a homeowner or a moderator sees around a form, over HTTP on the real app.</summary>
public class FormFrictionTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private async Task<(string Number, long Id)> NewComplaintAsync(HttpClient homeowner)
    {
        var created = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "property",
            ["Input.Title"] = "表单测试 " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "单元门禁坏了一周没人修。",
            ["Input.RealName"] = "测试业主", ["Input.Phone"] = "13800003333", ["Input.Unit"] = "2栋202",
        });
        var number = Forms.Location(created)[9..17];
        return (number, long.Parse(number[2..]));
    }

    [Fact]
    public async Task ThreadView_Author_SeesNoMeTooButton_AnotherHomeownerDoes()
    {
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var (number, _) = await NewComplaintAsync(author);
        var otherEmail = await RegisterConfirmedAsync();
        var other = await Forms.SignInAsync(app.Client(), otherEmail, "pass-word-1");

        var authorPage = Forms.Parse(await author.GetStringAsync($"/threads/{number}"));
        var otherPage = Forms.Parse(await other.GetStringAsync($"/threads/{number}"));

        Assert.Null(authorPage.QuerySelector($"form[action='/threads/{number}/cosign']"));
        Assert.NotNull(authorPage.QuerySelector(".cosign .own"));
        Assert.NotNull(otherPage.QuerySelector($"form[action='/threads/{number}/cosign']"));
    }

    [Fact]
    public async Task MyComplaints_SecondTab_ListsTheComplaintsICoSigned_NotMyOwn()
    {
        var (number, _) = await NewComplaintAsync(await Forms.SignInAsync(app.Client(), "homeowner@example.com"));
        var neighbour = await Forms.SignInAsync(app.Client(), await RegisterConfirmedAsync(), "pass-word-1");
        var thread = await Forms.GetDocumentAsync(neighbour, $"/threads/{number}");
        await Forms.SubmitAsync(neighbour, $"/threads/{number}", Forms.Find(thread, $"/threads/{number}/cosign"), new Dictionary<string, string?>());

        var cosigned = await Forms.GetDocumentAsync(neighbour, "/my/cosigned");
        var mine = await Forms.GetDocumentAsync(neighbour, "/my/complaints");

        Assert.Equal([number], cosigned.QuerySelectorAll("li.thread-row").Select(r => r.GetAttribute("data-number")));
        Assert.Equal("/my/cosigned", cosigned.QuerySelector("nav.my-tabs a[aria-current=page]")!.GetAttribute("href"));
        Assert.Empty(mine.QuerySelectorAll($"li.thread-row[data-number='{number}']"));
        Assert.Equal("/my/complaints", mine.QuerySelector("nav.my-tabs a[aria-current=page]")!.GetAttribute("href"));
        Assert.Contains("还没有附议", (await Forms.GetDocumentAsync(await Forms.SignInAsync(app.Client(), await RegisterConfirmedAsync(), "pass-word-1"), "/my/cosigned")).Body!.TextContent);
    }

    [Fact]
    public async Task Layout_UnconfirmedAccount_SeesTheBanner_AndSendsTheLinkAgainFromAnyPage()
    {
        var client = app.Client();
        var email = $"banner{Guid.NewGuid():N}@example.com";
        await Register(client, email);
        await Forms.SignInAsync(client, email, "pass-word-1");

        var home = await Forms.GetDocumentAsync(client, "/scoreboard");
        var banner = home.QuerySelector(".unconfirmed-banner");
        var sent = await Forms.SubmitAsync(client, "/scoreboard", Forms.Find(home, "/account/resend-confirmation"), new Dictionary<string, string?>());

        Assert.NotNull(banner);
        Assert.Contains("确认", banner!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/scoreboard?confirmation=sent", Forms.Location(sent));
        Assert.Contains("已发送", (await Forms.GetDocumentAsync(client, Forms.Location(sent))).QuerySelector(".unconfirmed-banner")!.TextContent);
        Assert.Equal(2, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE ToEmail = @Email AND Purpose = 'AccountConfirm'", new { Email = email }));
        var confirmed = await Forms.GetDocumentAsync(await Forms.SignInAsync(app.Client(), "homeowner@example.com"), "/");
        Assert.Null(confirmed.QuerySelector(".unconfirmed-banner"));
    }

    [Fact]
    public async Task StaffThread_EveryAct_RedirectsToANoticeOfWhatWasDone()
    {
        var (number, _) = await NewComplaintAsync(await Forms.SignInAsync(app.Client(), "homeowner@example.com"));
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        var answered = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = "您好，已安排维修师傅明天上门。" });
        var locked = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "lock", new Dictionary<string, string?>());

        Assert.Equal($"/staff/threads/{number}?done=OfficialReply", Forms.Location(answered));
        Assert.Equal($"/staff/threads/{number}?done=Lock", Forms.Location(locked));
        var notice = (await Forms.GetDocumentAsync(staff, Forms.Location(locked))).QuerySelector(".notice.success[role=status]");
        Assert.Equal("投诉已锁定，不再接受新回复。", notice!.TextContent);
        Assert.Null((await Forms.GetDocumentAsync(staff, $"/staff/threads/{number}?done=Nonsense")).QuerySelector("[data-done]"));
    }

    [Theory]
    [InlineData("/threads/T-999999", HttpStatusCode.NotFound, "页面不存在")]
    [InlineData("/no/such/page", HttpStatusCode.NotFound, "页面不存在")]
    [InlineData("/status/429", HttpStatusCode.NotFound, "页面不存在")]
    public async Task ErrorPages_UseTheSiteLayout(string url, HttpStatusCode status, string heading)
    {
        var response = await app.Client().GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        var page = Forms.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("header.site-header nav.site-nav"));
        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task ErrorPages_403ForAnotherCompanysThread_UsesTheSiteLayout()
    {
        var beijing = ThreadNumber.Format(await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'beijing'"));
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        var response = await staff.GetAsync($"/staff/threads/{beijing}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = Forms.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("header.site-header nav.site-nav"));
        Assert.Equal("无权访问", page.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task NewThread_ProjectList_IsGroupedByCompanyWithoutJavaScript_AndFilteredByOurOwnScript()
    {
        var client = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        var page = await Forms.GetDocumentAsync(client, "/threads/new");

        var projects = page.QuerySelector("select[name='Input.Project']")!;
        Assert.Equal("Input.Company", projects.GetAttribute("data-projects-of"));
        var groups = projects.QuerySelectorAll("optgroup").Select(g => g.GetAttribute("data-company")).ToList();
        Assert.Equal(["beijing", "guangzhou", "shanghai", "shenzhen"], groups.Order());
        Assert.All(projects.QuerySelectorAll("optgroup[data-company=shanghai] option"), o => Assert.StartsWith("sh-", o.GetAttribute("value")));
        // No inline code: the filter is a file of our own origin (the framework's import map is data, not code).
        Assert.All(page.Scripts.Where(s => s.Type != "importmap"), s => Assert.True(!string.IsNullOrEmpty(s.Source) && string.IsNullOrWhiteSpace(s.Text), s.OuterHtml));
        Assert.Contains(page.Scripts, s => s.Source?.Contains("project-filter", StringComparison.Ordinal) == true);
    }

    private static Task<HttpResponseMessage> Register(HttpClient client, string email) =>
        Forms.SubmitAsync(client, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "表单业主", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });

    private async Task<string> RegisterConfirmedAsync()
    {
        var email = $"other{Guid.NewGuid():N}@example.com";
        await Register(app.Client(), email);
        await app.Data.ExecuteAsync("UPDATE Users SET EmailConfirmed = 1 WHERE Email = @Email", new { Email = email });
        return email;
    }
}
