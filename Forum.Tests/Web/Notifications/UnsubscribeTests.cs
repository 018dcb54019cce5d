using System.Net;
using Forum.Core.Notifications;
using Forum.Web.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Notifications;

/// <summary>
/// One-click unsubscribe (RFC 8058) through the real app: the signed link's POST stops the mail about that complaint
/// with no cookie and no antiforgery token; a GET only shows the confirm page; a forged or altered link is refused.
/// </summary>
public class UnsubscribeTests(AccountsAppFixture app) : IClassFixture<AccountsAppFixture>
{
    private UnsubscribeLinks Links => app.Factory.Services.GetRequiredService<UnsubscribeLinks>();

    private ISubscriptionRepository Subscriptions => app.Factory.Services.GetRequiredService<ISubscriptionRepository>();

    private async Task<long> HomeownerAsync() => await app.Data.ScalarAsync<long>("SELECT Id FROM Users WHERE Email = 'homeowner@example.com'");

    [Fact]
    public async Task OneClickPost_SignedLink_OptsOutOfThatComplaintOnly_WithoutCookieOrToken()
    {
        var user = await HomeownerAsync();
        var url = new Uri(Links.OneClickUrl(user, 2)).PathAndQuery;
        var client = app.Client();
        await Subscriptions.SetFollowingAsync(user, 2, follow: true, DateTime.UtcNow, TestContext.Current.CancellationToken);

        var peek = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var optedOutAfterGet = await Subscriptions.IsOptedOutAsync(user, 2, TestContext.Current.CancellationToken);
        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), TestContext.Current.CancellationToken);
        var twice = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, peek.StatusCode);
        Assert.StartsWith("/unsubscribe?t=", peek.Headers.Location!.ToString());
        Assert.False(optedOutAfterGet);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.True(await Subscriptions.IsOptedOutAsync(user, 2, TestContext.Current.CancellationToken));
        Assert.False(await Subscriptions.IsFollowingAsync(user, 2, TestContext.Current.CancellationToken));
        Assert.False(await Subscriptions.IsOptedOutAsync(user, 3, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Page_ConfirmButton_OptsOut_AndAForgedLinkIsRefusedClearly()
    {
        var user = await HomeownerAsync();
        var page = new Uri(Links.PageUrl(user, 4)).PathAndQuery;
        var client = app.Client();

        var ask = await client.GetStringAsync(page, TestContext.Current.CancellationToken);
        var confirmed = await Forms.SubmitAsync(client, page, "unsubscribe", new Dictionary<string, string?>());
        var forged = await client.GetAsync("/unsubscribe?t=" + Uri.EscapeDataString(Links.Token(user, 4)[..^4] + "AAAA"), TestContext.Current.CancellationToken);
        var forgedPost = await client.PostAsync("/unsubscribe/one-click?t=nonsense", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), TestContext.Current.CancellationToken);

        Assert.Contains("不再接收关于 T-000004 的任何邮件吗？", ask);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("data-unsubscribed", await confirmed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(await Subscriptions.IsOptedOutAsync(user, 4, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("此退订链接无效", await forged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, forgedPost.StatusCode);
    }
}
