using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Data.Database;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Forum.Data.Generator;

/// <summary>
/// Fills a database with synthetic complaints for benchmarks: N threads spread over the last year, newest last, each
/// with a homeowner reply and (for most) an official reply. Ids are assigned here so that posts can point at their
/// thread without a round trip; SQLite gets prepared inserts in large transactions, SQL Server gets SqlBulkCopy.
/// </summary>
public sealed class SyntheticDataGenerator(ForumDatabase database, TimeProvider timeProvider, EscalationPolicy policy)
{
    private const int Batch = 50_000;

    private static readonly string[] Subjects =
        ["卫生间漏水", "客厅墙面裂缝", "电梯噪音大", "地砖空鼓", "外窗渗水", "地下车库渗水", "物业费上涨", "停车费不合理",
         "交付标准不符", "学区承诺未兑现", "小区绿化缩水", "门禁经常失灵", "楼上噪音扰民", "防水层开裂", "燃气管道位置不合理"];

    private const string CatalogSql = """
        SELECT p.Id AS ProjectId, p.CompanyId, (SELECT MIN(Id) FROM Users) AS UserId
        FROM Projects p
        """;

    private const string CategoryIdsSql = "SELECT Id FROM Categories ORDER BY Id";

    private const string StaffSql = "SELECT CompanyId, MIN(Id) AS UserId FROM Users WHERE CompanyId IS NOT NULL GROUP BY CompanyId";

    private const string MaxIdsSql = "SELECT (SELECT COALESCE(MAX(Id), 0) FROM Threads) AS ThreadId, (SELECT COALESCE(MAX(Id), 0) FROM Posts) AS PostId";

    public sealed record Result(int Threads, int Posts, TimeSpan Elapsed);

    public async Task<Result> GenerateAsync(int threadCount, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threadCount);
        var stopwatch = Stopwatch.StartNew();

        await using var connection = await database.OpenAsync(cancellationToken);
        var projects = (await connection.QueryAsync<(long ProjectId, long CompanyId, long UserId)>(CatalogSql)).ToArray();
        var categories = (await connection.QueryAsync<long>(CategoryIdsSql)).ToArray();
        var staff = (await connection.QueryAsync<(long CompanyId, long UserId)>(StaffSql)).ToDictionary(s => s.CompanyId, s => s.UserId);
        if (projects.Length == 0 || categories.Length == 0)
        {
            throw new InvalidOperationException("The database has no projects or categories: load the demo data first.");
        }

        var (firstThreadId, firstPostId) = await connection.QuerySingleAsync<(long, long)>(MaxIdsSql);
        var rows = new RowSource(projects, categories, staff, timeProvider.GetUtcNow().UtcDateTime, threadCount, firstThreadId + 1, firstPostId + 1, policy);

        var posts = database.Provider == DatabaseProvider.Sqlite
            ? await WriteSqliteAsync((SqliteConnection)connection, rows, progress, cancellationToken)
            : await WriteSqlServerAsync((SqlConnection)connection, rows, progress, cancellationToken);

