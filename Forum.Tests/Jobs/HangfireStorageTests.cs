using Forum.Web.Jobs;
using Hangfire.SqlServer;

namespace Forum.Tests.Jobs;

/// <summary>
/// Production runs Hangfire on SQL Server, which no test here can reach: the storage is at least built with the
/// forum's own options, so a wrong option or an incompatible package fails here rather than at a deployment.
/// </summary>
public class HangfireStorageTests
{
    private const string ConnectionString = "Server=127.0.0.1,1;Database=Forum;User Id=forum;Password=unused;TrustServerCertificate=True;Connect Timeout=1";

    [Fact]
    public void SqlServerStorage_WithTheForumsOptions_IsBuiltWithoutAServer()
    {
        // Only the schema install talks to the server; everything else is what the host builds.
        var options = JobsSetup.SqlServerStorageOptions(prepareSchema: false);

        var storage = new SqlServerStorage(ConnectionString, options);

        Assert.Contains("Forum", storage.ToString());
        Assert.Same(Microsoft.Data.SqlClient.SqlClientFactory.Instance, options.SqlClientFactory);
        Assert.Equal(TimeSpan.Zero, options.QueuePollInterval);
        Assert.True(JobsSetup.SqlServerStorageOptions().PrepareSchemaIfNecessary, "the host installs Hangfire's schema at start-up");
    }
}
