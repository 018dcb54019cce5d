using Forum.Data.Database;
using Hangfire;

namespace Forum.Web.Jobs;

/// <summary>Hourly: planner statistics (<c>PRAGMA optimize</c> on SQLite) and trimming the page-change log.</summary>
public sealed class DatabaseUpkeepJob(DatabaseUpkeep upkeep, ILogger<DatabaseUpkeepJob> logger)
{
    public const string RecurringId = "database-upkeep";

    public const string Cron = "17 * * * *";

    [AutomaticRetry(Attempts = 1)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await upkeep.RunAsync(cancellationToken);
        logger.LogInformation("Database upkeep: optimized {Optimized}, {Pruned} page changes trimmed", result.Optimized, result.PageChangesPruned);
    }
}
