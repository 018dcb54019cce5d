using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Moderation;

public class AuditLogTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    [Fact]
    public async Task Hq_SeesStaffActs_FilteredByAction_LocalStaffIsDenied()
    {
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var number = ThreadNumber.Format(await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'shenzhen' AND t.Status <> 'Closed'"));
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "lock", new Dictionary<string, string?>());
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");

        var all = Forms.Parse(await hq.GetStringAsync("/staff/audit"));
        var locks = Forms.Parse(await hq.GetStringAsync("/staff/audit?action=Lock&company=shenzhen"));
        var denied = await staff.GetAsync("/staff/audit");

        Assert.Contains(all.QuerySelectorAll("tr[data-action]"), r => r.GetAttribute("data-action") == "ViewContact");
        var lockRows = locks.QuerySelectorAll("tr[data-action]").ToList();
        Assert.NotEmpty(lockRows);
        Assert.All(lockRows, r => Assert.Equal("Lock", r.GetAttribute("data-action")));
        Assert.Contains(lockRows, r => r.TextContent.Contains("深圳公司客服 王经理", StringComparison.Ordinal) && r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString());
    }

    /// <summary>A new Shenzhen complaint worked through by its staff: reply, hide, solution, category, move, assign, lock, close.</summary>
    private async Task<(string Number, long AssigneeId)> WorkedThroughComplaintAsync(string summary)
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "other",
            ["Input.Title"] = "操作日志测试 " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "这条投诉用来检查操作日志。",
            ["Input.RealName"] = "日志测试", ["Input.Phone"] = "13800006666", ["Input.Unit"] = "6栋606",
        });
        var number = Forms.Location(created)[9..17];
        var page = $"/staff/threads/{number}";
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var assignee = await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'hq.staff@example.com'");

        await Forms.SubmitAsync(staff, page, "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = "已收到，马上安排。" });
        var hide = (await Forms.GetDocumentAsync(staff, page)).QuerySelectorAll("input[name=_handler]").Select(i => i.GetAttribute("value")!).First(v => v.StartsWith("hide-", StringComparison.Ordinal));
        await Forms.SubmitAsync(staff, page, hide, new Dictionary<string, string?> { ["HideReason"] = "回复有误" });
        await Forms.SubmitAsync(staff, page, "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "Solution", ["Answer.Body"] = "更换水管。" });
        await Forms.SubmitAsync(staff, page, "category", new Dictionary<string, string?> { ["ManageCategory"] = "engineering" });
        await Forms.SubmitAsync(staff, page, "move", new Dictionary<string, string?> { ["ManageProject"] = "sz-qianhai-yuefu" });
        await Forms.SubmitAsync(staff, page, "assign", new Dictionary<string, string?> { ["ManageAssignee"] = assignee.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await Forms.SubmitAsync(staff, page, "lock", new Dictionary<string, string?>());
        await Forms.SubmitAsync(staff, page, "close", new Dictionary<string, string?> { ["Closing.Summary"] = summary });
        return (number, assignee);
    }

    private static List<IElement> Rows(IHtmlDocument page) => page.QuerySelectorAll("tr[data-action]").ToList();

    private static string Cell(IElement row, string cell) => Regex.Replace(row.QuerySelector("td." + cell)!.TextContent, @"\s+", " ").Trim();

    private static string Change(List<IElement> rows, string action) => Cell(rows.Single(r => r.GetAttribute("data-action") == action), "change");

    [Fact]
    public async Task Page_Chinese_NamesEveryActAndValueInChinese_NoCodesSlugsOrIds()
    {
        var (number, assignee) = await WorkedThroughComplaintAsync("已更换水管，业主确认。");
        var hq = await Forms.SignInAsync(app.Client("zh-CN"), "hq.staff@example.com");

        var rows = Rows(Forms.Parse(await hq.GetStringAsync($"/staff/audit?thread={number}")));

        Assert.Equal(
            ["Close", "Lock", "Assign", "Move", "ChangeCategory", "Solution", "HidePost", "OfficialReply"],
            rows.Select(r => r.GetAttribute("data-action")).Where(a => a != "ViewContact"));
        Assert.All(rows, r => Assert.DoesNotMatch("[A-Za-z]", Cell(r, "action") + Cell(r, "change")));
        Assert.Equal("已给方案 → 已关闭：已更换水管，业主确认。", Change(rows, "Close"));
        Assert.Equal("未锁定 → 已锁定", Change(rows, "Lock"));
        Assert.Equal("→ 集团客户关系中心 李主任", Change(rows, "Assign"));
        Assert.Equal("湾景花园 · 深圳公司 → 前海悦府 · 深圳公司", Change(rows, "Move"));
        Assert.Equal("其他 → 工程质量", Change(rows, "ChangeCategory"));
        Assert.Equal("已回复 → 已给方案", Change(rows, "Solution"));
        Assert.Equal("待回复 → 已回复", Change(rows, "OfficialReply"));
        Assert.Matches(@"^回复 #\d+ 公开显示 → 回复 #\d+ 已隐藏：回复有误$", Change(rows, "HidePost"));
        Assert.Equal("关闭", Cell(rows.Single(r => r.GetAttribute("data-action") == "Close"), "action"));
        Assert.DoesNotContain(assignee.ToString(System.Globalization.CultureInfo.InvariantCulture), Change(rows, "Assign"));
        Assert.All(rows, r => Assert.Equal(number, Cell(r, "number")));
    }

    [Fact]
    public async Task Page_English_NamesEveryActAndValueInEnglish_NoCodesOrSlugs()
    {
        var (number, _) = await WorkedThroughComplaintAsync("Pipe replaced, homeowner agreed.");
        var hq = await Forms.SignInAsync(app.Client("en"), "hq.staff@example.com");

        var html = await hq.GetStringAsync($"/staff/audit?thread={number}");
        var rows = Rows(Forms.Parse(html));
        var shown = string.Join("\n", rows.Select(r => Cell(r, "action") + " " + Cell(r, "change")));

        Assert.Equal("Solution proposed → Closed: Pipe replaced, homeowner agreed.", Change(rows, "Close"));
        Assert.Equal("unlocked → locked", Change(rows, "Lock"));
        Assert.Equal("Bayview Garden · Shenzhen Company → Qianhai Yuefu · Shenzhen Company", Change(rows, "Move"));
        Assert.Equal("Other → Engineering quality", Change(rows, "ChangeCategory"));
        Assert.Contains("Change category", shown);
        Assert.Contains("Official reply", shown);
        foreach (var code in new[] { "SolutionProposed", "OfficialReply", "ChangeCategory", "HidePost", "sz-bayview-garden", "sz-qianhai-yuefu", "engineering", "True", "False" })
        {
            Assert.DoesNotContain(code, shown);
        }

        Assert.DoesNotMatch(@"(post|photo) \d+:", shown);
        Assert.Matches(@"reply #\d+ shown → reply #\d+ hidden: 回复有误", shown);
    }

    [Fact]
    public async Task Filters_ByComplaintPersonAndAction_EachNarrowsTheLog()
    {
        var (number, _) = await WorkedThroughComplaintAsync("已处理。");
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");
        var staffId = await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'shenzhen.staff@example.com'");
        var page = Forms.Parse(await hq.GetStringAsync("/staff/audit"));

        var byNumber = Rows(Forms.Parse(await hq.GetStringAsync($"/staff/audit?thread={number.ToLowerInvariant()}")));
        var byPerson = Rows(Forms.Parse(await hq.GetStringAsync($"/staff/audit?person={staffId}")));
        var byAction = Rows(Forms.Parse(await hq.GetStringAsync($"/staff/audit?action=Move&thread={number}")));
        var closes = Rows(Forms.Parse(await hq.GetStringAsync($"/staff/audit?action=Close&person={staffId}")));

        Assert.Contains(page.QuerySelectorAll("select[name=person] option"), o => o.GetAttribute("value") == staffId.ToString(System.Globalization.CultureInfo.InvariantCulture) && o.TextContent == "深圳公司客服 王经理");
        Assert.Contains(page.QuerySelectorAll("select[name=action] option"), o => o.GetAttribute("value") == "ChangeCategory" && o.TextContent == "修改分类");
        Assert.DoesNotContain(page.QuerySelectorAll("select[name=person] option"), o => o.TextContent.Contains("业主", StringComparison.Ordinal));
        Assert.True(byNumber.Count >= 8);
        Assert.All(byNumber, r => Assert.Equal(number, Cell(r, "number")));
        Assert.NotEmpty(byPerson);
        Assert.All(byPerson, r => Assert.StartsWith("深圳公司客服 王经理", r.QuerySelectorAll("td")[1].TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal(["Move"], byAction.Select(r => r.GetAttribute("data-action")));
        Assert.Contains(closes, r => Cell(r, "number") == number);
        Assert.All(closes, r => Assert.Equal("Close", r.GetAttribute("data-action")));
    }

    [Theory]
    [InlineData("thread=T-12x", "“T-12x”不是投诉编号")]
    [InlineData("person=999999", "没有编号为“999999”的员工账号")]
    [InlineData("action=Drop", "没有名为“Drop”的操作")]
    [InlineData("company=atlantis", "没有名为“atlantis”的公司")]
    public async Task Filters_AValueItCannotUse_IsDroppedWithALocalizedNote(string query, string note)
    {
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");
        // Its own audit row (viewing the private contact is logged), not one left by whichever test ran before.
        await hq.GetStringAsync("/staff/threads/T-000001");

        var response = await hq.GetAsync("/staff/audit?" + query);
        var page = Forms.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(note, page.QuerySelector(".notice")!.TextContent);
        Assert.NotEmpty(Rows(page));
    }
}