        // The record of what the rows say happened: posting and each reply, as the writers would have appended them.
        await connection.ExecuteAsync(new CommandDefinition(InsertEventsSql,
            new { First = firstThreadId + 1, Last = firstThreadId + threadCount }, commandTimeout: 0, cancellationToken: cancellationToken));
        return new Result(threadCount, posts, stopwatch.Elapsed);
    }

    private const string InsertThreadSql = """
        INSERT INTO Threads (Id, CompanyId, ProjectId, CategoryId, AuthorId, Title, Body, Status, CreatedAt, UpdatedAt,
                             FirstOfficialReplyAt, SolutionProposedAt, ClosedAt, ResolutionSummary, ReplyCount, CoSignCount,
                             ReplyDueAt, SolutionDueAt, DeadlineAt, ReplyLate, SolutionLate, ScheduledAt)
        VALUES (@Id, @CompanyId, @ProjectId, @CategoryId, @AuthorId, @Title, @Body, @Status, @CreatedAt, @UpdatedAt,
                @FirstOfficialReplyAt, @SolutionProposedAt, @ClosedAt, @ResolutionSummary, @ReplyCount, @CoSignCount,
                @ReplyDueAt, @SolutionDueAt, @DeadlineAt, @ReplyLate, @SolutionLate, @ScheduledAt)
        """;

    private const string InsertEventsSql = """
        INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole)
        SELECT Id, 'Posted', 0, CreatedAt, AuthorId, 'Homeowner' FROM Threads WHERE Id >= @First AND Id <= @Last;
        INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, PostId)
        SELECT ThreadId, CASE Kind WHEN 'HomeownerReply' THEN 'Replied' ELSE 'OfficialReply' END, 0, CreatedAt, AuthorId,
               CASE Kind WHEN 'HomeownerReply' THEN 'Homeowner' ELSE 'LocalStaff' END, Id
        FROM Posts WHERE ThreadId >= @First AND ThreadId <= @Last;
        """;

    private const string InsertPostSql = """
        INSERT INTO Posts (Id, ThreadId, Kind, AuthorId, CompanyId, Body, CreatedAt)
        VALUES (@Id, @ThreadId, @Kind, @AuthorId, @CompanyId, @Body, @CreatedAt)
        """;

    private static async Task<int> WriteSqliteAsync(SqliteConnection connection, RowSource rows, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var posts = 0;
        var written = 0;
        while (written < rows.Count)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var threadCommand = Prepare(connection, transaction, InsertThreadSql);
            await using var postCommand = Prepare(connection, transaction, InsertPostSql);
            var end = Math.Min(rows.Count, written + Batch);
            for (; written < end; written++)
            {
                var (thread, threadPosts) = rows.Get(written);
                Bind(threadCommand, thread);
                await threadCommand.ExecuteNonQueryAsync(cancellationToken);
                foreach (var post in threadPosts)
                {
                    Bind(postCommand, post);
                    await postCommand.ExecuteNonQueryAsync(cancellationToken);
                    posts++;
                }
            }

            await transaction.CommitAsync(cancellationToken);
            progress?.Report(written);
        }

        return posts;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(SqliteCommand command, IReadOnlyDictionary<string, object?> values)
    {
        if (command.Parameters.Count == 0)
        {
            foreach (var name in values.Keys)
            {
                command.Parameters.Add(new SqliteParameter("@" + name, null));
            }
        }

        foreach (var (name, value) in values)
        {
            command.Parameters["@" + name].Value = value switch
            {
                null => DBNull.Value,
                DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                bool flag => flag ? 1 : 0,
                _ => value,
            };
        }
    }

    private static async Task<int> WriteSqlServerAsync(SqlConnection connection, RowSource rows, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var posts = 0;
        var written = 0;
        while (written < rows.Count)
        {
            var end = Math.Min(rows.Count, written + Batch);
            var threadTable = new DataTable();
            var postTable = new DataTable();
            for (; written < end; written++)
            {
                var (thread, threadPosts) = rows.Get(written);
                AddRow(threadTable, thread);
                foreach (var post in threadPosts)
                {
                    AddRow(postTable, post);
                    posts++;
                }
            }

            await BulkCopyAsync(connection, "dbo.Threads", threadTable, cancellationToken);
            await BulkCopyAsync(connection, "dbo.Posts", postTable, cancellationToken);
            progress?.Report(written);
        }

        return posts;
    }

    private static void AddRow(DataTable table, IReadOnlyDictionary<string, object?> values)
    {
        if (table.Columns.Count == 0)
        {
            // Typed by name, not by the first row's values (which may be null).
            foreach (var name in values.Keys)
            {
                table.Columns.Add(name, name switch
                {
                    _ when name.EndsWith("At", StringComparison.Ordinal) => typeof(DateTime),
                    _ when name.EndsWith("Id", StringComparison.Ordinal) => typeof(long),
                    _ when name.EndsWith("Count", StringComparison.Ordinal) => typeof(int),
                    _ when name.EndsWith("Late", StringComparison.Ordinal) => typeof(bool),
                    _ => typeof(string),
                });
            }
        }

        table.Rows.Add(values.Values.Select(v => v ?? DBNull.Value).ToArray());
    }

    private static async Task BulkCopyAsync(SqlConnection connection, string table, DataTable rows, CancellationToken cancellationToken)
    {
        using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.TableLock, null)
        {
            DestinationTableName = table,
            BatchSize = 10_000,
            BulkCopyTimeout = 0,
        };
        foreach (DataColumn column in rows.Columns)
        {
            bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await bulk.WriteToServerAsync(rows, cancellationToken);
    }

    /// <summary>Deterministic rows: thread i of N is posted at an even step over the past year, oldest first.</summary>
    private sealed class RowSource(
        (long ProjectId, long CompanyId, long UserId)[] projects,
        long[] categories,
        Dictionary<long, long> staff,
        DateTime now,
        int count,
        long firstThreadId,
        long firstPostId,
        EscalationPolicy policy)
    {
        private readonly TimeSpan _step = TimeSpan.FromDays(365) / Math.Max(1, count);
        private long _nextPostId = firstPostId;

        public int Count => count;

        public (Dictionary<string, object?> Thread, List<Dictionary<string, object?>> Posts) Get(int index)
        {
            var id = firstThreadId + index;
            var project = projects[index % projects.Length];
            var createdAt = now - TimeSpan.FromDays(365) + (_step * index);
            var age = now - createdAt;
            var answered = age > TimeSpan.FromHours(3) || index % 3 == 0;
            var solved = answered && age > TimeSpan.FromHours(12) && index % 5 != 0;
            var closed = solved && age > TimeSpan.FromDays(7);
            var status = closed ? ThreadStatus.Closed : solved ? ThreadStatus.SolutionProposed : answered ? ThreadStatus.Answered : ThreadStatus.Open;
            var subject = Subjects[index % Subjects.Length];
            var answeredAt = createdAt + TimeSpan.FromMinutes(20 + (index % 300));

            var posts = new List<Dictionary<string, object?>>
            {
                Post(id, PostKind.HomeownerReply, project.UserId, null, "补充一下：问题已经持续一段时间了，请尽快处理。", createdAt + TimeSpan.FromMinutes(5)),
            };
            if (answered && staff.TryGetValue(project.CompanyId, out var staffId))
            {
                posts.Add(Post(id, PostKind.OfficialReply, staffId, project.CompanyId, "您好，已收到您的反馈，工程部将尽快上门查看。", answeredAt));
            }

            var thread = new Dictionary<string, object?>
            {
                ["Id"] = id,
                ["CompanyId"] = project.CompanyId,
                ["ProjectId"] = project.ProjectId,
                ["CategoryId"] = categories[index % 7 == 0 ? (index / 7) % categories.Length : 0],
                ["AuthorId"] = project.UserId,
                ["Title"] = $"{(index % 30) + 1}栋{(index % 28) + 1:D2}0{(index % 4) + 1}{subject}",
                ["Body"] = $"我家{(index % 30) + 1}栋{subject}，已经反映多次，希望尽快解决。合成数据 #{id}",
                ["Status"] = status.ToString(),
                ["CreatedAt"] = createdAt,
                ["UpdatedAt"] = answered ? answeredAt : createdAt,
                ["FirstOfficialReplyAt"] = answered ? answeredAt : null,
                ["SolutionProposedAt"] = solved ? answeredAt + TimeSpan.FromHours(2) : null,
                ["ClosedAt"] = closed ? answeredAt + TimeSpan.FromDays(2) : null,
                ["ResolutionSummary"] = closed ? "已维修完毕，业主确认。" : null,
                ["ReplyCount"] = posts.Count,
                ["CoSignCount"] = index % 11,
            };
            AddSchedule(thread, status, createdAt, answered ? answeredAt : null, solved ? answeredAt + TimeSpan.FromHours(2) : null,
                closed ? answeredAt + TimeSpan.FromDays(2) : null, index % 11);
            return (thread, posts);
        }

        // What the writers would have stored, decided by the policy as each act happened: posted, answered, solved, closed.
        private void AddSchedule(Dictionary<string, object?> thread, ThreadStatus status, DateTime createdAt, DateTime? answeredAt, DateTime? solvedAt, DateTime? closedAt, int coSigns)
        {
            var posted = new EscalationState { CreatedAt = createdAt, Status = ThreadStatus.Open, CoSignCount = coSigns };
            var stopped = new List<StoppedClock>();
            var state = posted;
            foreach (var (at, next) in new (DateTime? At, Func<EscalationState, EscalationState> Next)[]
            {
                (answeredAt, s => s with { FirstOfficialReplyAt = answeredAt, Status = ThreadStatus.Answered }),
                (solvedAt, s => s with { SolutionProposedAt = solvedAt, Status = ThreadStatus.SolutionProposed }),
                (closedAt, s => s with { Status = ThreadStatus.Closed }),
            })
            {
                if (at is { } when)
                {
                    var after = next(state);
                    stopped.AddRange(policy.Stopped(state, after, when));
                    state = after;
                }
            }

            var schedule = policy.Schedule(state with { Status = status });
            thread["ReplyDueAt"] = schedule.ReplyDueAt;
            thread["SolutionDueAt"] = schedule.SolutionDueAt;
            thread["DeadlineAt"] = schedule.DeadlineAt;
            thread["ReplyLate"] = stopped.FirstOrDefault(c => c.Rung == EscalationRung.FirstResponse)?.Late;
            thread["SolutionLate"] = stopped.FirstOrDefault(c => c.Rung == EscalationRung.Solution)?.Late;
            thread["ScheduledAt"] = createdAt;
        }

        private Dictionary<string, object?> Post(long threadId, PostKind kind, long authorId, long? companyId, string body, DateTime at) => new()
        {
            ["Id"] = _nextPostId++,
            ["ThreadId"] = threadId,
            ["Kind"] = kind.ToString(),
            ["AuthorId"] = authorId,
            ["CompanyId"] = companyId,
            ["Body"] = body,
            ["CreatedAt"] = at,
        };
    }
}
