using System.Net;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Moderation;

public class StaffActionsTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private async Task<(string Number, long Id)> NewShenzhenThreadAsync()
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "property",
            ["Input.Title"] = "员工操作测试 " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "小区门禁坏了一周没人修。",
            ["Input.RealName"] = "测试业主", ["Input.Phone"] = "13800002222", ["Input.Unit"] = "1栋101",
        });
        var number = Forms.Location(created)[9..17];
        return (number, long.Parse(number[2..]));
    }

    [Fact]
    public async Task InternalNote_IsOnTheStaffPageOnly_AndMovesNoClock()
    {
        var (number, id) = await NewShenzhenThreadAsync();
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?>
        {
            ["Answer.Kind"] = "InternalNote",
            ["Answer.Body"] = "NOTE-7f3a 业主情绪激动，先电话安抚",
        });

        Assert.Contains("NOTE-7f3a", await staff.GetStringAsync($"/staff/threads/{number}"));
        foreach (var page in new[] { $"/threads/{number}", "/", "/?company=shenzhen", "/companies/shenzhen" })
        {
            Assert.DoesNotContain("NOTE-7f3a", await app.Client().GetStringAsync(page));
            Assert.DoesNotContain("NOTE-7f3a", await homeowner.GetStringAsync(page));
        }

        Assert.DoesNotContain("NOTE-7f3a", await homeowner.GetStringAsync("/my/complaints"));

        Assert.Null(await app.Data.ScalarAsync<DateTime?>("SELECT FirstOfficialReplyAt FROM Threads WHERE Id = @Id", new { Id = id }));
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT ReplyCount FROM Threads WHERE Id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task HidePost_PublicSeesATombstoneWithReasonAndRole_StaffStillSeeTheText()
    {
        var (number, id) = await NewShenzhenThreadAsync();
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        await Forms.SubmitAsync(homeowner, $"/threads/{number}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "RUDE-91c 骂人的话" });
        var postId = await app.Data.ScalarAsync<long>("SELECT Id FROM Posts WHERE ThreadId = @Id AND Body LIKE 'RUDE-91c%'", new { Id = id });
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        var hidden = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", $"hide-{postId}", new Dictionary<string, string?> { ["HideReason"] = "含辱骂内容" });
        var publicPage = await app.Client().GetStringAsync($"/threads/{number}");

        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.DoesNotContain("RUDE-91c", publicPage);
        Assert.Contains("该回复已被一线公司客服隐藏。原因：含辱骂内容", publicPage);
        Assert.Contains("RUDE-91c", await staff.GetStringAsync($"/staff/threads/{number}"));
        Assert.Equal(1, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE ThreadId = @Id AND Action = 'HidePost'", new { Id = id }));
    }

    [Fact]
    public async Task Lock_StopsHomeownerReplies_AndShowsPublicly_UnlockReopensThem()
    {
        var (number, _) = await NewShenzhenThreadAsync();
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var replyForm = Forms.Find(await Forms.GetDocumentAsync(homeowner, $"/threads/{number}"), "reply");

        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "lock", new Dictionary<string, string?>());
        var refused = await Forms.SubmitAsync(homeowner, $"/threads/{number}", replyForm, new Dictionary<string, string?> { ["Reply.Body"] = "锁定后还能回复吗" });

        var lockedPage = await homeowner.GetStringAsync($"/threads/{number}");
        Assert.Contains("badge locked", lockedPage);
        Assert.Contains("该投诉已锁定", lockedPage);
        // The reply form is gone; a replayed one is refused on the server and stores nothing.
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Posts WHERE Body = '锁定后还能回复吗'"));

        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "lock", new Dictionary<string, string?>());
        Assert.DoesNotContain("badge locked", await app.Client().GetStringAsync($"/threads/{number}"));
    }

    [Fact]
    public async Task ForgedLockOnAnotherCompanysThread_Is403()
    {
        var (shenzhen, _) = await NewShenzhenThreadAsync();
        var beijing = ThreadNumber.Format(await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'beijing'"));
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var form = Forms.Find(await Forms.GetDocumentAsync(staff, $"/staff/threads/{shenzhen}"), "lock");

        var forged = await Forms.SubmitAsync(staff, $"/staff/threads/{shenzhen}", form, new Dictionary<string, string?>(), postTo: $"/staff/threads/{beijing}");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(await app.Data.ScalarAsync<bool>("SELECT IsLocked FROM Threads WHERE Id = @Id", new { Id = long.Parse(beijing[2..]) }));
    }
}
