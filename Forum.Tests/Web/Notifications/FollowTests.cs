using System.Net;
using Forum.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Notifications;

/// <summary>
/// The Follow button, the "Followed" tab of My complaints and the account page's mail switches, over HTTP on the real
/// app: antiforgery form posts, post-redirect-get, and what the notifier then reads.
/// </summary>
public class FollowTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private ISubscriptionRepository Subscriptions => app.Factory.Services.GetRequiredService<ISubscriptionRepository>();

    private async Task<string> NewComplaintAsync()
    {
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", new Dictionary<string, string?>
        {
            ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "property",
            ["Input.Title"] = "关注测试 " + Guid.NewGuid().ToString("N")[..6], ["Input.Body"] = "地下车库积水，车都泡了。",
            ["Input.RealName"] = "关注业主", ["Input.Phone"] = "13800005555", ["Input.Unit"] = "6栋606",
        });
        return Forms.Location(created)[9..17];
    }

    private async Task<(HttpClient Client, long Id)> NeighbourAsync()
    {
        var email = $"follower{Guid.NewGuid():N}@example.com";
        await Forms.SubmitAsync(app.Client(), "/account/register", "register", new Dictionary<string, string?>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "关注邻居", ["Input.Password"] = "pass-word-1", ["Input.ConfirmPassword"] = "pass-word-1",
        });
        await app.Data.ExecuteAsync("UPDATE Users SET EmailConfirmed = 1 WHERE Email = @Email", new { Email = email });
        var id = await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = @Email", new { Email = email });
        return (await Forms.SignInAsync(app.Client(), email, "pass-word-1"), id);
    }

    [Fact]
    public async Task FollowButton_PressedTwice_FollowsThenStops_AndTheFollowedTabListsIt()
    {
        var number = await NewComplaintAsync();
        var id = long.Parse(number[2..]);
        var (neighbour, userId) = await NeighbourAsync();

        var page = await Forms.GetDocumentAsync(neighbour, $"/threads/{number}");
        var followed = await Forms.SubmitAsync(neighbour, $"/threads/{number}", Forms.Find(page, $"/threads/{number}/follow"), new Dictionary<string, string?>());
        var afterFollow = await Forms.GetDocumentAsync(neighbour, Forms.Location(followed));
        var tab = await Forms.GetDocumentAsync(neighbour, "/my/followed");
        var stopped = await Forms.SubmitAsync(neighbour, $"/threads/{number}", Forms.Find(afterFollow, $"/threads/{number}/follow"), new Dictionary<string, string?>());
        var afterStop = await Forms.GetDocumentAsync(neighbour, Forms.Location(stopped));
        var emptyTab = await Forms.GetDocumentAsync(neighbour, "/my/followed");

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal($"/threads/{number}?following=1#follow", Forms.Location(followed));
        Assert.Equal("关注", page.QuerySelector("#follow button")!.TextContent.Trim());
        Assert.Equal("取消关注", afterFollow.QuerySelector("#follow button")!.TextContent.Trim());
        Assert.Contains("您已关注此投诉", afterFollow.QuerySelector("#follow .notice")!.TextContent);
        Assert.Equal([number], tab.QuerySelectorAll("li.thread-row").Select(r => r.GetAttribute("data-number")));
        Assert.Equal("/my/followed", tab.QuerySelector("nav.my-tabs a[aria-current=page]")!.GetAttribute("href"));
        Assert.Equal($"/threads/{number}?following=0#follow", Forms.Location(stopped));
        Assert.Equal("关注", afterStop.QuerySelector("#follow button")!.TextContent.Trim());
        Assert.Empty(emptyTab.QuerySelectorAll("li.thread-row"));
        Assert.Contains("还没有关注", emptyTab.Body!.TextContent);
        Assert.False(await Subscriptions.IsFollowingAsync(userId, id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FollowButton_Anonymous_LinksToSignInAndBack_AuthorSeesNone_ForgedPostRefused()
    {
        var number = await NewComplaintAsync();
        var author = await Forms.SignInAsync(app.Client(), "homeowner@example.com");

        var anonymous = await Forms.GetDocumentAsync(app.Client(), $"/threads/{number}");
        var own = await Forms.GetDocumentAsync(author, $"/threads/{number}");
        var forged = await author.PostAsync($"/threads/{number}/follow", new FormUrlEncodedContent(new Dictionary<string, string> { ["follow"] = "1" }), TestContext.Current.CancellationToken);
        var anonymousPost = await app.Client().PostAsync($"/threads/{number}/follow", new FormUrlEncodedContent(new Dictionary<string, string> { ["follow"] = "1" }), TestContext.Current.CancellationToken);

        Assert.Equal($"/account/sign-in?returnUrl={Uri.EscapeDataString($"/threads/{number}#follow")}", anonymous.QuerySelector("#follow a")!.GetAttribute("href"));
        Assert.Null(anonymous.QuerySelector("#follow form"));
        Assert.Null(own.QuerySelector("#follow"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, anonymousPost.StatusCode);
    }

    [Fact]
    public async Task AccountSwitches_UntickTwoKinds_StoredOff_OthersOn_AndShownAsSaved()
    {
        var (neighbour, userId) = await NeighbourAsync();
        var page = await Forms.GetDocumentAsync(neighbour, "/account");
        var form = Forms.Find(page, "notify");
        var values = form.QuerySelectorAll("input[type=hidden]").Cast<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(NotificationKinds.HomeownerKinds.Where(k => k is not NotificationKinds.Moved and not NotificationKinds.Solution)
                .Select(k => new KeyValuePair<string, string>("NotifyKinds", k)));

        var saved = await neighbour.PostAsync("/account", new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
        var html = Forms.Parse(await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var reloaded = await Forms.GetDocumentAsync(neighbour, "/account");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull(html.QuerySelector(".notify-switches .success"));
        Assert.Equal(
            [NotificationKinds.Moved, NotificationKinds.Solution],
            (await Subscriptions.DisabledKindsAsync(userId, TestContext.Current.CancellationToken)).Order(StringComparer.Ordinal));
        Assert.Equal(
            NotificationKinds.HomeownerKinds.Where(k => k is not NotificationKinds.Moved and not NotificationKinds.Solution),
            reloaded.QuerySelectorAll(".notify-switches input[type=checkbox]").Cast<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value));
        Assert.Equal(NotificationKinds.HomeownerKinds.Count, reloaded.QuerySelectorAll(".notify-switches input[type=checkbox]").Length);
    }

    [Fact]
    public async Task AwaitHomeowner_WithoutSayingWhatIsNeeded_Refused_ThreadKeepsRunning_WithIt_Recorded()
    {
        var number = await NewComplaintAsync();
        var id = long.Parse(number[2..]);
        var staff = await Forms.SignInAsync(app.Client(), "shenzhen.staff@example.com");

        var refused = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "await", new Dictionary<string, string?> { ["AwaitRequest"] = "  " });
        var statusAfterRefusal = await app.Data.ScalarAsync<string>("SELECT Status FROM Threads WHERE Id = @Id", new { Id = id });
        await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "await", new Dictionary<string, string?> { ["AwaitRequest"] = "请拍一张漏水处的照片。" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(Forms.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).QuerySelector("#await [data-field=Request]"));
        Assert.Equal("Open", statusAfterRefusal);
        Assert.Equal("AwaitingHomeowner", await app.Data.ScalarAsync<string>("SELECT Status FROM Threads WHERE Id = @Id", new { Id = id }));
        Assert.Equal("请拍一张漏水处的照片。", await app.Data.ScalarAsync<string>(
            "SELECT Text FROM ThreadEvents WHERE ThreadId = @Id AND Kind = 'AwaitingHomeowner'", new { Id = id }));
    }
}
