using System.Diagnostics;
using System.Net;
using System.Runtime;
using System.Text;
using System.Text.RegularExpressions;
using Forum.Web.Configuration;
using Forum.Web.Localization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Forum.Web.Operations;

/// <summary>
/// The server (Kestrel) with a warm-up before it listens. A node that starts cold answers its first readers slowly
/// while .NET compiles the page code again, optimised (tiered compilation): under the full load test the first
/// 20–40 s after a start spent a core on the JIT and answered at p99 1–3 s (README, "Starting warm"). So, before the
/// node takes any traffic, the pages an anonymous reader asks for most (home, lists, complaints, companies, projects,
/// search, scoreboard, sign-in, the feed) are asked for through the app's own pipeline: once in each language and
/// encoding through the output cache, which fills it, then rendered again and again (at least 16 times in each
/// language) until the JIT has settled (it spent under 5% of the time of two rounds in a row compiling), or until
/// <c>Forum:WarmUp:Timeout</c>.
/// <para>
/// Only anonymous GETs: the warm-up writes nothing to the record and signs no one in. Its requests carry the public
/// host (<c>Forum:PublicBaseUrl</c>) and no client address, so the pages it leaves in the output cache are the ones
/// an anonymous reader of that host gets anyway, and it spends no reader's rate limit. A failure is logged and the
/// node starts all the same.
/// </para>
/// </summary>
public sealed partial class WarmingServer(IServer inner, IOptions<ForumOptions> options, ILogger<WarmingServer> logger) : IServer
{
    /// <summary>Asked for in every round; the home page's first complaints, companies and projects are added to them.</summary>
    private static readonly string[] FixedPages =
    [
        "/",
        "/?status=overdue",
        "/scoreboard",
        "/search?q=" + Uri.EscapeDataString("漏水"),
        "/search?q=" + Uri.EscapeDataString("电梯 噪音"),
        "/account/sign-in",
        "/threads/new",
        "/feeds/complaints.atom",
        "/threads/T-0",
    ];

    private static readonly string?[] Encodings = ["br", "gzip", null];

    /// <summary>The share of a round's time the JIT may still spend compiling for the node to count as warm.</summary>
    private const double SettledJitShare = 0.05;

    /// <summary>
    /// Rendered again at least this often: tiered compilation optimises a method after its 30th call, and each round
    /// renders each page twice (once per language). Before that the JIT is quiet only because nothing is due yet.
    /// </summary>
    private const int MinimumRenderRounds = 16;

    public IFeatureCollection Features => inner.Features;

    /// <summary>Whether this request is the warm-up's, rendering a page again (the output cache is not read for it).</summary>
    public static bool RendersEveryTime(HttpContext context) => context.Features.Get<RenderAgain>() is not null;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        if (options.Value.WarmUp.Enabled)
        {
            await WarmUpAsync(application, options.Value.WarmUp.Timeout, cancellationToken);
        }

