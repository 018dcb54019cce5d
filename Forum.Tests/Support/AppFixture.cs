namespace Forum.Tests.Support;

/// <summary>One demo-data app shared by the read-only HTTP tests of a class (they never write).</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public ForumAppFactory Factory { get; } = new();

    public HttpClient Client(string? acceptLanguage = "zh-CN")
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
