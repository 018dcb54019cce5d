using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Data.Sqlite;

namespace Forum.Data.Database;

/// <summary>
/// Applies the numbered scripts of <c>db/sqlite</c> or <c>db/sqlserver</c> (embedded in this assembly) in order,
/// journaled by DbUp in its SchemaVersions table, so each runs once. Never edit an applied script: add a new one.
/// </summary>
public static class MigrationRunner
{
    private const string ResourcePrefix = "Forum.Migrations.";

    public static IReadOnlyList<string> Apply(ForumDatabase database)
    {
        if (database.Provider == DatabaseProvider.SqlServer)
        {
            // Several nodes may start at once: one migrates while the others wait, then find nothing left to do.
            EnsureDatabase.For.SqlDatabase(database.ConnectionString);
            using var connection = new Microsoft.Data.SqlClient.SqlConnection(database.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = AppLockSql;
            command.CommandTimeout = 330;
            command.ExecuteNonQuery();
            return ApplyScripts(database, DeployChanges.To.SqlDatabase(database.ConnectionString));
        }

        return ApplyScripts(database, PrepareSqlite(database));
    }

    // Session-owned: released when the connection closes, after the upgrade.
    private const string AppLockSql = """
        DECLARE @Result int;
        EXEC @Result = sp_getapplock @Resource = N'Forum.Migrations', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 300000;
        IF @Result < 0 THROW 50001, N'Timed out waiting for another node to finish migrating.', 1;
        """;

    private static IReadOnlyList<string> ApplyScripts(ForumDatabase database, UpgradeEngineBuilder builder)
    {
        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(typeof(MigrationRunner).Assembly, name => name.StartsWith(Prefix(database), StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        DatabaseUpgradeResult result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToList();
    }

    /// <summary>The embedded script names for a provider, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames(DatabaseProvider provider) =>
        typeof(MigrationRunner).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix(provider), StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string ReadScript(string resourceName)
    {
        using var stream = typeof(MigrationRunner).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new ArgumentException($"No embedded script {resourceName}.", nameof(resourceName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Prefix(ForumDatabase database) => Prefix(database.Provider);

    private static string Prefix(DatabaseProvider provider) =>
        ResourcePrefix + (provider == DatabaseProvider.Sqlite ? "sqlite." : "sqlserver.");

    private static UpgradeEngineBuilder PrepareSqlite(ForumDatabase database)
    {
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        // WAL lets readers run while a writer writes; it is a property of the file, set once.
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        return DeployChanges.To.SqliteDatabase(database.ConnectionString);
    }

}
