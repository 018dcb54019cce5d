using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Forum.Bench;

/// <summary>
/// <c>load-test --url http://127.0.0.1:5190 --duration 600 --homeowners 200 --readers 1000 --threads 1000000</c>:
/// homeowners who sign in, post a complaint and keep replying to it, and anonymous readers browsing the home page,
/// lists, complaints, companies and search, all at once against one running node, for a bounded time. Prints the
/// requests, errors and page latency (p50, p95, p99) of each kind. Loopback only: it refuses any other host.
/// The node under test should run with <c>Forum__RateLimits__Enabled=false</c> (every homeowner is the demo
/// homeowner, so the per-account limits would refuse most posts).
/// </summary>
public static partial class LoadTestCommand
{
    private static readonly string[] Words = ["漏水", "电梯", "噪音", "裂缝", "物业费", "停车", "渗水", "门禁"];
    private static readonly string[] Companies = ["shenzhen", "shanghai", "beijing", "guangzhou"];

    /// <summary>Started when the load starts.</summary>
    private static readonly Stopwatch Clock = new();

    private sealed class Stats
    {
        /// <summary>When each request finished (seconds from the load's start), and its time.</summary>
        public ConcurrentQueue<(double Second, double Millis)> Timings { get; } = new();

        public IEnumerable<double> Millis => Timings.Select(t => t.Millis);

        public void Record(double millis) => Timings.Enqueue((Clock.Elapsed.TotalSeconds, millis));

        private long _errors;
        public long Errors => Interlocked.Read(ref _errors);
        public void Error() => Interlocked.Increment(ref _errors);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var url = new Uri(Arg("--url", "http://127.0.0.1:5190"));
        var duration = TimeSpan.FromSeconds(int.Parse(Arg("--duration", "600"), CultureInfo.InvariantCulture));
        var homeowners = int.Parse(Arg("--homeowners", "200"), CultureInfo.InvariantCulture);
        var readers = int.Parse(Arg("--readers", "1000"), CultureInfo.InvariantCulture);
        var threads = int.Parse(Arg("--threads", "1000"), CultureInfo.InvariantCulture);
        if (!url.IsLoopback)
        {
            await Console.Error.WriteLineAsync("load-test runs against a loopback address only (127.0.0.1, ::1, localhost).");
            return 2;
        }

        var stats = new ConcurrentDictionary<string, Stats>();
        using var stop = new CancellationTokenSource();
        var shared = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        shared.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        // One sign-in (a password hash costs ~100 ms of CPU), its cookies shared: each homeowner keeps its own session.
        var signedIn = await SignInAsync(url);
        var clients = Enumerable.Range(0, homeowners).Select(_ =>
        {
            var cookies = new CookieContainer();
            cookies.Add(signedIn.GetAllCookies());
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
            return client;
        }).ToList();

        Console.WriteLine($"load: {homeowners} homeowners, {readers} readers, {duration.TotalSeconds:N0} s against {url}");
        Clock.Restart();
        stop.CancelAfter(duration);
        var tasks = clients.Select((client, i) => HomeownerAsync(client, i, stats, stop.Token))
            .Concat(Enumerable.Range(0, readers).Select(i => ReaderAsync(shared, i, threads, stats, stop.Token)))
            .ToList();
        await Task.WhenAll(tasks);
        var seconds = Clock.Elapsed.TotalSeconds;

        Console.WriteLine($"{"kind",-22} {"requests",9} {"errors",7} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        foreach (var (kind, s) in stats.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Print(kind, s.Millis.ToArray(), s.Errors, seconds);
        }

        var gets = stats.Where(k => k.Key.StartsWith("GET", StringComparison.Ordinal)).Select(k => k.Value).ToList();
        var posts = stats.Where(k => k.Key.StartsWith("POST", StringComparison.Ordinal)).Select(k => k.Value).ToList();
        var pages = gets.SelectMany(s => s.Timings).ToList();
        Print("all pages (GET)", pages.Select(p => p.Millis).ToArray(), gets.Sum(s => s.Errors), seconds);
        Print("all writes (POST)", posts.SelectMany(s => s.Millis).ToArray(), posts.Sum(s => s.Errors), seconds);

        // Page latency minute by minute: a cold start (the first minute, while .NET compiles hot code again,
        // optimised) shows apart from the steady state.
        Console.WriteLine($"{"pages by minute",-22} {"requests",9} {"",7} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        foreach (var minute in pages.GroupBy(p => (int)(p.Second / 60)).OrderBy(g => g.Key))
        {
            Print($"  minute {minute.Key + 1}", minute.Select(p => p.Millis).ToArray(), 0, 60);
            if (minute.Key == 0)
            {
                // The first minute by ten seconds: whether a slow start is a burst at the beginning or spread out.
                foreach (var window in minute.GroupBy(p => (int)(p.Second / 10)).OrderBy(g => g.Key))
                {
                    Print($"    {window.Key * 10,2}–{window.Key * 10 + 10} s", window.Select(p => p.Millis).ToArray(), 0, 10);
                }
            }
        }

        var steady = pages.Where(p => p.Second >= 60).Select(p => p.Millis).ToArray();
        Print("pages after minute 1", steady, 0, Math.Max(1, seconds - 60));
        return 0;
    }

