using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Forum.Data.Database;

/// <summary>
/// The few places where SQLite and SQL Server disagree, in one small type per provider. Repository SQL is written
/// once in the common subset and appends these pieces where needed.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Ends an ordered SELECT after at most <paramref name="parameter"/> rows.</summary>
    public abstract string Limit(string parameter);

    /// <summary>A statement that returns the identity of the row inserted just before it on this connection.</summary>
    public abstract string SelectInsertedId { get; }

    /// <summary>
    /// Table hint for a read that is followed by a write in the same transaction: SQL Server takes an update lock so
    /// that two writers serialise; SQLite needs none (its write transactions already do).
    /// </summary>
    public abstract string UpdateLockHint { get; }

    /// <summary>True when the exception is a unique-key or primary-key violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite,
        DatabaseProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
        public override string Limit(string parameter) => $"LIMIT {parameter}";
        public override string SelectInsertedId => "SELECT last_insert_rowid();";
        public override string UpdateLockHint => "";

        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        public override bool IsUniqueViolation(Exception exception) =>
            exception is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.SqlServer;
        public override string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";
        public override string SelectInsertedId => "SELECT CAST(SCOPE_IDENTITY() AS bigint);";
        public override string UpdateLockHint => " WITH (UPDLOCK, ROWLOCK)";

        // 2627: unique constraint, 2601: unique index.
        public override bool IsUniqueViolation(Exception exception) =>
            exception is SqlException { Number: 2627 or 2601 };
    }
}
