using System.Net;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Forum.Tests.Web.Operations;

/// <summary>
/// Two forum nodes on one data directory behind one nginx (round-robin), as the README's "Two nodes or more" says:
/// sign-in holds across nodes, a change through one shows on the other, the other's staff console sees a new
/// complaint within 15 s, and the ladder escalates and mails once.
/// </summary>
[Trait("Category", "E2E")]
[Collection(Forum.Tests.E2E.E2ECollection.Name)]
public class TwoNodeTests
{
    private static (ForumAppFactory A, Uri AddressA, ForumAppFactory B, Uri AddressB) Nodes(
        string dataDirectory, IDictionary<string, string?>? more = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Forum:DataDirectory"] = dataDirectory,
            ["Forum:KnownProxies:0"] = "127.0.0.1",
            ["Forum:RateLimits:Enabled"] = "false",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // The first node migrates and loads the demo data; the second finds them there.
        Action<IServiceCollection>? clock = time is null ? null : services => services.AddSingleton(time);
        var a = new ForumAppFactory(settings, clock);
        var addressA = a.StartKestrel();
        var b = new ForumAppFactory(settings, clock);
        return (a, addressA, b, b.StartKestrel());
    }

    private static Dictionary<string, string?> Complaint(string title) => new()
    {
        ["Input.Company"] = "shenzhen",
        ["Input.Project"] = "sz-bayview-garden",
        ["Input.Category"] = "engineering",
        ["Input.Title"] = title,
        ["Input.Body"] = "两台服务器测试：楼道灯坏了一个月没人修。",
        ["Input.RealName"] = "陈大文",
        ["Input.Phone"] = "13812345678",
        ["Input.Unit"] = "5栋1203",
    };

    [Fact]
    public async Task TwoNodes_SignInHoldsOnEither_AReplyThroughOneShowsOnTheOther_EscalationAndMailOnce()
    {
        using var shared = new TempDirectory();
        await using var smtp = await SmtpTestServer.StartAsync();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var (nodeA, addressA, nodeB, addressB) = Nodes(shared.Path, new Dictionary<string, string?>
        {
            ["Forum:Smtp:Host"] = "127.0.0.1",
            ["Forum:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, time);
        await using var a = nodeA;
        await using var b = nodeB;
        await using var nginx = await NginxProxy.StartAsync(addressA, addressB);

        // Signed in through nginx (the form from one node, the post to the other: antiforgery needs the shared keys).
        var cookies = new CookieContainer();
        using var homeowner = NginxProxy.Client(nginx.Http, "127.0.0.2", cookies);
        await Forms.SignInAsync(homeowner, "homeowner@example.com");
        using var straightToA = NginxProxy.Client(addressA, "127.0.0.2", cookies);
        using var straightToB = NginxProxy.Client(addressB, "127.0.0.2", cookies);
        Assert.Equal(HttpStatusCode.OK, (await straightToA.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await straightToB.GetAsync("/account")).StatusCode);

        // A complaint and a reply through nginx; each node's next anonymous page shows the reply.
        var posted = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", Complaint($"两节点测试 {Guid.NewGuid():N}"[..20]));
        var number = Forms.Location(posted)[9..17];
        using var anonymousA = NginxProxy.Client(addressA, "127.0.0.3");
        using var anonymousB = NginxProxy.Client(addressB, "127.0.0.3");
        foreach (var client in new[] { anonymousA, anonymousB })
        {
            Assert.DoesNotContain("第二台服务器的回复", await client.GetStringAsync($"/threads/{number}"));
        }

        var reply = await Forms.SubmitAsync(homeowner, $"/threads/{number}", "reply", new Dictionary<string, string?> { ["Reply.Body"] = "第二台服务器的回复：灯还是不亮。" });
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        foreach (var client in new[] { anonymousA, anonymousB })
        {
            Assert.Contains("第二台服务器的回复", await client.GetStringAsync($"/threads/{number}"));
            Assert.Contains(number, await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("第二台服务器")));
        }

        // Half a day on (the demo data's past is recorded, not mailed), both nodes sweep and deliver at once: each
        // (thread, rung) escalates once, each message is sent once.
        time.Advance(TimeSpan.FromHours(13));
        async Task RunNode(ForumAppFactory node)
        {
            for (var round = 0; round < 3; round++)
            {
                await node.Services.GetRequiredService<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);
                await node.Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(TestContext.Current.CancellationToken);
            }
        }

        await Task.WhenAll(Task.Run(() => RunNode(a)), Task.Run(() => RunNode(b)));

        var data = new TestData(a.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>());
        var escalationMail = await data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE EscalationId IS NOT NULL");
        Assert.True(escalationMail > 0);
        Assert.Equal(0, await data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent' AND Attempts <> 1"));
        var mail = smtp.Received();
        Assert.Equal(await data.ScalarAsync<int>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Sent'"), mail.Count);
        Assert.Equal(mail.Count, mail.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.Equal(mail.Count, mail.Select(m => (m.To, m.Subject)).Distinct().Count());
    }

    [Fact]
    public async Task StaffConsoleOnOneNode_ShowsAComplaintPostedThroughTheOther_Within15Seconds()
    {
        using var shared = new TempDirectory();
        var (nodeA, addressA, nodeB, addressB) = Nodes(shared.Path);
        await using var a = nodeA;
        await using var b = nodeB;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Forum.Tests.E2E.BrowserFixture.ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var staff = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = addressB.ToString(), Locale = "zh-CN" })).NewPageAsync();
        await staff.GotoAsync("/account/sign-in");
        await staff.FillAsync("input[name='Input.Email']", "shenzhen.staff@example.com");
        await staff.FillAsync("input[name='Input.Password']", "Demo-2026!");
        await staff.ClickAsync("main form button[type=submit]");
        await staff.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/$"));
        await staff.GotoAsync("/staff");
        await Expect(staff.Locator("table.queue tbody tr").First).ToBeVisibleAsync();

        using var homeowner = NginxProxy.Client(addressA, "127.0.0.2");
        await Forms.SignInAsync(homeowner, "homeowner@example.com");
        var posted = await Forms.SubmitAsync(homeowner, "/threads/new", "new-thread", Complaint($"控制台跨节点 {Guid.NewGuid():N}"[..20]));
        var number = Forms.Location(posted)[9..17];

        // Node B hears nothing from node A: its console finds the complaint on its 15-second look at the database.
        await Expect(staff.Locator($"table.queue tbody tr[data-number='{number}']")).ToBeVisibleAsync(new() { Timeout = 16_000 });
    }
}
