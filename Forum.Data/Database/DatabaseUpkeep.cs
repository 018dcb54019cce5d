using Dapper;
using Forum.Data.Caching;

namespace Forum.Data.Database;

/// <summary>
/// Planner statistics and log trimming, run on a schedule (the <c>database-upkeep</c> job) and after bulk loads.
/// SQLite keeps no statistics of its own: without them a filtered list can pick the wrong index (a company filter
/// walking the newest threads of every company). SQL Server updates its statistics itself.
/// </summary>
public sealed class DatabaseUpkeep(ForumDatabase database, PageChangeRepository pageChanges)
{
    /// <summary>Rows of the page-change log kept: far more than any node falls behind between two requests.</summary>
    public const int PageChangesKept = 100_000;

    // analysis_limit bounds the work of each ANALYZE that optimize decides to run, so it stays quick on a large file.
    private const string OptimizeSqliteOnly = "PRAGMA analysis_limit = 1000; PRAGMA optimize;";

    private const string AnalyzeSqliteOnly = "ANALYZE;";

    public sealed record Result(bool Optimized, int PageChangesPruned);

    /// <summary>The scheduled pass: <c>PRAGMA optimize</c> on SQLite (re-analyses only what changed), then trims the log.</summary>
    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        var optimized = false;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(OptimizeSqliteOnly, cancellationToken: cancellationToken));
            optimized = true;
        }

        return new Result(optimized, await pageChanges.PruneAsync(PageChangesKept, cancellationToken));
    }

    /// <summary>A full <c>ANALYZE</c> after a bulk load (generated data), when every table's shape has changed.</summary>
    public async Task AnalyzeAsync(CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(AnalyzeSqliteOnly, commandTimeout: 0, cancellationToken: cancellationToken));
    }
}
