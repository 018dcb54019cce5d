using System.Net;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Moderation;

public class ThreadManagementTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private async Task<(string Number, long Id)> NewThreadAsync(string title, string body = "这条投诉用来测试管理操作。")
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "other",
            ["Input.Title"] = title + " " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = body,
            ["Input.RealName"] = "管理测试", ["Input.Phone"] = "13800005555", ["Input.Unit"] = "5栋505",
        });
        var number = Forms.Location(created)[9..17];
        return (number, long.Parse(number[2..]));
    }

    [Fact]
    public async Task ChangeCategory_ShowsPublicly_AndIsAudited()
    {
        var (number, id) = await NewThreadAsync("分类测试");
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "category", new Dictionary<string, string?> { ["ManageCategory"] = "engineering" });

        Assert.Contains("/?category=engineering", await app.Client().GetStringAsync($"/threads/{number}"));
        Assert.Equal(("other", "engineering"), (await app.Data.QueryAsync<(string Before, string After)>(
            "SELECT Before, After FROM AuditLog WHERE ThreadId = @Id AND Action = 'ChangeCategory'", new { Id = id })).Single());
    }

    [Fact]
    public async Task Move_LocalStaffWithinTheirCompany_HqAcrossCompanies_LocalAcrossIs403()
    {
        var (number, id) = await NewThreadAsync("移动测试");
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");

        var within = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "move", new Dictionary<string, string?> { ["ManageProject"] = "sz-qianhai-yuefu" });
        var across = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "move", new Dictionary<string, string?> { ["ManageProject"] = "sh-binjiang-one" });
        var afterLocal = await app.Data.ScalarAsync<string>("SELECT p.Slug FROM Threads t JOIN Projects p ON p.Id = t.ProjectId WHERE t.Id = @Id", new { Id = id });
        await Forms.SubmitAsync(hq, $"/staff/threads/{number}", "move", new Dictionary<string, string?> { ["ManageProject"] = "sh-binjiang-one" });

        Assert.Equal(HttpStatusCode.Redirect, within.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, across.StatusCode);
        Assert.Equal("sz-qianhai-yuefu", afterLocal);
        Assert.Contains("<a href=\"/companies/shanghai\">上海公司</a>", await app.Client().GetStringAsync($"/threads/{number}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/staff/threads/{number}")).StatusCode);
    }

    [Fact]
    public async Task Assign_ToAColleague_ButNotToAStranger()
    {
        var (number, id) = await NewThreadAsync("分配测试");
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var colleague = await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'hq.staff@example.com'");
        var stranger = await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'homeowner@example.com'");

        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "assign", new Dictionary<string, string?> { ["ManageAssignee"] = colleague.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var refused = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "assign", new Dictionary<string, string?> { ["ManageAssignee"] = stranger.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("没有变化", await refused.Content.ReadAsStringAsync());
        Assert.Equal(colleague, await app.Data.ScalarAsync<long>("SELECT AssignedToId FROM Threads WHERE Id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task Merge_TheOldNumberRedirects_AndLeavesTheLists()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var duplicateBody = $"同一栋楼的电梯又坏了，困了两个人（{tag}）。";
        var (duplicate, _) = await NewThreadAsync("重复投诉", duplicateBody);
        var (original, _) = await NewThreadAsync("原投诉");
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var reply = $"今天早上又停了一次（{tag}）。";
        var official = $"维保单位已到场检修（{tag}）。";
        await Forms.SubmitAsync(author, $"/threads/{duplicate}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = reply });
        await Forms.SubmitAsync(staff, $"/staff/threads/{duplicate}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = official });
        var before = System.Net.WebUtility.HtmlDecode(await app.Client().GetStringAsync($"/threads/{duplicate}"));
        Assert.All([duplicateBody, reply, official], text => Assert.Contains(text, before));

        await Forms.SubmitAsync(staff, $"/staff/threads/{duplicate}", "merge", new Dictionary<string, string?> { ["ManageMergeTarget"] = original });
        var old = await app.Client().GetAsync($"/threads/{duplicate}");

        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.EndsWith($"/threads/{original}#merged-{duplicate}", old.Headers.Location!.ToString());
        Assert.DoesNotContain($"data-number=\"{duplicate}\"", await app.Client().GetStringAsync("/?company=shenzhen"));

        // Nothing the duplicate's author wrote leaves the public record: the target shows it, and both records say so.
        var target = await app.Client().GetStringAsync($"/threads/{original}");
        Assert.Contains($"id=\"merged-{duplicate}\"", target);
        Assert.Contains("重复投诉", target);
        Assert.Contains("timeline-mergedfrom", target);
        Assert.Equal(["MergedFrom", "MergedInto"], (await app.Data.QueryAsync<string>(
            "SELECT Kind FROM ThreadEvents WHERE Kind IN ('MergedInto', 'MergedFrom') ORDER BY Kind")).ToList());

        // The old address still leads to the duplicate's text: its body, the homeowner's reply and the official answer.
        var followed = System.Net.WebUtility.HtmlDecode(await app.Client().GetStringAsync(old.Headers.Location!.ToString()));
        Assert.All([duplicateBody, reply, official], text => Assert.Contains(text, followed));

        // Its author still finds it under My complaints, saying where it went.
        var mine = Forms.Parse(await author.GetStringAsync("/my/complaints"));
        var row = mine.QuerySelector($"li.thread-row[data-number=\"{duplicate}\"]");
        Assert.NotNull(row);
        var mergedInto = row.QuerySelector(".merged-into a");
        Assert.NotNull(mergedInto);
        Assert.Equal($"/threads/{original}#merged-{duplicate}", mergedInto.GetAttribute("href"));
        Assert.Contains(original, mergedInto.TextContent);
    }

    [Fact]
    public async Task StaffReopen_AClosedThread_StartsANewCycle()
    {
        var (number, id) = await NewThreadAsync("员工重开");
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "close", new Dictionary<string, string?> { ["Closing.Summary"] = "先关闭" });

        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "staff-reopen", new Dictionary<string, string?>());

        Assert.Equal(("Reopened", 1), (await app.Data.QueryAsync<(string Status, int ReopenCount)>("SELECT Status, ReopenCount FROM Threads WHERE Id = @Id", new { Id = id })).Single());
    }
}