        await inner.StartAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    private async Task WarmUpAsync<TContext>(IHttpApplication<TContext> application, TimeSpan timeout, CancellationToken cancellationToken) where TContext : notnull
    {
        var elapsed = Stopwatch.StartNew();
        var jitBefore = JitInfo.GetCompilationTime();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var client = new InProcessClient<TContext>(application, new Uri(options.Value.PublicBaseUrl));
        var requests = 0;
        var failures = 0;
        var rounds = 0;
        var settled = false;

        async Task RoundAsync(IEnumerable<(string Page, string Culture, string? Encoding)> work, bool renderAgain)
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2, CancellationToken = deadline.Token }, async (request, token) =>
            {
                Interlocked.Increment(ref requests);
                try
                {
                    var (status, _) = await client.GetAsync(request.Page, request.Culture, request.Encoding, renderAgain, keepBody: false, token);
                    if (status >= 500)
                    {
                        Interlocked.Increment(ref failures);
                        LogFailed(request.Page, status.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
                    }
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    LogFailed(request.Page, e.GetType().Name, e);
                }
            });
        }

        try
        {
            var home = await client.GetAsync("/", CultureSetup.Supported[0], encoding: null, renderAgain: false, keepBody: true, deadline.Token);
            requests++;
            var pages = FixedPages.Concat(LinkedPages(home.Body)).ToList();

            // Once in each language and encoding, through the output cache.
            await RoundAsync(
                from culture in CultureSetup.Supported from encoding in Encodings from page in pages select (page, culture, encoding),
                renderAgain: false);

            // Then rendered again until the JIT has little left to compile.
            var quietRounds = 0;
            while (rounds < MinimumRenderRounds || quietRounds < 2)
            {
                var roundTime = Stopwatch.StartNew();
                var jitAtStart = JitInfo.GetCompilationTime();
                await RoundAsync(from culture in CultureSetup.Supported from page in pages select (page, culture, (string?)"br"), renderAgain: true);
                rounds++;
                quietRounds = (JitInfo.GetCompilationTime() - jitAtStart) < roundTime.Elapsed * SettledJitShare ? quietRounds + 1 : 0;
            }

            settled = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The home page itself failed: the node starts cold rather than not at all.
            Interlocked.Increment(ref failures);
            LogFailed("/", e.GetType().Name, e);
        }

        var jit = (long)(JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        if (settled)
        {
            LogWarmed(requests, rounds, elapsed.ElapsedMilliseconds, jit, failures);
        }
        else
        {
            LogTimedOut(timeout, requests, jit, failures);
        }
    }

    /// <summary>The first complaints, companies and projects the home page links to, as a reader would follow them.</summary>
    public static IEnumerable<string> LinkedPages(string homeHtml)
    {
        var links = PageLink().Matches(homeHtml).Select(m => m.Groups["path"].Value).Distinct().ToList();
        var threads = links.Where(l => l.StartsWith("/threads/T-", StringComparison.Ordinal)).Take(8);
        var companies = links.Where(l => l.StartsWith("/companies/", StringComparison.Ordinal)).Take(2).ToList();
        var projects = links.Where(l => l.StartsWith("/projects/", StringComparison.Ordinal)).Take(2);
        var filtered = companies.Take(1).Select(c => "/?company=" + c["/companies/".Length..] + "&status=open");
        return threads.Concat(companies).Concat(projects).Concat(filtered);
    }

    [GeneratedRegex("href=\"(?<path>/(?:threads/T-[0-9]+|companies/[a-z0-9-]+|projects/[a-z0-9-]+))\"")]
    private static partial Regex PageLink();

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up before listening: {Requests} requests ({Rounds} rounds rendered again) in {Milliseconds} ms, {JitMilliseconds} ms of it compiling; {Failures} failed")]
    private partial void LogWarmed(int requests, int rounds, long milliseconds, long jitMilliseconds, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up stopped at its timeout of {Timeout} before the JIT settled ({Requests} requests, {JitMilliseconds} ms compiling; {Failures} failed); the node listens now")]
    private partial void LogTimedOut(TimeSpan timeout, int requests, long jitMilliseconds, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-up request for {Page} failed: {Reason}")]
    private partial void LogFailed(string page, string reason, Exception? exception);

    /// <summary>Marks a warm-up request that renders its page even when the output cache holds it.</summary>
    private sealed class RenderAgain
    {
        public static readonly RenderAgain Instance = new();
    }

    /// <summary>
    /// One GET through the app's pipeline with no socket: the request, response and body features a server would set,
    /// an anonymous reader on the public host, no client address.
    /// </summary>
    private sealed class InProcessClient<TContext>(IHttpApplication<TContext> application, Uri publicBase) where TContext : notnull
    {
        public async Task<(int Status, string Body)> GetAsync(string pathAndQuery, string culture, string? encoding, bool renderAgain, bool keepBody, CancellationToken cancellationToken)
        {
            var queryAt = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            var request = new HttpRequestFeature
            {
                Protocol = "HTTP/1.1",
                Method = HttpMethods.Get,
                Scheme = publicBase.Scheme,
                PathBase = string.Empty,
                Path = queryAt < 0 ? pathAndQuery : pathAndQuery[..queryAt],
                QueryString = queryAt < 0 ? string.Empty : pathAndQuery[queryAt..],
                RawTarget = pathAndQuery,
            };
            request.Headers.Host = publicBase.Authority;
            request.Headers.Accept = "text/html";
            request.Headers.AcceptLanguage = culture;
            if (encoding is not null)
            {
                request.Headers.AcceptEncoding = encoding;
            }

            using var body = keepBody ? new MemoryStream() : null;
            var response = new HttpResponseFeature();
            var responseBody = new StreamResponseBodyFeature(body ?? Stream.Null);
            var features = new FeatureCollection();
            features.Set<IHttpRequestFeature>(request);
            features.Set<IHttpResponseFeature>(response);
            features.Set<IHttpResponseBodyFeature>(responseBody);
            features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
            features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { ConnectionId = "warm-up", LocalIpAddress = IPAddress.Loopback });
            if (renderAgain)
            {
                features.Set(RenderAgain.Instance);
            }

            var context = application.CreateContext(features);
            Exception? error = null;
            try
            {
                await application.ProcessRequestAsync(context);
                await responseBody.CompleteAsync();
            }
            catch (Exception e)
            {
                error = e;
                throw;
            }
            finally
            {
                application.DisposeContext(context, error);
            }

            return (response.StatusCode, body is null ? string.Empty : Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length));
        }
    }
}
