using System.Globalization;
using System.Net;
using System.Text.Json;
using Forum.Core.Escalation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Operations;

/// <summary>
/// <c>/metrics</c> scraped by Debian's real Prometheus, queried with PromQL through its HTTP API; who may read it;
/// and the alert rules an operator loads, checked by promtool.
/// </summary>
public class MetricsTests
{
    [Fact]
    public async Task Prometheus_ScrapesTheForum_PastDeadlineAndEscalationSeriesMatchTheDatabase()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new ForumAppFactory(configureServices: services => services.AddSingleton<TimeProvider>(time));
        var forum = app.StartKestrel();
        var started = time.GetUtcNow().UtcDateTime;
        // The demo data's past escalations are recorded already; half a day on, one sweep escalates the complaints
        // posted shortly before the start (jobs are off in tests), and their mail waits in the outbox.
        time.Advance(TimeSpan.FromHours(13));
        var sweep = await app.Services.GetRequiredService<EscalationSweeper>().SweepAsync(TestContext.Current.CancellationToken);
        Assert.True(sweep.Escalations > 0);
        var data = new TestData(app.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>());
        var unanswered = await data.ScalarAsync<long>("""
            SELECT COUNT(*) FROM Threads t JOIN Escalations e ON e.ThreadId = t.Id AND e.Rung = 'FirstResponse'
            WHERE t.Status <> 'Closed' AND t.IsHidden = 0 AND t.FirstOfficialReplyAt IS NULL
            """);
        // The counter counts what this process escalated, not the demo's recorded past.
        var firstResponseEscalations = await data.ScalarAsync<long>(
            "SELECT COUNT(*) FROM Escalations WHERE Rung = 'FirstResponse' AND EscalatedAt > @Start", new { Start = started });
        var pending = await data.ScalarAsync<long>("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 'Pending'");
        Assert.True(unanswered > 0 && pending > 0);
        using var home = new HttpClient { BaseAddress = forum };
        Assert.Equal(HttpStatusCode.OK, (await home.GetAsync("/")).StatusCode);

        await using var prometheus = await PrometheusAsync(forum);

        Assert.Equal(unanswered, await QueryAsync(prometheus.Url, "forum_complaints_past_deadline{rung=\"FirstResponse\"}"));
        Assert.Equal(firstResponseEscalations, await QueryAsync(prometheus.Url, "sum(forum_escalations_total{rung=\"FirstResponse\"})"));
        Assert.Equal(pending, await QueryAsync(prometheus.Url, "forum_outbox_messages{status=\"pending\"}"));
        Assert.True(await QueryAsync(prometheus.Url, "forum_outbox_oldest_pending_age_seconds") >= 0);
        Assert.True(await QueryAsync(prometheus.Url, "sum(http_server_request_duration_seconds_count{http_route=\"/\"})") >= 1);
        // The runtime's own: how much the JIT has compiled (README, "Starting warm"), the GC, the thread pool.
        Assert.True(await QueryAsync(prometheus.Url, "dotnet_jit_compilation_time_seconds_total") > 0);
        Assert.True(await QueryAsync(prometheus.Url, "dotnet_thread_pool_thread_count_total") >= 1);
    }

    [Theory]
    [InlineData("203.0.113.9", "", HttpStatusCode.NotFound)]
    [InlineData("203.0.113.9", "203.0.113.0/24", HttpStatusCode.OK)]
    [InlineData("198.51.100.4", "203.0.113.9", HttpStatusCode.NotFound)]
    [InlineData("127.0.0.1", "", HttpStatusCode.OK)]
    public async Task Metrics_OnlyLoopbackAndConfiguredAddresses_OthersGetTheNotFoundPage(string client, string allowed, HttpStatusCode expected)
    {
        await using var app = new ForumAppFactory(
            new Dictionary<string, string?> { ["Forum:Metrics:AllowedAddresses:0"] = allowed.Length > 0 ? allowed : null },
            services => services.AddSingleton<IStartupFilter>(new ClientAddress(IPAddress.Parse(client))));

        var response = await app.CreateClient().GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == HttpStatusCode.OK == body.Contains("forum_outbox_messages", StringComparison.Ordinal), body[..Math.Min(body.Length, 3000)]);
    }

    [Fact]
    public async Task Metrics_ThroughAProxyTheForumWasNotToldAbout_Refused()
    {
        await using var app = new ForumAppFactory(configureServices: services => services.AddSingleton<IStartupFilter>(new ClientAddress(IPAddress.Loopback)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", "198.51.100.4");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AlertRules_PassPromtool()
    {
        const string promtool = "/usr/bin/promtool";
        Assert.SkipUnless(File.Exists(promtool), "promtool (Debian's prometheus package) is not installed; ./test.sh installs it.");
        await using var check = ServerProcess.Start(promtool, ["check", "rules", Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "forum-alerts.yml")]);
        var lines = await check.WaitForExitAsync();

        Assert.Contains(lines, l => l.Contains("SUCCESS: 6 rules found", StringComparison.Ordinal));
    }

    internal sealed record RunningPrometheus(string Url, ServerProcess Process, TempDirectory Directory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            Directory.Dispose();
        }
    }

    /// <summary>Debian's prometheus on a free loopback port with a temporary config scraping <paramref name="target"/> every second.</summary>
    internal static async Task<RunningPrometheus> PrometheusAsync(Uri target)
    {
        var directory = new TempDirectory();
        var port = SmtpTestServer.FreePort();
        var config = Path.Combine(directory.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: forum
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var process = ServerProcess.Start("/usr/bin/prometheus",
        [
            "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(directory.Path, "tsdb"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--log.level=warn",
        ]);
        var url = $"http://127.0.0.1:{port}";
        await process.WaitForAsync(url + "/-/ready");
        return new RunningPrometheus(url, process, directory);
    }

    /// <summary>The value of a PromQL instant query with one result, once Prometheus has scraped it (a few seconds at most).</summary>
    internal static async Task<double> QueryAsync(string prometheus, string promql)
    {
        using var http = new HttpClient();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        string answer = "";
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            answer = await http.GetStringAsync($"{prometheus}/api/v1/query?query={Uri.EscapeDataString(promql)}");
            using var json = JsonDocument.Parse(answer);
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 1)
            {
                return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{promql}: no single series after 30 s: {answer}");
        return double.NaN;
    }

    /// <summary>Plays a request from another machine: the in-memory test server has no client address of its own.</summary>
    private sealed class ClientAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
