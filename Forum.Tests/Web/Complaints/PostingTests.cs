using System.Net;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Complaints;

public class PostingTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static Dictionary<string, string?> Complaint(string title, string body = "5栋1203卫生间漏水，楼下天花板已经泡坏，请尽快处理。", string company = "shenzhen", string? project = null) => new()
    {
        ["Input.Company"] = company,
        ["Input.Project"] = project ?? "sz-bayview-garden",
        ["Input.Category"] = "engineering",
        ["Input.Title"] = title,
        ["Input.Body"] = body,
        ["Input.RealName"] = "陈大文",
        ["Input.Phone"] = "13812345678",
        ["Input.Unit"] = "5栋1203",
    };

    private async Task<HttpClient> HomeownerAsync() => await Forms.SignInAsync(app.Client(), "homeowner@example.com");

    [Fact]
    public async Task Post_ValidComplaint_AppearsOnTheHomePageAtOnce_WithoutThePrivateContact()
    {
        var client = await HomeownerAsync();
        var title = $"湾景花园5栋电梯异响 {Guid.NewGuid():N}"[..30];

        var response = await Forms.SubmitAsync(client, "/threads/new", "new-thread", Complaint(title));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Forms.Location(response);
        Assert.Matches(@"^/threads/T-\d{6}\?posted=1$", location);
        var number = location[9..17];
        var anonymous = app.Client();
        var home = await anonymous.GetStringAsync("/");
        Assert.Contains($"data-number=\"{number}\"", home);
        Assert.Contains(title, home);
        var thread = await anonymous.GetStringAsync($"/threads/{number}");
        Assert.Contains(title, thread);
        foreach (var secret in new[] { "陈大文", "13812345678", "138****5678", "5栋1203\"" })
        {
            Assert.DoesNotContain(secret, home);
            Assert.DoesNotContain(secret, thread);
        }

        var contact = (await app.Data.QueryAsync<(string RealName, string Phone, string Unit)>(
            "SELECT RealName, Phone, Unit FROM ThreadContacts WHERE ThreadId = @Id", new { Id = long.Parse(number[2..]) })).Single();
        Assert.Equal(("陈大文", "13812345678", "5栋1203"), contact);
    }

    [Fact]
    public async Task Post_SameFormTwice_CreatesOneThread()
    {
        var client = await HomeownerAsync();
        var document = await Forms.GetDocumentAsync(client, "/threads/new");
        var form = Forms.Find(document, "new-thread");
        var title = $"重复提交测试 {Guid.NewGuid():N}"[..20];

        var first = await Forms.SubmitAsync(client, "/threads/new", form, Complaint(title));
        var second = await Forms.SubmitAsync(client, "/threads/new", form, Complaint(title));

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Threads WHERE Title = @Title", new { Title = title }));
    }

    [Theory]
    [InlineData("shenzhen", "sh-binjiang-one", "该项目不属于所选公司")]
    [InlineData("shenzhen", "999", "此项必填")]
    [InlineData("hq", "sz-bayview-garden", "此项必填")]
    public async Task Post_ProjectOfAnotherCompanyOrForged_ClearMessage_NothingStored(string company, string project, string message)
    {
        var client = await HomeownerAsync();
        var title = $"项目不匹配 {Guid.NewGuid():N}"[..20];

        var response = await Forms.SubmitAsync(client, "/threads/new", "new-thread", Complaint(title, company: company, project: project));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains($"value=\"{title}\"", html);
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Threads WHERE Title = @Title", new { Title = title }));
    }

    [Fact]
    public async Task Post_EmptyAndOversizedFields_MessagesShowTheLimits_AndTheTextIsKept()
    {
        var client = await HomeownerAsync();
        var body = "<img src=x onerror=alert(1)> مرحبا 😀 " + new string('长', 5001);

        var response = await Forms.SubmitAsync(client, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen",
            ["Input.Project"] = "sz-bayview-garden",
            ["Input.Category"] = "engineering",
            ["Input.Title"] = "",
            ["Input.Body"] = body,
            ["Input.RealName"] = new string('名', 51),
            ["Input.Phone"] = "call me",
            ["Input.Unit"] = "",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("此项必填", html);
        Assert.Contains("最多 5000 个字（已输入", html);
        Assert.Contains("最多 50 个字（已输入 51 个）", html);
        Assert.Contains("请输入电话号码", html);
        Assert.Contains("5–100 个字", html);
        Assert.Contains(body, html);
        Assert.DoesNotContain("<img src=x", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_UnconfirmedAccount_IsAskedToConfirmFirst()
    {
        var client = app.Client();
        var email = $"unconfirmed{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(client, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "未确认业主", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });
        await Forms.SignInAsync(client, email, "pass-word-1");

        var html = await client.GetStringAsync("/threads/new");

        Assert.Contains("发布前请先确认邮箱", html);
        Assert.DoesNotContain("name=\"_handler\" value=\"new-thread\"", html);
    }

    [Fact]
    public async Task Staff_CannotPostAsAHomeowner()
    {
        var client = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        var html = await client.GetStringAsync("/threads/new");

        Assert.Contains("只有业主账号可以", html);
    }

    [Fact]
    public async Task Reply_IsShownEncodedAndMasked_AndTheSameFormTwiceStoresOne()
    {
        var client = await HomeownerAsync();
        var url = "/threads/T-000002";
        var form = Forms.Find(await Forms.GetDocumentAsync(client, url), "reply");
        var text = $"<b>还在漏</b> 联系我 13912345678 或 me@example.org {Guid.NewGuid():N}";

        var first = await Forms.SubmitAsync(client, url, form, new Dictionary<string, string?> { ["Reply.Body"] = text });
        await Forms.SubmitAsync(client, url, form, new Dictionary<string, string?> { ["Reply.Body"] = text });
        var html = await app.Client().GetStringAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("&lt;b&gt;还在漏&lt;/b&gt; 联系我 139****5678 或 m***@example.org", html);
        Assert.DoesNotContain("13912345678", html);
        Assert.Equal(1, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Posts WHERE Body = @Body", new { Body = text }));
    }

    [Fact]
    public async Task CoSign_OncePerHomeowner_CountShows_AndTheAuthorCannot()
    {
        var author = await HomeownerAsync();
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", Complaint($"附议测试 {Guid.NewGuid():N}"[..20]));
        var number = Forms.Location(created)[9..17];
        var other = app.Client();
        var email = $"cosigner{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(other, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "邻居", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });
        await app.Data.ScalarAsync<int>("UPDATE Users SET EmailConfirmed = 1 WHERE Email = @Email", new { Email = email });
        await Forms.SignInAsync(other, email, "pass-word-1");
        var action = $"/threads/{number}/cosign";

        // The author has no button; a forged request (with the author's own antiforgery token) is refused anyway.
        var authorPage = await Forms.GetDocumentAsync(author, $"/threads/{number}");
        Assert.DoesNotContain(authorPage.Forms, f => f.GetAttribute("action") == action);
        var own = await Forms.SubmitAsync(author, $"/threads/{number}", Forms.Find(authorPage, "reply"), new Dictionary<string, string?>(), postTo: action);
        var form = Forms.Find(await Forms.GetDocumentAsync(other, $"/threads/{number}"), action);
        var first = await Forms.SubmitAsync(other, $"/threads/{number}", form, new Dictionary<string, string?>());
        // The button is gone after a co-sign; a replayed request is still counted once.
        var again = await Forms.SubmitAsync(other, $"/threads/{number}", form, new Dictionary<string, string?>());

        Assert.Contains("refused=OwnThread", Forms.Location(own));
        Assert.Contains("cosigned=1", Forms.Location(first));
        Assert.Contains("cosigned=0", Forms.Location(again));
        var page = await other.GetStringAsync($"/threads/{number}");
        Assert.Contains("<dd class=\"cosign-count\">1</dd>", page);
        Assert.Contains("您已附议该投诉（共 1 人）", page);
        Assert.Contains(">1 人附议<", (await app.Client().GetStringAsync("/")).Replace("Me too: ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CoSign_ReachingTheThreshold_MarksAGroupComplaint_AndTellsHqAndTheHeadAtOnce()
    {
        var author = await HomeownerAsync();
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", Complaint($"群诉测试 {Guid.NewGuid():N}"[..20]));
        var id = long.Parse(Forms.Location(created)[11..17]);
        await app.Data.ScalarAsync<int>("UPDATE Threads SET CoSignCount = 9 WHERE Id = @Id", new { Id = id });
        var neighbour = app.Client();
        var email = $"group{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(neighbour, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "第十位业主", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });
        await app.Data.ScalarAsync<int>("UPDATE Users SET EmailConfirmed = 1 WHERE Email = @Email", new { Email = email });
        await Forms.SignInAsync(neighbour, email, "pass-word-1");

        await Forms.SubmitAsync(neighbour, $"/threads/{ThreadNumber.Format(id)}", $"/threads/{ThreadNumber.Format(id)}/cosign", new Dictionary<string, string?>());

        Assert.True(await app.Data.ScalarAsync<bool>("SELECT IsGroupComplaint FROM Threads WHERE Id = @Id", new { Id = id }));
        var told = await app.Data.QueryAsync<string>(
            "SELECT o.ToEmail FROM OutboxMessages o JOIN Escalations e ON e.Id = o.EscalationId WHERE e.ThreadId = @Id AND e.Rung = 'GroupComplaint' ORDER BY o.ToEmail", new { Id = id });
        Assert.Equal(["hq.cr@example.com", "shenzhen.head@example.com"], told);
        Assert.Contains("群诉", await app.Client().GetStringAsync($"/threads/{ThreadNumber.Format(id)}"));
    }
}
