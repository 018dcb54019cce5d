using Forum.Data.Database;
using Microsoft.Data.SqlClient;

namespace Forum.Tests.Support;

/// <summary>
/// A new, empty, migrated database for one test: a SQLite file in a temp folder, or — when the environment variable
/// <c>FORUM_TEST_SQLSERVER</c> holds a connection string — a new database on that SQL Server, dropped afterwards.
/// Without the variable a SQL Server test is skipped, and says why.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "FORUM_TEST_SQLSERVER";

    private readonly TempDirectory? _directory;
    private readonly string? _sqlServerDatabaseName;
    private readonly string? _sqlServerMaster;

    private TestDatabase(ForumDatabase database, TempDirectory? directory, string? sqlServerDatabaseName, string? sqlServerMaster)
    {
        Database = database;
        _directory = directory;
        _sqlServerDatabaseName = sqlServerDatabaseName;
        _sqlServerMaster = sqlServerMaster;
    }

    public ForumDatabase Database { get; }

    public static string? SqlServerConnectionString => Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Creates and migrates a database; <paramref name="provider"/> is "Sqlite" or "SqlServer" (theory data).</summary>
    public static TestDatabase Create(string provider, bool migrate = true)
    {
        TestDatabase result;
        if (provider == nameof(DatabaseProvider.Sqlite))
        {
            var directory = new TempDirectory();
            result = new TestDatabase(
                new ForumDatabase(DatabaseProvider.Sqlite, ForumDatabase.SqliteConnectionStringFor(directory.Path)),
                directory, null, null);
        }
        else
        {
            var master = SqlServerConnectionString;
            Assert.SkipWhen(master is null,
                $"SQL Server data tests need a server: set {SqlServerVariable} to a connection string (none runs on this machine).");
            var name = "forum_test_" + Guid.NewGuid().ToString("N")[..12];
            var connectionString = new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ToString();
            result = new TestDatabase(new ForumDatabase(DatabaseProvider.SqlServer, connectionString), null, name, master);
        }

        if (migrate)
        {
            MigrationRunner.Apply(result.Database);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _directory?.Dispose();
        if (_sqlServerDatabaseName is not null && _sqlServerMaster is not null)
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(new SqlConnectionStringBuilder(_sqlServerMaster) { InitialCatalog = "master" }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER DATABASE [{_sqlServerDatabaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_sqlServerDatabaseName}];";
            await command.ExecuteNonQueryAsync();
        }
    }
}
