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
        Assert.Equal(200, (int)(await client.GetAsync("/threads/new")).StatusCode);
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
