using System.Net;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Moderation;

/// <summary>The back office over HTTP: who may see and do what, checked on the server, and what each act changes.</summary>
public class StaffTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private async Task<string> OpenThreadOfAsync(string companySlug) =>
        ThreadNumber.Format(await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = @Slug AND t.Status <> 'Closed'", new { Slug = companySlug }));

    [Fact]
    public async Task Console_Anonymous_IsSentToSignIn_HomeownerIsDenied()
    {
        var anonymous = await app.Client().GetAsync("/staff");
        var homeowner = await (await Forms.SignInAsync(app.Client(), "homeowner@example.com")).GetAsync("/staff/threads/T-000001");

        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.ToString());
        Assert.Contains("/account/denied", homeowner.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Console_LocalStaff_SeesOnlyTheirCompany_OverdueFirst()
    {
        var client = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        var html = await client.GetStringAsync("/staff");
        var document = Forms.Parse(html);
        var rows = document.QuerySelectorAll("table.queue tbody tr").ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("深圳公司", r.TextContent));
        Assert.Contains("overdue", rows[0].ClassList);
        var overdue = rows.TakeWhile(r => r.ClassList.Contains("overdue")).Count();
        Assert.All(rows.Skip(overdue), r => Assert.DoesNotContain("overdue", r.ClassList));
    }

    [Fact]
    public async Task Console_Hq_SeesEveryCompany()
    {
        var client = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");

        var html = await client.GetStringAsync("/staff");

        foreach (var company in new[] { "深圳公司", "上海公司", "北京公司", "广州公司" })
        {
            Assert.Contains(company, html);
        }
    }

    [Fact]
    public async Task OtherCompanysThread_Is403_OnViewAndOnAForgedPost_AndNothingIsStoredOrShown()
    {
        var client = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var shanghai = await OpenThreadOfAsync("shanghai");
        var shenzhen = await OpenThreadOfAsync("shenzhen");
        var before = await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Posts");
        // A form taken from a thread they may answer, replayed against another company's thread.
        var form = Forms.Find(await Forms.GetDocumentAsync(client, $"/staff/threads/{shenzhen}"), "answer");

        var view = await client.GetAsync($"/staff/threads/{shanghai}");
        var forged = await Forms.SubmitAsync(client, $"/staff/threads/{shanghai}", form, new Dictionary<string, string?>
        {
            ["Answer.Kind"] = "Solution",
            ["Answer.Body"] = "伪造的回复",
        }, postTo: $"/staff/threads/{shanghai}");

        Assert.True(view.StatusCode == HttpStatusCode.Forbidden, $"{view.StatusCode} {view.Headers.Location}");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.DoesNotContain("contact-phone", await view.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Posts"));
    }

    [Fact]
    public async Task StaffThread_ShowsThePrivateContact_AndLogsTheView_ButThePublicPageNeverShowsIt()
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "engineering",
            ["Input.Title"] = "联系方式可见性测试 " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "5栋电梯按钮失灵，已经一周。",
            ["Input.RealName"] = "私密姓名甲", ["Input.Phone"] = "13700009999", ["Input.Unit"] = "5栋808",
        });
        var number = Forms.Location(created)[9..17];
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        var staffPage = await staff.GetStringAsync($"/staff/threads/{number}");
        var publicPage = await app.Client().GetStringAsync($"/threads/{number}");
        var homeownerPage = await homeowner.GetStringAsync($"/threads/{number}");

        Assert.Contains("私密姓名甲", staffPage);
        Assert.Contains("13700009999", staffPage);
        foreach (var page in new[] { publicPage, homeownerPage })
        {
            Assert.DoesNotContain("私密姓名甲", page);
            Assert.DoesNotContain("13700009999", page);
        }

        var views = await app.Data.ScalarAsync<int>(
            "SELECT COUNT(*) FROM ContactViews v JOIN Users u ON u.Id = v.ViewerId WHERE v.ThreadId = @Id AND u.Email = 'shenzhen.staff@example.com'", new { Id = long.Parse(number[2..]) });
        Assert.Equal(1, views);
    }

    [Fact]
    public async Task OfficialReply_Solution_Close_MoveTheClocks_ShowPublicly_AndAreAudited()
    {
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var number = await OpenThreadOfAsync("shenzhen");
        var id = long.Parse(number[2..]);
        var url = $"/staff/threads/{number}";

        var reply = await Forms.SubmitAsync(staff, url, "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = "已安排工程部明天上门查看。" });
        var solution = await Forms.SubmitAsync(staff, url, "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "Solution", ["Answer.Body"] = "更换防水层，周五完工。" });
        var state = (await app.Data.QueryAsync<(string Status, DateTime? FirstOfficialReplyAt, DateTime? SolutionProposedAt)>(
            "SELECT Status, FirstOfficialReplyAt, SolutionProposedAt FROM Threads WHERE Id = @Id", new { Id = id })).Single();
        var close = await Forms.SubmitAsync(staff, url, "close", new Dictionary<string, string?> { ["Closing.Summary"] = "防水层已更换，业主确认不再渗水。" });

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, solution.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.Equal("SolutionProposed", state.Status);
        Assert.NotNull(state.FirstOfficialReplyAt);
        Assert.NotNull(state.SolutionProposedAt);
        var publicPage = await app.Client().GetStringAsync($"/threads/{number}");
        Assert.Contains("官方回复 · 深圳公司", publicPage);
        Assert.Contains("解决方案 · 深圳公司", publicPage);
        Assert.Contains("防水层已更换，业主确认不再渗水。", publicPage);
        Assert.Contains("badge status-closed", publicPage);
        var audit = await app.Data.QueryAsync<(string Action, string ActorRole)>(
            "SELECT Action, ActorRole FROM AuditLog WHERE ThreadId = @Id AND Action <> 'ViewContact' ORDER BY Id", new { Id = id });
        Assert.Equal([("OfficialReply", "LocalStaff"), ("Solution", "LocalStaff"), ("Close", "LocalStaff")], audit);
        Assert.Null(await app.Data.ScalarAsync<DateTime?>("SELECT EscalationDueAt FROM Threads WHERE Id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task HqStaff_AnswersInHeadquartersName()
    {
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");
        var number = await OpenThreadOfAsync("beijing");

        await Forms.SubmitAsync(hq, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = "集团客户关系中心已介入。" });

        Assert.Contains("官方回复 · 集团总部", await app.Client().GetStringAsync($"/threads/{number}"));
    }
}
