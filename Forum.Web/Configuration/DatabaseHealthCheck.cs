using Dapper;
using Forum.Data.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Forum.Web.Configuration;

/// <summary><c>/healthz</c> is "ok" only when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(ForumDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", exception);
        }
    }
}
