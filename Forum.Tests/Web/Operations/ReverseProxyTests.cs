using System.Net;

namespace Forum.Tests.Web.Operations;

/// <summary>
/// The forum behind Debian's real nginx, configured as the README says (Forum:KnownProxies = nginx's address).
/// Clients come from different loopback addresses, so one machine plays several people.
/// </summary>
public class ReverseProxyTests
{
    private const int SignInsPerMinute = 3;

    private static ForumAppFactory Forum() => new(new Dictionary<string, string?>
    {
        ["Forum:KnownProxies:0"] = "127.0.0.1",
        ["Forum:RateLimits:SignInsPerAddressPerMinute"] = SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static Task<HttpResponseMessage> WrongPasswordAsync(HttpClient client, string? forgedForwardedFor = null)
    {
        if (forgedForwardedFor is not null)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forgedForwardedFor);
        }

        return Forms.SubmitAsync(client, "/account/sign-in", "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = "homeowner@example.com",
            ["Input.Password"] = "not-the-password",
        });
    }

    [Fact]
    public async Task RateLimit_ThroughNginx_CountsEachClientsAddress_NotTheProxys()
    {
        await using var app = Forum();
        await using var nginx = await NginxProxy.StartAsync(app.StartKestrel());
        using var first = NginxProxy.Client(nginx.Http, "127.0.0.2");
        using var second = NginxProxy.Client(nginx.Http, "127.0.0.3");

        var firstAnswers = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInsPerMinute; i++)
        {
            firstAnswers.Add((await WrongPasswordAsync(first)).StatusCode);
        }

        var secondAnswer = (await WrongPasswordAsync(second)).StatusCode;

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, SignInsPerMinute), HttpStatusCode.TooManyRequests], firstAnswers);
        Assert.Equal(HttpStatusCode.OK, secondAnswer);
    }

    [Fact]
    public async Task ForgedForwardedFor_FromOutside_IsNotBelieved_ThroughNginxOrStraightToTheForum()
    {
        await using var app = Forum();
        var direct = app.StartKestrel();
        await using var nginx = await NginxProxy.StartAsync(direct);
        using var forger = NginxProxy.Client(nginx.Http, "127.0.0.4");
        using var straight = NginxProxy.Client(direct, "127.0.0.5");

        // A new address in the header each time would be a new rate-limit bucket each time, if it were believed.
        var throughNginx = new List<HttpStatusCode>();
        var toTheForum = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInsPerMinute; i++)
        {
            throughNginx.Add((await WrongPasswordAsync(forger, $"198.51.100.{i + 1}")).StatusCode);
            toTheForum.Add((await WrongPasswordAsync(straight, $"203.0.113.{i + 1}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, throughNginx[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, toTheForum[^1]);
        Assert.Equal(SignInsPerMinute, throughNginx.Count(s => s == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Cookies_AreSecure_WhenNginxSaysTheSchemeWasHttps_AndNotOverPlainHttp()
    {
        await using var app = Forum();
        await using var nginx = await NginxProxy.StartAsync(app.StartKestrel());
        using var overTls = NginxProxy.Client(nginx.Https, "127.0.0.6");
        using var plain = NginxProxy.Client(nginx.Http, "127.0.0.7");

        var secure = await SignInCookiesAsync(overTls);
        var insecure = await SignInCookiesAsync(plain);

        Assert.Contains(secure, c => c.StartsWith("__Host-Forum.Auth=", StringComparison.Ordinal));
        Assert.Contains(secure, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(secure, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(insecure, c => c.StartsWith(".Forum.Auth=", StringComparison.Ordinal));
        Assert.All(insecure, c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
        // Signed in over TLS, the session holds on the next page.
        Assert.Equal(HttpStatusCode.OK, (await overTls.GetAsync("/account")).StatusCode);
    }

    private static async Task<List<string>> SignInCookiesAsync(HttpClient client)
    {
        var page = await client.GetAsync("/account/sign-in");
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var first) ? first.ToList() : [];
        var document = Forms.Parse(await page.Content.ReadAsStringAsync());
        var response = await Forms.SubmitAsync(client, "/account/sign-in", Forms.Find(document, "sign-in"), new Dictionary<string, string?>
        {
            ["Input.Email"] = "homeowner@example.com",
            ["Input.Password"] = "Demo-2026!",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        cookies.AddRange(response.Headers.TryGetValues("Set-Cookie", out var second) ? second : []);
        return cookies;
    }
}
