using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Forum.Data.Database;

/// <summary>
/// The one way to reach the database: opens a connection for the configured provider and knows its dialect.
/// Callers own what they open (<c>await using</c>); a transaction never leaves the method that began it.
/// </summary>
public sealed class ForumDatabase
{
    /// <summary>How long a SQLite writer waits for another writer before giving up.</summary>
    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim sqliteWriteGate = new(1, 1);
    private readonly string sqliteOpenPragmas;

    // The settings each pooled native connection was given (two instances on one file share the pool).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, string> SqliteConfigured = [];

    public ForumDatabase(DatabaseProvider provider, string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Normal)
    {
        Provider = provider;
        Synchronous = synchronous;
        sqliteOpenPragmas = $"PRAGMA busy_timeout = {(int)SqliteBusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous.ToString().ToUpperInvariant()};";
        Dialect = SqlDialect.For(provider);
        ConnectionString = provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(connectionString)
            {
                // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout runs out.
                DefaultTimeout = (int)SqliteBusyTimeout.TotalSeconds,
                ForeignKeys = true,
                Pooling = true,
            }.ToString()
            : connectionString;
        DapperSetup.EnsureConfigured();
    }

    public DatabaseProvider Provider { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>SQLite only: when a commit waits for the disk (see <see cref="SqliteSynchronous"/>).</summary>
    public SqliteSynchronous Synchronous { get; }

    /// <summary>A SQLite file path from a data directory: the embedded default.</summary>
    public static string SqliteConnectionStringFor(string dataDirectory) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "forum.db") }.ToString();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new GatedSqliteConnection(ConnectionString, sqliteWriteGate)
            : new SqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection { Handle: { } handle }
                && !(SqliteConfigured.TryGetValue(handle, out var configured) && configured == sqliteOpenPragmas))
            {
                // Settings of the native connection, which the pool keeps open: set once per handle, not per open.
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = sqliteOpenPragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken);
                SqliteConfigured.AddOrUpdate(handle, sqliteOpenPragmas);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
