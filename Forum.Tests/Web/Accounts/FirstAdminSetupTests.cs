using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Forum.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Forum.Tests.Web.Accounts;

/// <summary>A production start (no demo data) has no known account and offers the first administrator a one-time link.</summary>
public partial class FirstAdminSetupTests
{
    /// <summary>What the app writes to its log, as the console would show it.</summary>
    private sealed class ConsoleCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConsoleCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Lines.Enqueue($"{logLevel}: {category}: {formatter(state, exception)}");
        }
    }

    [GeneratedRegex(@"http://localhost:5000(/account/setup\?token=[A-Za-z0-9_\-]+)")]
    private static partial Regex SetupLink();

    private static (ForumAppFactory App, ConsoleCapture Console) Start(bool demoData)
    {
        var console = new ConsoleCapture();
        var app = new ForumAppFactory(
            new Dictionary<string, string?> { ["Forum:DemoData"] = demoData ? "true" : "false", ["Forum:RateLimits:Enabled"] = "false" },
            services => services.AddSingleton<ILoggerProvider>(console));
        _ = app.Server;
        return (app, console);
    }

    private static HttpClient Client(ForumAppFactory app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static Dictionary<string, string?> Admin(string email) => new()
    {
        ["Input.Email"] = email, ["Input.DisplayName"] = "总部管理员", ["Input.Password"] = "first-admin-1", ["Input.ConfirmPassword"] = "first-admin-1",
    };

    private static TestData Data(ForumAppFactory app) => new(app.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>());

    [Fact]
    public async Task Start_WithoutDemoData_CreatesNoAccount_AndPrintsAOneTimeSetupLink()
    {
        var (app, console) = Start(demoData: false);
        await using var _ = app;

        var demoAdmin = await Forms.SubmitAsync(Client(app), "/account/sign-in", "sign-in", new Dictionary<string, string?>
        {
            ["Input.Email"] = "admin@example.com", ["Input.Password"] = "Demo-2026!",
        });

        Assert.Equal(0, await Data(app).ScalarAsync<int>("SELECT COUNT(*) FROM Users"));
        Assert.Equal(HttpStatusCode.OK, demoAdmin.StatusCode);
        Assert.Contains("邮箱或密码不正确", await demoAdmin.Content.ReadAsStringAsync());
        var line = Assert.Single(console.Lines, l => l.Contains("/account/setup?token=", StringComparison.Ordinal));
        Assert.StartsWith("Warning: Forum.Setup:", line);
        Assert.Matches(SetupLink(), line);
    }

    [Fact]
    public async Task SetupLink_CreatesTheFirstAdmin_ThenStopsWorking_AndSoDoesEveryOtherLink()
    {
        var (app, console) = Start(demoData: false);
        await using var _ = app;
        var link = SetupLink().Match(console.Lines.Single(l => l.Contains("/account/setup", StringComparison.Ordinal))).Groups[1].Value;
        string other;
        using (var scope = app.Services.CreateScope())
        {
            other = SetupLink().Match((await scope.ServiceProvider.GetRequiredService<FirstAdminSetup>().IssueLinkAsync())!).Groups[1].Value;
        }

        var client = Client(app);
        var form = Forms.Find(await Forms.GetDocumentAsync(client, link), "setup");
        var email = $"first.admin{Guid.NewGuid():N}@example.com";
        var created = await Forms.SubmitAsync(client, link, form, Admin(email));
        var replayed = await Forms.SubmitAsync(client, link, form, Admin("second." + email));
        var reopened = await Client(app).GetStringAsync(link);
        var otherLink = await Client(app).GetStringAsync(other);
        var forged = await Client(app).GetStringAsync("/account/setup?token=" + link[(link.IndexOf('=') + 1)..^4] + "AAAA");
        var admin = await Forms.SignInAsync(Client(app), email, "first-admin-1");

        Assert.Contains("data-outcome=\"Created\"", await created.Content.ReadAsStringAsync());
        // The used link's page no longer carries the form, so Blazor refuses the replayed post outright.
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("data-outcome=\"Invalid\"", reopened);
        Assert.Contains("data-outcome=\"Invalid\"", otherLink);
        Assert.Contains("data-outcome=\"Invalid\"", forged);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
        Assert.Equal(1, await Data(app).ScalarAsync<int>("SELECT COUNT(*) FROM UserRoles WHERE Role = 'Admin'"));
        Assert.Equal(1, await Data(app).ScalarAsync<int>("SELECT COUNT(*) FROM Users"));
    }

    [Fact]
    public async Task SetupLink_BadInput_KeepsTheLinkAndTheTypedValues()
    {
        var (app, console) = Start(demoData: false);
        await using var _ = app;
        var link = SetupLink().Match(console.Lines.Single(l => l.Contains("/account/setup", StringComparison.Ordinal))).Groups[1].Value;
        var client = Client(app);
        var form = Forms.Find(await Forms.GetDocumentAsync(client, link), "setup");

        var refused = await Forms.SubmitAsync(client, link, form, new Dictionary<string, string?>
        {
            ["Input.Email"] = "boss@example.com", ["Input.DisplayName"] = "总部管理员", ["Input.Password"] = "first-admin-1", ["Input.ConfirmPassword"] = "different-1",
        });
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Contains("两次输入的密码不一致", html);
        Assert.Contains("value=\"boss@example.com\"", html);
        Assert.Contains("data-outcome=\"Created\"", await (await Forms.SubmitAsync(client, link, form, Admin("boss@example.com"))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_WithDemoData_HasAnAdministrator_SoPrintsNoSetupLink()
    {
        var (app, console) = Start(demoData: true);
        await using var _ = app;

        Assert.True(await Data(app).ScalarAsync<int>("SELECT COUNT(*) FROM UserRoles WHERE Role = 'Admin'") > 0);
        Assert.DoesNotContain(console.Lines, l => l.Contains("/account/setup", StringComparison.Ordinal));
    }
}
