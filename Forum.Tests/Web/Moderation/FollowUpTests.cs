using System.Net;

namespace Forum.Tests.Web.Moderation;

/// <summary>The follow-up visit (回访) and "awaiting homeowner", through the pages.</summary>
public class FollowUpTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private async Task<(string Number, long Id, HttpClient Author, HttpClient Staff)> ClosedThreadAsync()
    {
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "engineering",
            ["Input.Title"] = "回访测试 " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "阳台地漏返水，请处理。",
            ["Input.RealName"] = "回访业主", ["Input.Phone"] = "13800003333", ["Input.Unit"] = "2栋202",
        });
        var number = Forms.Location(created)[9..17];
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "Solution", ["Answer.Body"] = "更换地漏。" });
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "close", new Dictionary<string, string?> { ["Closing.Summary"] = "地漏已更换。" });
        return (number, long.Parse(number[2..]), author, staff);
    }

    [Fact]
    public async Task Author_ConfirmsAndRates_TheRatingShowsOnTheThread()
    {
        var (number, _, author, _) = await ClosedThreadAsync();
        Assert.DoesNotContain("id=\"follow-up\"", await app.Client().GetStringAsync($"/threads/{number}"));

        var confirmed = await Forms.SubmitAsync(author, $"/threads/{number}", "confirm", new Dictionary<string, string?>
        {
            ["FollowUp.Rating"] = "4",
            ["FollowUp.Comment"] = "处理及时，谢谢",
        });
        var page = await app.Client().GetStringAsync($"/threads/{number}");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("data-rating=\"4\"", page);
        Assert.Contains("业主已确认处理结果，评分 4/5 ★★★★☆", page);
        Assert.Contains("处理及时，谢谢", page);
        Assert.DoesNotContain("id=\"follow-up\"", await author.GetStringAsync($"/threads/{number}"));
    }

    [Fact]
    public async Task Author_ReopensWithinSevenDays_ANewSolutionDeadlineRunsAndTheTimelineSaysSo()
    {
        var (number, id, author, _) = await ClosedThreadAsync();

        var reopened = await Forms.SubmitAsync(author, $"/threads/{number}", "reopen", new Dictionary<string, string?>());
        var page = await app.Client().GetStringAsync($"/threads/{number}");

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Contains("badge status-reopened", page);
        Assert.Contains("业主重新打开", page);
        Assert.Contains("data-rung=\"Solution\"", page);
        var state = (await app.Data.QueryAsync<(string Status, int ReopenCount)>("SELECT Status, ReopenCount FROM Threads WHERE Id = @Id", new { Id = id })).Single();
        Assert.Equal(("Reopened", 1), state);

        // The homeowner's own list runs the same ladder: the reopened cycle's solution deadline shows there too.
        var mine = await author.GetStringAsync("/my/complaints");
        var row = mine[mine.IndexOf($"data-number=\"{number}\"", StringComparison.Ordinal)..];
        Assert.Contains("前给出解决方案", row[..row.IndexOf("</li>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Reopen_AfterSevenDays_IsRefused()
    {
        var (number, id, author, _) = await ClosedThreadAsync();
        var form = Forms.Find(await Forms.GetDocumentAsync(author, $"/threads/{number}"), "reopen");
        await app.Data.ScalarAsync<int>("UPDATE Threads SET ClosedAt = @At WHERE Id = @Id", new { Id = id, At = DateTime.UtcNow.AddDays(-8) });

        var late = await Forms.SubmitAsync(author, $"/threads/{number}", form, new Dictionary<string, string?>());

        Assert.NotEqual(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("Closed", await app.Data.ScalarAsync<string>("SELECT Status FROM Threads WHERE Id = @Id", new { Id = id }));
        Assert.DoesNotContain("id=\"follow-up\"", await author.GetStringAsync($"/threads/{number}"));
    }

    [Fact]
    public async Task AwaitingHomeowner_PausesPublicly_AndTheAuthorsReplyResumesTheClock()
    {
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "engineering",
            ["Input.Title"] = "等待业主测试 " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "厨房水管接头漏水，地板已经泡起来了。",
            ["Input.RealName"] = "等待业主", ["Input.Phone"] = "13800004444", ["Input.Unit"] = "3栋303",
        });
        var number = Forms.Location(created)[9..17];
        var id = long.Parse(number[2..]);
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = "请问您哪天在家？" });

        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "await", new Dictionary<string, string?> { ["AwaitRequest"] = "请告知您方便上门的时间。" });
        var waiting = await app.Client().GetStringAsync($"/threads/{number}");
        await Forms.SubmitAsync(author, $"/threads/{number}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "周六全天在家。" });

        Assert.Contains("badge status-awaiting-homeowner", waiting);
        Assert.Contains("12 小时方案计时已暂停", waiting);
        Assert.Contains("等待业主回复", waiting);
        var state = (await app.Data.QueryAsync<(string Status, DateTime? AwaitingHomeownerSince)>(
            "SELECT Status, AwaitingHomeownerSince FROM Threads WHERE Id = @Id", new { Id = id })).Single();
        Assert.Equal(("Answered", (DateTime?)null), state);
        Assert.Equal(1, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE ThreadId = @Id AND Action = 'AwaitHomeowner'", new { Id = id }));
    }
}
