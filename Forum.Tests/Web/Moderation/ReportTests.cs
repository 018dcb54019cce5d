using System.Net;
using Forum.Core.Complaints;

namespace Forum.Tests.Web.Moderation;

public class ReportTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private async Task<HttpClient> NewConfirmedUserAsync()
    {
        var client = app.Client();
        var email = $"reporter{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(client, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "举报人", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });
        await app.Data.ScalarAsync<int>("UPDATE Users SET EmailConfirmed = 1 WHERE Email = @Email", new { Email = email });
        return await Forms.SignInAsync(client, email, "pass-word-1");
    }

    private async Task<(string Number, long PostId, string Marker)> ReplyToReportAsync()
    {
        var homeowner = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var number = ThreadNumber.Format(await app.Data.ScalarAsync<long>(
            "SELECT MAX(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'shenzhen' AND t.IsLocked = 0 AND t.IsHidden = 0"));
        var marker = "SPAM-" + Guid.NewGuid().ToString("N")[..8];
        var body = marker + " 加微信领优惠";
        await Forms.SubmitAsync(homeowner, $"/threads/{number}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = body });
        return (number, await app.Data.ScalarAsync<long>("SELECT Id FROM Posts WHERE Body = @Body", new { Body = body }), marker);
    }

    [Fact]
    public async Task ThreeReports_HideThePostPendingReview_OnePersonCountsOnce_StaffDismissShowsItAgain()
    {
        var (number, postId, marker) = await ReplyToReportAsync();
        var action = $"/posts/{postId}/report";
        var reporters = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            reporters.Add(await NewConfirmedUserAsync());
        }

        var first = await Forms.SubmitAsync(reporters[0], $"/threads/{number}", action, new Dictionary<string, string?> { ["reason"] = "Spam" });
        var again = await Forms.SubmitAsync(reporters[0], $"/threads/{number}", action, new Dictionary<string, string?> { ["reason"] = "Spam" });
        await Forms.SubmitAsync(reporters[1], $"/threads/{number}", action, new Dictionary<string, string?> { ["reason"] = "Spam" });
        var third = await Forms.SubmitAsync(reporters[2], $"/threads/{number}", action, new Dictionary<string, string?> { ["reason"] = "Abuse" });

        Assert.Contains("reported=Counted", Forms.Location(first));
        Assert.Contains("reported=AlreadyReported", Forms.Location(again));
        Assert.Contains("reported=HiddenPendingReview", Forms.Location(third));
        var hiddenPage = await app.Client().GetStringAsync($"/threads/{number}");
        Assert.Contains("该回复被多人举报，已暂时隐藏，等待管理员审核", hiddenPage);
        Assert.DoesNotContain(marker, hiddenPage);

        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var queue = Forms.Parse(await staff.GetStringAsync("/staff/reports"));
        var item = queue.QuerySelector($"article[data-post='{postId}']");
        Assert.NotNull(item);
        Assert.Contains("3 次举报", item.TextContent);
        Assert.Contains("垃圾广告", item.TextContent);
        Assert.Contains("辱骂或威胁", item.TextContent);

        await Forms.SubmitAsync(staff, "/staff/reports", $"dismiss-{postId}", new Dictionary<string, string?>());

        Assert.Contains(marker, await app.Client().GetStringAsync($"/threads/{number}"));
        Assert.Equal(3, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Reports WHERE PostId = @Id AND Status = 'Dismissed'", new { Id = postId }));
    }

    [Fact]
    public async Task StaffUphold_HidesWithTheirReason_AndTheReportLeavesTheQueue()
    {
        var (number, postId, _) = await ReplyToReportAsync();
        var reporter = await NewConfirmedUserAsync();
        await Forms.SubmitAsync(reporter, $"/threads/{number}", $"/posts/{postId}/report", new Dictionary<string, string?> { ["reason"] = "PersonalData", ["note"] = "里面有手机号" });
        var shenzhen = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var shenzhenForm = Forms.Find(await Forms.GetDocumentAsync(shenzhen, "/staff/reports"), $"uphold-{postId}");

        var upheld = await Forms.SubmitAsync(shenzhen, "/staff/reports", shenzhenForm, new Dictionary<string, string?> { ["PublicReason"] = "含个人信息" });

        Assert.Equal(HttpStatusCode.Redirect, upheld.StatusCode);
        Assert.Contains("该回复已被一线公司客服隐藏。原因：含个人信息", await app.Client().GetStringAsync($"/threads/{number}"));
        // Reviewed: it leaves the queue, for HQ too.
        var hq = await Forms.SignInAsync(app.Client(), "hq.staff@example.com");
        Assert.DoesNotContain($"data-post=\"{postId}\"", await hq.GetStringAsync("/staff/reports"));
    }

    [Fact]
    public async Task Report_WithAnotherSessionsToken_Is400_AndNothingIsStored()
    {
        var (number, postId, _) = await ReplyToReportAsync();
        var anonymous = app.Client();
        await anonymous.GetAsync($"/threads/{number}");
        var form = Forms.Find(await Forms.GetDocumentAsync(await NewConfirmedUserAsync(), $"/threads/{number}"), $"/posts/{postId}/report");

        // Someone else's form, replayed without that person's cookie: the token does not match and nothing happens.
        var response = await Forms.SubmitAsync(anonymous, $"/threads/{number}", form, new Dictionary<string, string?> { ["reason"] = "Spam" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.Data.ScalarAsync<int>("SELECT COUNT(*) FROM Reports WHERE PostId = @Id", new { Id = postId }));
    }

    [Fact]
    public async Task AnotherCompanysModerator_DoesNotSeeTheReport_AndAReplayedReviewIs403()
    {
        var (number, postId, marker) = await ReplyToReportAsync();
        await Forms.SubmitAsync(await NewConfirmedUserAsync(), $"/threads/{number}", $"/posts/{postId}/report", new Dictionary<string, string?> { ["reason"] = "Spam" });
        var shenzhen = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");
        var form = Forms.Find(await Forms.GetDocumentAsync(shenzhen, "/staff/reports"), $"uphold-{postId}");
        var beijingEmail = $"bj{Guid.NewGuid():N}@example.com";
        var beijing = app.Client();
        await Forms.SubmitAsync(beijing, "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = beijingEmail, ["Input.DisplayName"] = "北京客服", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });
        await app.Data.ScalarAsync<int>(
            "UPDATE Users SET CompanyId = (SELECT Id FROM Companies WHERE Slug = 'beijing'), EmailConfirmed = 1 WHERE Email = @Email", new { Email = beijingEmail });
        await app.Data.ScalarAsync<int>(
            "INSERT INTO UserRoles (UserId, Role) SELECT Id, 'LocalStaff' FROM Users WHERE Email = @Email", new { Email = beijingEmail });
        await Forms.SignInAsync(beijing, beijingEmail, "pass-word-1");

        var queue = await beijing.GetStringAsync("/staff/reports");
        // Posted with the Shenzhen moderator's form but the Beijing moderator's session: the token does not match.
        var replayed = await Forms.SubmitAsync(beijing, "/staff/reports", form, new Dictionary<string, string?> { ["PublicReason"] = "越权" });

        Assert.DoesNotContain($"data-post=\"{postId}\"", queue);
        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains(marker, await app.Client().GetStringAsync($"/threads/{number}"));
    }
}
