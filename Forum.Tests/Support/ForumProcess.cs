using System.Globalization;

namespace Forum.Tests.Support;

/// <summary>
/// The forum as an operator runs it: <c>dotnet Forum.Web.dll</c> in its own process (the build the tests reference),
/// on a free loopback port and its own data directory, with settings as environment variables.
/// </summary>
public sealed class ForumProcess : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private ForumProcess(ServerProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public IReadOnlyList<string> Lines => _process.Lines;

    public static async Task<ForumProcess> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var port = SmtpTestServer.FreePort();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Forum__DataDirectory"] = dataDirectory,
            ["Forum__DemoData"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "/usr/bin/dotnet";
        var process = ServerProcess.Start(dotnet, [Path.Combine(AppContext.BaseDirectory, "Forum.Web.dll")], environment);
        var forum = new ForumProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await process.WaitForAsync(forum.Address + "healthz", TimeSpan.FromSeconds(120));
        return forum;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