    private static void Print(string kind, double[] millis, long errors, double seconds)
    {
        Array.Sort(millis);
        double P(double q) => millis.Length == 0 ? 0 : millis[Math.Min(millis.Length - 1, (int)(q * millis.Length))];
        Console.WriteLine($"{kind,-22} {millis.Length,9:N0} {errors,7:N0} {millis.Length / seconds,8:N1} {P(0.50),8:F1} {P(0.95),8:F1} {P(0.99),8:F1}");
    }

    private static async Task<CookieContainer> SignInAsync(Uri url)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await SubmitAsync(client, "/account/sign-in", "sign-in", new() { ["Input.Email"] = "homeowner@example.com", ["Input.Password"] = "Demo-2026!" });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
        }

        return cookies;
    }

    private static async Task HomeownerAsync(HttpClient client, int index, ConcurrentDictionary<string, Stats> stats, CancellationToken stop)
    {
        var random = new Random(index);
        string? thread = null;
        try
        {
            await Task.Delay(random.Next(0, 10_000), stop);
            while (!stop.IsCancellationRequested)
            {
                if (thread is null)
                {
                    var form = await TimedGetAsync(client, "/threads/new", "GET new complaint form", stats);
                    var created = await TimedPostAsync(client, "/threads/new", form, "POST new complaint", stats, new()
                    {
                        ["Input.Company"] = "shenzhen", ["Input.Project"] = "sz-bayview-garden", ["Input.Category"] = "engineering",
                        ["Input.Title"] = $"压测投诉 {index} 卫生间漏水", ["Input.Body"] = "负载测试：楼上漏水到我家卫生间，已经三天了。",
                        ["Input.RealName"] = "压测业主", ["Input.Phone"] = "13800000000", ["Input.Unit"] = "1栋101",
                    }, handler: "new-thread");
                    thread = created?.Headers.Location?.ToString() is { } location ? new Uri(client.BaseAddress!, location).AbsolutePath : null;
                }
                else
                {
                    var page = await TimedGetAsync(client, thread, "GET own complaint", stats);
                    await TimedPostAsync(client, thread, page, "POST reply", stats, new() { ["Reply.Body"] = $"负载测试回复 {random.Next():x}" }, handler: "reply");
                }

                await Task.Delay(random.Next(5_000, 15_000), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task ReaderAsync(HttpClient client, int index, int threads, ConcurrentDictionary<string, Stats> stats, CancellationToken stop)
    {
        var random = new Random(1_000_000 + index);
        try
        {
            await Task.Delay(random.Next(0, 3_000), stop);
            while (!stop.IsCancellationRequested)
            {
                var roll = random.Next(100);
                var (kind, path) = roll switch
                {
                    < 35 => ("GET home", "/"),
                    < 65 => ("GET complaint", "/threads/T-" + random.Next(1, threads + 1).ToString("D6", CultureInfo.InvariantCulture)),
                    < 75 => ("GET company", "/companies/" + Companies[random.Next(Companies.Length)]),
                    < 85 => ("GET filtered list", "/?company=" + Companies[random.Next(Companies.Length)] + "&status=open"),
                    < 95 => ("GET search", "/search?q=" + Uri.EscapeDataString(Words[random.Next(Words.Length)])),
                    _ => ("GET scoreboard", "/scoreboard"),
                };
                await TimedGetAsync(client, path, kind, stats, allowNotFound: true);
                await Task.Delay(random.Next(1_000, 3_000), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task<string> TimedGetAsync(HttpClient client, string path, string kind, ConcurrentDictionary<string, Stats> stats, bool allowNotFound = false)
    {
        var s = stats.GetOrAdd(kind, _ => new Stats());
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(path, CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            s.Record(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode && !(allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
            {
                s.Error();
            }

            return body;
        }
        catch (HttpRequestException)
        {
            s.Error();
            return "";
        }
        catch (TaskCanceledException)
        {
            s.Error();
            return "";
        }
    }

    private static async Task<HttpResponseMessage?> TimedPostAsync(HttpClient client, string path, string page, string kind, ConcurrentDictionary<string, Stats> stats, Dictionary<string, string> fields, string? handler = null)
    {
        var s = stats.GetOrAdd(kind, _ => new Stats());
        var values = HiddenFields(page, handler);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var response = await client.PostAsync(path, new FormUrlEncodedContent(values), CancellationToken.None);
            s.Record(watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                s.Error();
            }

            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            s.Error();
            return null;
        }
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pagePath, string handler, Dictionary<string, string> fields)
    {
        var values = HiddenFields(await client.GetStringAsync(pagePath), handler);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(pagePath, new FormUrlEncodedContent(values));
    }

    /// <summary>The hidden inputs of the page's form named <paramref name="handler"/> (or of its first form).</summary>
    private static Dictionary<string, string> HiddenFields(string html, string? handler)
    {
        var forms = FormPattern().Matches(html).Select(m => m.Value).ToList();
        var form = forms.FirstOrDefault(f => handler is null || f.Contains($"value=\"{handler}\"", StringComparison.Ordinal)) ?? "";
        return HiddenPattern().Matches(form).DistinctBy(m => m.Groups["name"].Value)
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    [GeneratedRegex("<form[^>]*method=\"post\".*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenPattern();
}
