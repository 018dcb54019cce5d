using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Support;

/// <summary>
/// The real web app on a fresh SQLite file in its own data directory, with the demo data loaded (as someone trying
/// the forum with <c>./run.sh</c> sees it; <c>Forum:DemoData=false</c> starts it as production does). <see cref="StartKestrel"/> puts it on a real loopback port for the browser tests.
/// </summary>
public sealed class ForumAppFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _dataDirectory = new();
    private readonly Dictionary<string, string?> _settings = new();
    private readonly Action<IServiceCollection>? _configureServices;

    public ForumAppFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        _configureServices = configureServices;
        // Page tests want a still world: no background sweep or delivery unless a test asks for them.
        _settings["Forum:Jobs:Enabled"] = "false";
        // Nor a warm-up before Kestrel listens (WarmUpTests turn it on).
        _settings["Forum:WarmUp:Enabled"] = "false";
        // Demo data is off unless asked for (as in production); the page tests read the demo world.
        _settings["Forum:DemoData"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory => _dataDirectory.Path;

    /// <summary>Service changes made after the factory has put its own server (Kestrel or the test server) in place.</summary>
    public Action<IServiceCollection>? ConfigureServicesLast { get; init; }

    /// <summary>Starts Kestrel on a free loopback port and returns its base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Forum:DataDirectory", _dataDirectory.Path);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_configureServices is not null)
        {
            builder.ConfigureTestServices(_configureServices);
        }
    }

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        if (ConfigureServicesLast is { } last)
        {
            builder.ConfigureServices((_, services) => last(services));
        }

        return base.CreateHost(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _dataDirectory.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _dataDirectory.Dispose();
    }
}
