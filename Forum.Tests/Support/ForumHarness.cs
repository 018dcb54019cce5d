using Forum.Data.Database;
using Forum.Web.Configuration;
using Forum.Web.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Support;

/// <summary>
/// The forum's real services (as the web host composes them) without the web host: one "node" for job tests.
/// Two harnesses on one database are two nodes.
/// </summary>
public sealed class ForumHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _dataDirectory = new();

    public ForumHarness(ForumDatabase database, TimeProvider time, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Forum:DataDirectory"] = _dataDirectory.Path,
                ["Forum:PublicBaseUrl"] = "https://forum.test",
                ["Forum:Jobs:Enabled"] = "false",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddLocalization(o => o.ResourcesPath = "Resources")
            .AddForum(configuration);
        services.AddForumJobs(configuration);
        services.AddSingleton(database);
        services.AddSingleton(time);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static ForumHarness WithSmtp(ForumDatabase database, FakeTimeProvider time, int port, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Forum:Smtp:Host"] = "127.0.0.1", ["Forum:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new(database, time, all);
    }

    public string DataDirectory => _dataDirectory.Path;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _dataDirectory.Dispose();
    }
}
