namespace Forum.Data.Database;

/// <summary><c>Forum:Database:Provider</c>: SQLite is the embedded default, SQL Server the production database.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
