using Dapper;
using Forum.Data.Database;

namespace Forum.Tests.Data.Database;

public class MigrationTests
{
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Apply_EmptyDatabase_CreatesSchemaAndJournalsEveryScript(string provider)
    {
        await using var test = TestDatabase.Create(provider, migrate: false);

        var applied = MigrationRunner.Apply(test.Database);

        Assert.Equal(MigrationRunner.ScriptNames(test.Database.Provider), applied);
        await using var connection = await test.Database.OpenAsync();
        Assert.Equal(applied.Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions"));
        Assert.Equal(6, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Categories"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Threads"));
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Apply_Twice_SecondRunAppliesNothing(string provider)
    {
        await using var test = TestDatabase.Create(provider);

        Assert.Empty(MigrationRunner.Apply(test.Database));
    }

    [Fact]
    public void ScriptNames_SameNumbersForBothProviders()
    {
        static IEnumerable<string> Numbers(DatabaseProvider provider) =>
            MigrationRunner.ScriptNames(provider).Select(n => n.Split('.')[^2]);

        Assert.NotEmpty(Numbers(DatabaseProvider.Sqlite));
        Assert.Equal(Numbers(DatabaseProvider.Sqlite), Numbers(DatabaseProvider.SqlServer));
    }

    [Fact]
    public void ScriptNames_MatchTheFilesInDbFolder()
    {
        foreach (var (provider, folder) in new[] { (DatabaseProvider.Sqlite, "sqlite"), (DatabaseProvider.SqlServer, "sqlserver") })
        {
            var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "db", folder), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal(files, MigrationRunner.ScriptNames(provider).Select(n => n[(n.IndexOf(folder + ".", StringComparison.Ordinal) + folder.Length + 1)..]));
        }
    }

    [Fact]
    public async Task Sqlite_File_IsInWalModeWithBusyTimeout()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await using var connection = await test.Database.OpenAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal((int)ForumDatabase.SqliteBusyTimeout.TotalMilliseconds, await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
    }
}
