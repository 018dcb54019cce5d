using System.Text.RegularExpressions;
using Forum.Data.Database;
using Microsoft.Data.Sqlite;

namespace Forum.Tests.Data.Database;

/// <summary>
/// The SQLite side of the schema check: SQLite prepares every statement it is asked to EXPLAIN against the real
/// schema, so an unknown table or column fails here, on a database migrated by the real runner.
/// </summary>
public partial class SqliteExplainTests(SqliteExplainTests.MigratedSqlite migrated) : IClassFixture<SqliteExplainTests.MigratedSqlite>
{
    /// <summary>One migrated database for the class: EXPLAIN reads the schema and writes nothing.</summary>
    public sealed class MigratedSqlite : IAsyncDisposable
    {
        public TestDatabase Test { get; } = TestDatabase.Create("Sqlite");

        public ValueTask DisposeAsync() => Test.DisposeAsync();
    }

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex Parameter();

    // Dapper expands "IN @Ids" into "IN (@Ids1, @Ids2 …)" before sending; SQLite needs the parentheses to prepare it.
    [GeneratedRegex(@"\bIN\s+(@\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    public static TheoryData<string> Statements() => new(RepositoryStatements.All(DatabaseProvider.Sqlite).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Statement_PreparesOnTheMigratedSqliteDatabase(string name)
    {
        var (_, sql) = RepositoryStatements.All(DatabaseProvider.Sqlite).First(s => s.Name == name);

        var error = await ExplainAsync(sql);

        Assert.True(error is null, $"{name}: {error}\n{sql}");
    }

    [Theory]
    [InlineData("SELECT Titel FROM Threads", "no such column")]
    [InlineData("SELECT Id FROM Thread", "no such table")]
    public async Task Explain_RefusesAMissingTableOrColumn_SoTheCheckAboveMeansSomething(string sql, string expected) =>
        Assert.Contains(expected, await ExplainAsync(sql));

    private async Task<string?> ExplainAsync(string sql)
    {
        await using var connection = (SqliteConnection)await migrated.Test.Database.OpenAsync();
        sql = ListParameter().Replace(sql, "IN ($1)");
        // A statement list (the dialect's "inserted id" after an INSERT, several UPDATEs) is explained one by one.
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN " + statement;
            foreach (var name in Parameter().Matches(statement).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                command.Parameters.AddWithValue("@" + name, DBNull.Value);
            }

            try
            {
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            }
            catch (SqliteException exception)
            {
                return exception.Message;
            }
        }

        return null;
    }
}
