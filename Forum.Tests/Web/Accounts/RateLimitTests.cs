using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Forum.Tests.Web.Accounts;

/// <summary>The real limits, on an app of their own (the other page tests raise them).</summary>
public class RateLimitTests : IAsyncLifetime
{
    private readonly ForumAppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HttpClient Client(string language = "zh-CN")
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static Dictionary<string, string?> Complaint(string title) => new()
    {
        ["Input.Company"] = "shanghai",
        ["Input.Project"] = "sh-binjiang-one",
        ["Input.Category"] = "property",
        ["Input.Title"] = title,
        ["Input.Body"] = "车库照明坏了一个月了，晚上很不安全。",
        ["Input.RealName"] = "周先生",
        ["Input.Phone"] = "021-12345678",
        ["Input.Unit"] = "3栋801",
    };

    [Fact]
    public async Task SecondComplaintWithinAMinute_Is429WithRetryAfter_AndAFriendlyLocalizedPage()
    {
        var client = await Forms.SignInAsync(Client("en"), "homeowner@example.com");

        var first = await Forms.SubmitAsync(client, "/threads/new", "new-thread", Complaint("第一次投诉：车库照明"));
        var second = await Forms.SubmitAsync(client, "/threads/new", "new-thread", Complaint("第二次投诉：车库照明"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var retryAfter = int.Parse(second.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        var page = await second.Content.ReadAsStringAsync();
        Assert.Contains("Too many requests", page);
        Assert.Contains($"please wait {retryAfter} seconds", page);
        // Inside the site's layout: the header, the search box and the language switch stay.
        var document = Forms.Parse(page);
        Assert.NotNull(document.QuerySelector("header.site-header nav.site-nav"));
        Assert.Matches(@"You can send it again at \d{1,2}:\d{2}:\d{2}(\s[AP]M)? \(Asia/Shanghai\)", document.QuerySelector(".retry-at")!.TextContent);
        Assert.Equal(200, (int)(await client.GetAsync("/threads/new")).StatusCode);
    }

    [Fact]
    public async Task RefusedComplaint_ThenTheCorrectedOne_IsAcceptedAtOnce_AndOnlyTheAcceptedOneCounts()
    {
        var client = await Forms.SignInAsync(Client(), "homeowner@example.com");
        var refusedFields = Complaint("");
        var wrongProject = Complaint("另一公司的项目：车库照明");
        wrongProject["Input.Project"] = "sz-bayview-garden";

        var refused = await Forms.SubmitAsync(client, "/threads/new", "new-thread", refusedFields);
        var refusedAgain = await Forms.SubmitAsync(client, "/threads/new", "new-thread", wrongProject);
        var corrected = await Forms.SubmitAsync(client, "/threads/new", "new-thread", Complaint("改正后的投诉：车库照明"));
        var next = await Forms.SubmitAsync(client, "/threads/new", "new-thread", Complaint("紧接着的下一条投诉"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-field=\"Title\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refusedAgain.StatusCode);
        Assert.Contains("data-field=\"Project\"", await refusedAgain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Matches(@"^/threads/T-\d{6}\?posted=1$", Forms.Location(corrected));
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        var page = Forms.Parse(await next.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.Contains("操作过于频繁", page.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task RefusedReply_ThenTheCorrectedOne_IsAcceptedAtOnce()
    {
        var client = await Forms.SignInAsync(Client(), "homeowner@example.com");

        var empty = await Forms.SubmitAsync(client, "/threads/T-000004", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "" });
        var corrected = await Forms.SubmitAsync(client, "/threads/T-000004", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "补充：问题仍然存在。" });
        var tooSoon = await Forms.SubmitAsync(client, "/threads/T-000004", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "再补充一句。" });

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("data-field=\"Body\"", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.InRange(int.Parse(tooSoon.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 10);
    }

    [Fact]
    public async Task RefusedRating_ThenTheCorrectedOne_IsAcceptedAtOnce_AndThenCounts()
    {
        var author = await Forms.SignInAsync(Client(), "homeowner@example.com");
        var created = await Forms.SubmitAsync(author, "/threads/new", "new-thread", Complaint("车库照明维修后请评价"));
        var number = Forms.Location(created)[9..17];
        var staff = await Forms.SignInAsync(Client(), "shanghai.staff@example.com");
        var closed = await Forms.SubmitAsync(staff, $"/staff/threads/{number}", "close", new Dictionary<string, string?> { ["Closing.Summary"] = "灯管已全部更换。" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var noRating = await Forms.SubmitAsync(author, $"/threads/{number}", "confirm", new Dictionary<string, string?> { ["FollowUp.Comment"] = "忘了打分" });
        var rated = await Forms.SubmitAsync(author, $"/threads/{number}", "confirm", new Dictionary<string, string?> { ["FollowUp.Rating"] = "5", ["FollowUp.Comment"] = "很满意" });
        var replyAtOnce = await Forms.SubmitAsync(author, $"/threads/{number}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "再说一句谢谢。" });

        Assert.Equal(HttpStatusCode.OK, noRating.StatusCode);
        Assert.Contains("data-field=\"Rating\"", await noRating.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, replyAtOnce.StatusCode);
    }

    [Fact]
    public async Task SecondReplyWithinTenSeconds_Is429()
    {
        var client = await Forms.SignInAsync(Client(), "homeowner@example.com");

        var first = await Forms.SubmitAsync(client, "/threads/T-000003", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "补充一下情况。" });
        var second = await Forms.SubmitAsync(client, "/threads/T-000003", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "再补充一下。" });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("操作过于频繁", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RegistrationsFromOneAddress_AreLimited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await Forms.SubmitAsync(Client(), "/account/register", "register", new Dictionary<string, string?>
            {
                ["Input.Email"] = $"flood{i}{Guid.NewGuid():N}@example.com",
                ["Input.DisplayName"] = "注册" + i,
                ["Input.Password"] = "pass-word-1",
                ["Input.ConfirmPassword"] = "pass-word-1",
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Redirect, 5).Append(HttpStatusCode.TooManyRequests), statuses);
    }

    [Fact]
    public async Task SignInsFromOneAddress_AreLimited_ButReadingIsNot()
    {
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            codes.Add((await Forms.SubmitAsync(Client(), "/account/sign-in", "sign-in", new Dictionary<string, string?>
            {
                ["Input.Email"] = "nobody@example.com",
                ["Input.Password"] = "wrong-" + i,
            })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, codes[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/account/sign-in")).StatusCode);
    }
}
