using System.Reflection;
using Forum.Core.Complaints;
using Forum.Data.Complaints;
using Forum.Data.Database;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Forum.Tests.Data.Database;

/// <summary>
/// No SQL Server runs here, so every T-SQL text we ship is at least parsed by Microsoft's own T-SQL parser: the
/// migrations, every SQL constant in Forum.Data, and every shape the dynamic list query can take.
/// </summary>
public class SqlServerSyntaxTests
{
    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    private static string Describe(IList<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"));

    public static TheoryData<string> SqlServerMigrations() =>
        new(MigrationRunner.ScriptNames(DatabaseProvider.SqlServer));

    [Theory]
    [MemberData(nameof(SqlServerMigrations))]
    public void Migration_ParsesAsTSql(string scriptName)
    {
        var errors = Parse(MigrationRunner.ReadScript(scriptName));

        Assert.True(errors.Count == 0, $"{scriptName}: {Describe(errors)}");
    }

    /// <summary>Every string constant in Forum.Data that is SQL, by declaring type and name (see RepositoryStatements).</summary>
    public static TheoryData<string, string> SqlConstants()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _) in RepositoryStatements.Constants(DatabaseProvider.SqlServer))
        {
            var dot = name.LastIndexOf('.');
            data.Add(name[..dot], name[(dot + 1)..]);
        }

        return data;
    }

    [Fact]
    public void SqlConstants_AreFound()
    {
        Assert.True(SqlConstants().Count() >= 10, "the reflection that finds the SQL constants found too few");
    }

    [Theory]
    [MemberData(nameof(SqlConstants))]
    public void SqlConstant_WithSqlServerDialect_ParsesAsTSql(string typeName, string fieldName)
    {
        var field = typeof(ForumDatabase).Assembly.GetType(typeName)!
            .GetField(fieldName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        var sql = (string)field.GetRawConstantValue()!;

        // Inserts are sent followed by the dialect's "inserted id" statement; parse them the way they run.
        if (sql.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))
        {
            sql += "\n" + SqlDialect.SqlServer.SelectInsertedId;
        }

        var errors = Parse(sql);
        Assert.True(errors.Count == 0, $"{typeName}.{fieldName}: {Describe(errors)}\n{sql}");
    }

    [Fact]
    public void ThreadListQuery_EveryFilterAndCursorCombination_ParsesAsTSql()
    {
        var cursors = new PageCursor?[] { null, new PageCursor(10, PageDirection.Older), new PageCursor(10, PageDirection.Newer) };
        var count = 0;
        for (var mask = 0; mask < 32; mask++)
        {
            foreach (var cursor in cursors)
            {
                var query = new ThreadListQuery
                {
                    Overdue = (mask & 16) != 0 ? new OverdueOptions(DateTime.UtcNow) : null,
                    CompanyId = (mask & 1) != 0 ? 1 : null,
                    ProjectId = (mask & 2) != 0 ? 2 : null,
                    CategoryId = (mask & 4) != 0 ? 3 : null,
                    Status = (mask & 8) != 0 ? ThreadStatus.Open : null,
                    Cursor = cursor,
                };
                var (sql, _) = ThreadRepository.BuildListSql(SqlDialect.SqlServer, query);
                var errors = Parse(sql);
                Assert.True(errors.Count == 0, $"{Describe(errors)}\n{sql}");
                Assert.Contains("OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY", sql);
                count++;
            }
        }

        Assert.Equal(96, count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StaffQueueQuery_ParsesAsTSql(bool oneCompany)
    {
        var sql = Forum.Data.Moderation.ModerationRepository.QueueSqlFor(SqlDialect.SqlServer, oneCompany);

        Assert.Empty(Parse(sql));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EscalationThreadRead_ParsesAsTSql_WithTheUpdateLockWhenWriting(bool forUpdate)
    {
        var sql = Forum.Data.Complaints.ThreadRecord.StateSqlFor(SqlDialect.SqlServer, forUpdate);

        Assert.Empty(Parse(sql));
        Assert.Equal(forUpdate, sql.Contains("WITH (UPDLOCK, ROWLOCK)", StringComparison.Ordinal));
    }

    [Fact]
    public void AuditQuery_EveryFilterCombination_ParsesAsTSql()
    {
        for (var mask = 0; mask < 32; mask++)
        {
            var query = new Forum.Core.Moderation.AuditQuery(
                (mask & 1) != 0 ? "Close" : null, (mask & 2) != 0 ? 2 : null, (mask & 4) != 0 ? 3 : null, (mask & 8) != 0 ? 100 : null,
                ActorId: (mask & 16) != 0 ? 7 : null);
            var (sql, _) = Forum.Data.Moderation.ModerationRepository.BuildAuditSql(SqlDialect.SqlServer, query);
            Assert.Empty(Parse(sql));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReportQueueQuery_ParsesAsTSql(bool oneCompany) =>
        Assert.Empty(Parse(Forum.Data.Moderation.ReportRepository.ListOpenSqlFor(oneCompany)));

    [Fact]
    public void BriefingNewThreadsQuery_ParsesAsTSql() =>
        Assert.Empty(Parse(Forum.Data.Briefing.StatisticsRepository.NewThreadsSqlFor(SqlDialect.SqlServer)));

    [Theory]
    [InlineData("漏水", false)]
    [InlineData("B栋 电梯噪音 T-000123 elevator", false)]
    [InlineData("楼", true)]
    [InlineData("楼 水", false)]
    [InlineData("电梯 噪音", true)]
    [InlineData("漏水 楼 栋", false)]
    public void SearchQuery_EveryShape_ParsesAsTSql(string text, bool withEveryFilter)
    {
        foreach (var order in Enum.GetValues<Forum.Core.Search.SearchOrder>())
        {
            for (var mask = 0; mask < (withEveryFilter ? 32 : 1); mask++)
            {
                var request = new Forum.Core.Search.SearchRequest
                {
                    Query = Forum.Core.Search.SearchQuery.Parse(text),
                    Order = order,
                    Page = 3,
                    CompanyId = (mask & 1) != 0 ? 1 : null,
                    ProjectId = (mask & 2) != 0 ? 2 : null,
                    CategoryId = (mask & 4) != 0 ? 3 : null,
                    Status = (mask & 8) != 0 ? ThreadStatus.Open : null,
                    Overdue = (mask & 16) != 0 ? new OverdueOptions(DateTime.UtcNow) : null,
                };
                var (sql, _) = Forum.Data.Search.SqlServerSearchStore.Instance.BuildSearch(request);
                var errors = Parse(sql);
                Assert.True(errors.Count == 0, $"{Describe(errors)}\n{sql}");
            }
        }
    }

    [Fact]
    public void SearchIndexWrites_ParseAsTSql()
    {
        var rows = Enumerable.Range(0, Forum.Data.Search.SqlServerSearchStore.RowsPerInsert).Select(i => KeyValuePair.Create("t" + i, i)).ToList();
        var (insert, parameters) = Forum.Data.Search.SqlServerSearchStore.BuildInsertTerms(42, rows);

        Assert.Empty(Parse(insert));
        Assert.True(parameters.ParameterNames.Count() < 2100, "SQL Server takes at most 2,100 parameters");
        Assert.Empty(Parse(Forum.Data.Search.SqlServerSearchStore.Instance.MissingThreadsSql));
        Assert.Empty(Parse(Forum.Data.Search.SearchRepository.BuildTextsSql([1, 2, 3]).Sql));
    }

    [Fact]
    public void Parser_RejectsSqliteOnlySyntax_SoTheTestsAboveMeanSomething()
    {
        Assert.NotEmpty(Parse("SELECT Id FROM Threads ORDER BY Id DESC LIMIT 10"));
        Assert.NotEmpty(Parse("CREATE TABLE X (Id INTEGER PRIMARY KEY AUTOINCREMENT)"));
    }
}
