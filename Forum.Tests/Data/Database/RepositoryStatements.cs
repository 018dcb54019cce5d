using System.Reflection;
using Forum.Core.Complaints;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Tests.Data.Database;

/// <summary>
/// Every SQL statement the repositories send, per dialect: the <c>…Sql</c> constants of Forum.Data (and its
/// <c>…SqliteOnly</c> ones on SQLite), plus each shape the dynamic queries can take. The syntax, schema and EXPLAIN
/// checks all run over this one list.
/// </summary>
public static class RepositoryStatements
{
    private static readonly Assembly Data = typeof(ForumDatabase).Assembly;

    /// <summary>Constants that only ever run on SQL Server although their type serves both (named here, with why).</summary>
    private static readonly HashSet<string> SqlServerOnly =
    [
        // The migration lock of several nodes starting at once (sp_getapplock); SQLite has one process per file.
        "Forum.Data.Database.MigrationRunner.AppLockSql",
        // The page-change log read with TOP; its SQLite twin is PageChangeRepository.AfterSqliteOnly.
        "Forum.Data.Caching.PageChangeRepository.SqlServerAfterSql",
    ];

    /// <summary>SQL constants by "Type.Field"; SQL Server-only and SQLite-only ones go to their own dialect only.</summary>
    public static IEnumerable<(string Name, string Sql)> Constants(DatabaseProvider provider)
    {
        foreach (var type in Data.GetTypes())
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field is not { IsLiteral: true } || field.FieldType != typeof(string))
                {
                    continue;
                }

                var sqlServerOnly = type.Name.StartsWith("SqlServer", StringComparison.Ordinal) || SqlServerOnly.Contains($"{type.FullName}.{field.Name}");
                var forThisDialect = provider == DatabaseProvider.SqlServer
                    ? field.Name.EndsWith("Sql", StringComparison.Ordinal)
                    : (field.Name.EndsWith("Sql", StringComparison.Ordinal) && !sqlServerOnly) || field.Name.EndsWith("SqliteOnly", StringComparison.Ordinal);
                if (forThisDialect)
                {
                    yield return ($"{type.FullName}.{field.Name}", (string)field.GetRawConstantValue()!);
                }
            }
        }
    }

    /// <summary>The dynamic queries, in every filter and cursor combination they can take.</summary>
    public static IEnumerable<(string Name, string Sql)> Shapes(DatabaseProvider provider)
    {
        var dialect = SqlDialect.For(provider);
        var cursors = new PageCursor?[] { null, new PageCursor(10, PageDirection.Older), new PageCursor(10, PageDirection.Newer) };
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
                yield return ($"ThreadList[{mask},{cursor?.Direction}]", ThreadRepository.BuildListSql(dialect, query).Sql);
            }
        }

        foreach (var oneCompany in new[] { false, true })
        {
            yield return ($"StaffQueue[{oneCompany}]", Forum.Data.Moderation.ModerationRepository.QueueSqlFor(dialect, oneCompany));
            yield return ($"ReportQueue[{oneCompany}]", Forum.Data.Moderation.ReportRepository.ListOpenSqlFor(oneCompany));
            yield return ($"ThreadState[{oneCompany}]", ThreadRecord.StateSqlFor(dialect, oneCompany));
            var batch = ThreadRecord.StatesSqlFor(dialect, [1, 2, 3], oneCompany);
            yield return ($"ThreadStates[{oneCompany}]", batch.States);
            yield return ($"ThreadStatesEscalated[{oneCompany}]", batch.Escalated);
        }

        for (var mask = 0; mask < 16; mask++)
        {
            var audit = new Forum.Core.Moderation.AuditQuery(
                (mask & 1) != 0 ? "Close" : null, (mask & 2) != 0 ? 2 : null, (mask & 4) != 0 ? 3 : null, (mask & 8) != 0 ? 100 : null);
            yield return ($"Audit[{mask}]", Forum.Data.Moderation.ModerationRepository.BuildAuditSql(dialect, audit).Sql);
        }

        var escalationBatch = Forum.Data.Escalation.EscalationRepository.BatchSqlFor([1, 2, 3]);
        yield return ("EscalationSubjects", escalationBatch.Subjects);
        yield return ("EscalationIds", escalationBatch.Escalations);

        yield return ("BriefingNewThreads", Forum.Data.Briefing.StatisticsRepository.NewThreadsSqlFor(dialect));
        yield return ("SearchTexts", Forum.Data.Search.SearchRepository.BuildTextsSql([1, 2, 3]).Sql);
        yield return ("OutboxLoadClaimed", Forum.Data.Mail.OutboxRepository.LoadClaimedSqlFor([1, 2, 3]).Sql);

        Forum.Data.Search.SearchStore store = provider == DatabaseProvider.SqlServer
            ? Forum.Data.Search.SqlServerSearchStore.Instance
            : Forum.Data.Search.SqliteSearchStore.Instance;
        yield return ("SearchMissingThreads", store.MissingThreadsSql);
        foreach (var text in new[] { "漏水", "B栋 电梯噪音 T-000123 elevator", "楼" })
        {
            foreach (var order in Enum.GetValues<Forum.Core.Search.SearchOrder>())
            {
                for (var mask = 0; mask < 32; mask += 31)
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
                    yield return ($"Search[{text},{order},{mask}]", store.BuildSearch(request).Sql);
                }
            }
        }

        if (provider == DatabaseProvider.SqlServer)
        {
            var rows = Enumerable.Range(0, Forum.Data.Search.SqlServerSearchStore.RowsPerInsert).Select(i => KeyValuePair.Create("t" + i, i)).ToList();
            yield return ("SearchInsertTerms", Forum.Data.Search.SqlServerSearchStore.BuildInsertTerms(42, rows).Sql);
        }
    }

    public static IEnumerable<(string Name, string Sql)> All(DatabaseProvider provider) => Constants(provider).Concat(Shapes(provider));
}
