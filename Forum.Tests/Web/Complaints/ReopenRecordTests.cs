using System.Net;

namespace Forum.Tests.Web.Complaints;

/// <summary>
/// The record is sacred (issue 11): a reopening, through the real forms, adds a cycle and takes nothing away. Every
/// text the public could read before stays public at the same address, and the author still sees the complaint.
/// </summary>
public class ReopenRecordTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static void AssertAllPublic(string page, IEnumerable<string> texts)
    {
        var text = Text(page);
        Assert.All(texts, t => Assert.Contains(t, text));
    }

    [Fact]
    public async Task AuthorReopens_WithAReason_EverythingPublicBeforeStaysPublicAtTheSameAddress_AndTheAuthorStillSeesIt()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var title = "重开留痕测试 " + tag;
        var body = $"次卧飘窗下沿渗水，墙纸起鼓（{tag}）。";
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "engineering",
            ["Input.Title"] = title, ["Input.Body"] = body,
            ["Input.RealName"] = "重开业主", ["Input.Phone"] = "13800006666", ["Input.Unit"] = "6栋606",
        });
        var number = Forms.Location(created)[9..17];
        var address = $"/threads/{number}";
        var official = $"您好，已收到，明天上门查看飘窗（{tag}）。";
        var homeownerReply = $"明天上午在家（{tag}）。";
        var solution = $"飘窗外侧重新打胶，室内墙纸更换（{tag}）。";
        var summary = $"飘窗打胶完成，墙纸已更换（{tag}）。";
        var reason = $"昨晚下雨飘窗又渗水了，请再查一次（{tag}）。";
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "OfficialReply", ["Answer.Body"] = official });
        await Forms.SubmitAsync(author, address, "reply", new Dictionary<string, string?> { ["Reply.Body"] = homeownerReply });
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "Solution", ["Answer.Body"] = solution });
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "close", new Dictionary<string, string?> { ["Closing.Summary"] = summary });
        var before = await app.Client().GetStringAsync(address);
        AssertAllPublic(before, [title, body, official, homeownerReply, solution, summary]);

        var reopened = await Forms.SubmitAsync(author, address, "reopen", new Dictionary<string, string?> { ["reason"] = reason });
        var after = await app.Client().GetAsync(address);
        var afterPage = await after.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("badge status-reopened", afterPage);
        AssertAllPublic(afterPage, [title, body, official, homeownerReply, solution, summary, reason]);
        Assert.Contains("class=\"timeline-closed\"", afterPage);
        Assert.Contains("class=\"timeline-reopened\"", afterPage);

        // A second cycle: solved, closed, confirmed and rated; then staff reopen it. The first closing, the reason,
        // the second closing and its rating all stay.
        var secondSolution = $"更换飘窗密封条并做淋水试验（{tag}）。";
        var secondSummary = $"淋水试验无渗漏，业主确认（{tag}）。";
        var ratingComment = $"第二次修好了（{tag}）";
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "answer", new Dictionary<string, string?> { ["Answer.Kind"] = "Solution", ["Answer.Body"] = secondSolution });
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "close", new Dictionary<string, string?> { ["Closing.Summary"] = secondSummary });
        var rated = await Forms.SubmitAsync(author, address, "confirm", new Dictionary<string, string?> { ["FollowUp.Rating"] = "4", ["FollowUp.Comment"] = ratingComment });
        var ratedPage = await app.Client().GetStringAsync(address);
        AssertAllPublic(ratedPage, [summary, reason, secondSolution, secondSummary, ratingComment, "评分 4/5"]);

        var staffReopened = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "staff-reopen", new Dictionary<string, string?>());
        var last = await app.Client().GetStringAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, staffReopened.StatusCode);
        AssertAllPublic(last, [title, body, official, homeownerReply, solution, summary, reason, secondSolution, secondSummary, ratingComment, "评分 4/5"]);
        Assert.Contains("data-rating=\"4\"", last);
        Assert.Equal(2, Forms.Parse(last).QuerySelectorAll("section.resolution").Length);
        Assert.Equal(2, Forms.Parse(last).QuerySelectorAll("li.timeline-reopened").Length);

        // The author still finds it under My complaints, at the same address, reopened.
        var mine = Forms.Parse(await author.GetStringAsync("/my/complaints"));
        var row = mine.QuerySelector($"li.thread-row[data-number=\"{number}\"]");
        Assert.NotNull(row);
        Assert.Equal(address, row.QuerySelector("a.thread-title")!.GetAttribute("href"));
        Assert.Contains(title, row.TextContent);
        Assert.NotNull(row.QuerySelector(".status-reopened"));
    }
}
