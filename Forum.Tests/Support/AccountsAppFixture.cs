using Microsoft.AspNetCore.Mvc.Testing;

namespace Forum.Tests.Support;

/// <summary>
/// A demo-data app for tests that sign in and post. Rate limits are off so that tests sharing it do not trip
/// each other (the rate-limit tests use their own app with the real limits).
/// </summary>
public sealed class AccountsAppFixture : IAsyncLifetime
{
    public ForumAppFactory Factory { get; } = new(new Dictionary<string, string?> { ["Forum:RateLimits:Enabled"] = "false" });

    public Forum.Data.Database.ForumDatabase Database =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Forum.Data.Database.ForumDatabase>(Factory.Services);

    public TestData Data => new(Database);

    public HttpClient Client(string acceptLanguage = "zh-CN")
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
