using System.Net;
using System.Reflection;
using Forum.Core.Briefing;
using Forum.Web.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Forum.Tests.Web.Operations;

/// <summary>
/// Before a node listens, <see cref="WarmingServer"/> asks for the public pages through the app's own pipeline
/// (README, "Starting warm"). These run the real app on Kestrel with the warm-up on, as production starts.
/// </summary>
public class WarmUpTests
{
    private const string PublicHost = "forum.test";

    [Fact]
    public async Task WarmUp_RendersThePublicPages_BeforeTheNodeListens()
    {
        var logs = new FakeLogCollector();
        await using var app = WarmApp(logs);
        var address = app.StartKestrel();

        // Settled, or stopped at the test's short timeout: this process compiles for every test running beside it.
        var warmed = Assert.Single(logs.GetSnapshot(), r => r.Category == typeof(WarmingServer).FullName);
        Assert.Matches(@"^(Warmed up before listening: (?<requests>\d+) requests \(\d+ rounds rendered again\) in \d+ ms, \d+ ms of it compiling; 0 failed"
            + @"|Warm-up stopped at its timeout of 00:00:05 before the JIT settled \((?<requests>\d+) requests, \d+ ms compiling; 0 failed\); the node listens now)$", warmed.Message);
        // At least the first home page and each page once in each language and encoding (9 fixed pages and the demo
        // home's complaints, companies and project).
        Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(warmed.Message, @"(\d+) requests").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 1 + 6 * 9, warmed.Message);

        // The first reader of the public host gets the page the warm-up left in the output cache (Age is the cache's
        // mark), with the headers every response carries.
        using var client = new HttpClient { BaseAddress = address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = PublicHost;
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Age is not null, "the home page was not served from the cache the warm-up filled");
        Assert.Contains("default-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("<html lang=\"en\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WarmUp_RunsInTheForumProcess_BeforeItListens()
    {
        using var data = new TempDirectory();
        await using var forum = await ForumProcess.StartAsync(data.Path, new Dictionary<string, string?> { ["Forum__WarmUp__Timeout"] = "00:00:10" });

        var lines = forum.Lines.ToList();
        var warmed = lines.FindIndex(l => l.Contains("Warmed up before listening:", StringComparison.Ordinal) || l.Contains("Warm-up stopped at its timeout", StringComparison.Ordinal));
        var listening = lines.FindIndex(l => l.Contains("Now listening on", StringComparison.Ordinal));
        Assert.True(warmed >= 0, string.Join('\n', lines));
        Assert.True(listening > warmed, string.Join('\n', lines));
        Assert.Contains("; 0 failed", lines[warmed], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarmUp_WritesNothing_ToTheRecord()
    {
        await using var cold = new ForumAppFactory();
        cold.StartKestrel();
        var coldRows = RowCounts(cold.DataDirectory);

        await using var warm = WarmApp(new FakeLogCollector());
        warm.StartKestrel();
        var warmRows = RowCounts(warm.DataDirectory);

        // The same demo world, started with and without the warm-up: every table holds the same number of rows.
        Assert.NotEmpty(coldRows);
        Assert.Equal(coldRows, warmRows);
    }

    [Fact]
    public async Task APageThatFails_IsLogged_AndTheNodeStartsAllTheSame()
    {
        var logs = new FakeLogCollector();
        await using var app = WarmApp(logs, services =>
        {
            services.AddSingleton(DispatchProxy.Create<IStatisticsRepository, Failing>());
        });
        var address = app.StartKestrel();

        var warnings = logs.GetSnapshot().Where(r => r.Category == typeof(WarmingServer).FullName && r.Message.StartsWith("Warm-up request for", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Equal("Warm-up request for /scoreboard failed: 500", w.Message));
        Assert.Contains(logs.GetSnapshot(), r => r.Category == typeof(WarmingServer).FullName && r.Message.Contains($"; {warnings.Count} failed", StringComparison.Ordinal));

        using var client = new HttpClient { BaseAddress = address };
        Assert.Equal("ok", await client.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task AWarmUpPastItsTimeout_Stops_AndTheNodeListens()
    {
        var logs = new FakeLogCollector();
        await using var app = WarmApp(logs, settings: new() { ["Forum:WarmUp:Timeout"] = "00:00:00" });
        var address = app.StartKestrel();

        Assert.Contains(logs.GetSnapshot(), r => r.Category == typeof(WarmingServer).FullName && r.Level == LogLevel.Warning
            && r.Message.StartsWith("Warm-up stopped at its timeout of 00:00:00 before the JIT settled", StringComparison.Ordinal));
        using var client = new HttpClient { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public void LinkedPages_AreTheFirstComplaintsCompaniesAndProjects_TheHomePageLinks()
    {
        const string html = """
            <a href="/threads/T-000042">T-000042</a><a href="/threads/T-000042">漏水</a>
            <a href="/companies/shenzhen">深圳</a><a href="/projects/sz-bay">湾</a>
            <a href="/threads/T-000041">T-000041</a><a href="/companies/shanghai">上海</a><a href="/companies/beijing">北京</a>
            <a href="/threads/T-000040/photos">x</a><a href="https://evil.example/threads/T-000001">x</a><a href="/staff/threads/T-000039">x</a>
            """;

        Assert.Equal(
            ["/threads/T-000042", "/threads/T-000041", "/companies/shenzhen", "/companies/shanghai", "/projects/sz-bay", "/?company=shenzhen&status=open"],
            WarmingServer.LinkedPages(html));
    }

    private static ForumAppFactory WarmApp(FakeLogCollector logs, Action<IServiceCollection>? configureServices = null, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Forum:WarmUp:Enabled"] = "true",
            ["Forum:WarmUp:Timeout"] = "00:00:05",
            ["Forum:PublicBaseUrl"] = "http://" + PublicHost,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new ForumAppFactory(all, services =>
        {
            services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
            configureServices?.Invoke(services);
        })
        {
            // The factory puts its own Kestrel in place after Program.cs wrapped the app's: wrapped again here, as
            // Program.cs does (WarmUp_RunsInTheForumProcess_BeforeItListens checks Program.cs's own wiring).
            ConfigureServicesLast = services => services.AddForumWarmUp(),
        };
    }

    private static SortedDictionary<string, long> RowCounts(string dataDirectory)
    {
        using var connection = new SqliteConnection(Forum.Data.Database.ForumDatabase.SqliteConnectionStringFor(dataDirectory));
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }

        return counts;
    }

    /// <summary>A statistics repository whose every call fails: the scoreboard answers 500.</summary>
    public class Failing : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException("the statistics are down");
    }
}
