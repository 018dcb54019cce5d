using System.Data;
using System.Data.Common;
using Dapper;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Data.Database;

namespace Forum.Data.Complaints;

/// <summary>
/// The two things every write on a complaint does inside its own transaction (DESIGN.md, "The record"): append the
/// thread event that records the act, and store what <see cref="EscalationPolicy"/> decides about the thread's clocks
/// after it. Forum.Data stores; the policy decides.
/// </summary>
internal static class ThreadRecord
{
    /// <summary>
    /// The ladder state of a thread (hidden ones too). With <paramref name="forUpdate"/> the row is read under an
    /// update lock (SQL Server), so a concurrent act waits instead of writing clocks computed from older state.
    /// </summary>
    internal static string StateSqlFor(SqlDialect dialect, bool forUpdate) => $"""
        SELECT t.CreatedAt, t.Status, t.FirstOfficialReplyAt, t.SolutionProposedAt, t.ReopenedAt, t.ReopenCount,
               t.AwaitingHomeownerSince, t.SolutionPausedSeconds, t.CoSignCount, t.IsHidden
        FROM Threads t{(forUpdate ? dialect.UpdateLockHint : "")}
        WHERE t.Id = @ThreadId
        """;

    private const string EscalatedSql = "SELECT Rung, Cycle FROM Escalations WHERE ThreadId = @ThreadId";

    public static async Task<EscalationState?> LoadStateAsync(
        DbConnection connection, DbTransaction? transaction, SqlDialect dialect, long threadId, bool forUpdate, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(
            StateSqlFor(dialect, forUpdate), new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var escalated = (await connection.QueryAsync<(string Rung, int Cycle)>(new CommandDefinition(
                EscalatedSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken)))
            .Select(e => new EscalationKey(Enum.Parse<EscalationRung>(e.Rung), e.Cycle))
            .ToHashSet();
        return row.ToState(escalated);
    }

    /// <summary>
    /// The ladder state of several threads in two queries (the sweep's batch): the same columns as
    /// <see cref="StateSqlFor(SqlDialect, bool)"/>, one parameter per id. Threads that do not exist are left out.
    /// </summary>
    internal static (string States, string Escalated, SqlMapper.IDynamicParameters Parameters) StatesSqlFor(SqlDialect dialect, IReadOnlyList<long> threadIds, bool forUpdate)
    {
        var ids = SqlIdList.Of(threadIds);
        var states = $"""
            SELECT t.Id, t.CreatedAt, t.Status, t.FirstOfficialReplyAt, t.SolutionProposedAt, t.ReopenedAt, t.ReopenCount,
                   t.AwaitingHomeownerSince, t.SolutionPausedSeconds, t.CoSignCount, t.IsHidden
            FROM Threads t{(forUpdate ? dialect.UpdateLockHint : "")}
            WHERE t.Id IN ({ids.List})
            """;
        var escalated = $"SELECT ThreadId, Rung, Cycle FROM Escalations WHERE ThreadId IN ({ids.List})";
        return (states, escalated, ids.Parameters);
    }

    public static async Task<IReadOnlyDictionary<long, EscalationState>> LoadStatesAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, IReadOnlyList<long> threadIds, bool forUpdate, CancellationToken cancellationToken)
    {
        if (threadIds.Count == 0)
        {
            return new Dictionary<long, EscalationState>();
        }

        var (statesSql, escalatedSql, parameters) = StatesSqlFor(dialect, threadIds, forUpdate);
        var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(statesSql, parameters, transaction, cancellationToken: cancellationToken));
        var escalated = (await connection.QueryAsync<(long ThreadId, string Rung, int Cycle)>(new CommandDefinition(
                escalatedSql, parameters, transaction, cancellationToken: cancellationToken)))
            .ToLookup(e => e.ThreadId, e => new EscalationKey(Enum.Parse<EscalationRung>(e.Rung), e.Cycle));
        return rows.ToDictionary(r => r.Id, r => r.ToState(escalated[r.Id].ToHashSet()));
    }

    private const string AppendSql = """
        INSERT INTO ThreadEvents (ThreadId, Kind, Cycle, At, ActorId, ActorRole, PostId, PhotoId, RelatedThreadId, Rung, DueAt, FromValue, ToValue, Text, Rating)
        VALUES (@ThreadId, @Kind, @Cycle, @At, @ActorId, @ActorRole, @PostId, @PhotoId, @RelatedThreadId, @Rung, @DueAt, @FromValue, @ToValue, @Text, @Rating)
        """;

    /// <summary>Appends one event. The only statement in the code base that writes to ThreadEvents.</summary>
    public static Task AppendAsync(DbConnection connection, DbTransaction transaction, ThreadEvent e, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(AppendSql, Values(e), transaction, cancellationToken: cancellationToken));

    /// <summary>Appends several events in order: the same statement, its parameters made once, run once per event.</summary>
    public static Task AppendAllAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ThreadEvent> events, CancellationToken cancellationToken) =>
        events.Count == 0 ? Task.CompletedTask : RowCommand.ExecuteEachAsync(connection, transaction, AppendSql, EventParameters, events, cancellationToken);

    /// <summary><see cref="Values"/> as a <see cref="RowCommand"/>'s parameters (the same names and types).</summary>
    private static readonly RowParameter<ThreadEvent>[] EventParameters =
    [
        new("@ThreadId", DbType.Int64, e => e.ThreadId),
        new("@Kind", DbType.String, e => e.Kind.ToString()),
        new("@Cycle", DbType.Int32, e => e.Cycle),
        new("@At", DbType.DateTime2, e => e.At),
        new("@ActorId", DbType.Int64, e => e.ActorId),
        new("@ActorRole", DbType.String, e => e.ActorRole),
        new("@PostId", DbType.Int64, e => e.PostId),
        new("@PhotoId", DbType.Int64, e => e.PhotoId),
        new("@RelatedThreadId", DbType.Int64, e => e.RelatedThreadId),
        new("@Rung", DbType.String, e => e.Rung?.ToString()),
        new("@DueAt", DbType.DateTime2, e => e.DueAt),
        new("@FromValue", DbType.String, e => e.FromValue),
        new("@ToValue", DbType.String, e => e.ToValue),
        new("@Text", DbType.String, e => e.Text),
        new("@Rating", DbType.Int32, e => e.Rating),
    ];

    private static object Values(ThreadEvent e) => new
    {
        e.ThreadId,
        Kind = e.Kind.ToString(),
        e.Cycle,
        e.At,
        e.ActorId,
        e.ActorRole,
        e.PostId,
        e.PhotoId,
        e.RelatedThreadId,
        Rung = e.Rung?.ToString(),
        e.DueAt,
        e.FromValue,
        e.ToValue,
        e.Text,
        e.Rating,
    };

    private const string StoreScheduleSql = """
        UPDATE Threads
        SET ReplyDueAt = @ReplyDueAt, SolutionDueAt = @SolutionDueAt, DeadlineAt = @DeadlineAt, EscalationDueAt = @NextCheckAt,
            ReplyLate = CASE WHEN @ReplyStopped = 1 THEN @ReplyLate ELSE ReplyLate END,
            SolutionLate = CASE WHEN @SolutionStopped = 1 THEN @SolutionLate ELSE SolutionLate END,
            ScheduledAt = @Now
        WHERE Id = @ThreadId
        """;

    /// <summary>
    /// Stores the policy's decision for the thread as it is now (after the act): its running deadlines, when the sweep
    /// looks next, and the outcome of each clock the act stopped (compared with <paramref name="before"/>), which is
    /// also recorded as a <see cref="ThreadEventKind.ClockStopped"/> event in the actor's name.
    /// </summary>
    public static async Task<IReadOnlyList<StoppedClock>> StoreScheduleAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, EscalationPolicy policy, long threadId,
        EscalationState? before, DateTime now, CancellationToken cancellationToken, long? actorId = null, string? actorRole = null, long? postId = null)
    {
        var after = await LoadStateAsync(connection, transaction, dialect, threadId, forUpdate: false, cancellationToken);
        if (after is null)
        {
            return [];
        }

        var schedule = policy.Schedule(after);
        var stopped = before is null ? [] : policy.Stopped(before, after, now);
        var reply = stopped.FirstOrDefault(c => c.Rung == EscalationRung.FirstResponse);
        var solution = stopped.FirstOrDefault(c => c.Rung == EscalationRung.Solution);
        await connection.ExecuteAsync(new CommandDefinition(StoreScheduleSql, new
        {
            ThreadId = threadId,
            schedule.ReplyDueAt,
            schedule.SolutionDueAt,
            schedule.DeadlineAt,
            schedule.NextCheckAt,
            ReplyStopped = reply is null ? 0 : 1,
            ReplyLate = reply?.Late == true ? 1 : 0,
            SolutionStopped = solution is null ? 0 : 1,
            SolutionLate = solution?.Late == true ? 1 : 0,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        foreach (var clock in stopped)
        {
            await AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = ThreadEventKind.ClockStopped, At = now, Cycle = clock.Key.Cycle, Rung = clock.Rung,
                DueAt = clock.DueAt, ActorId = actorId, ActorRole = actorRole, PostId = postId,
            }, cancellationToken);
        }

        return stopped;
    }

    /// <summary>
    /// <see cref="StoreScheduleAsync"/> for several threads after an act that stops no clock (the sweep's batch), one
    /// schedule update each (one statement, prepared once). <paramref name="states"/> are the threads as they stand after
    /// the act, which the caller knows without reading them again: it read them under lock in this transaction and
    /// knows what it wrote since.
    /// </summary>
    public static Task StoreSchedulesAsync(
        DbConnection connection, DbTransaction transaction, EscalationPolicy policy, IReadOnlyDictionary<long, EscalationState> states, DateTime now, CancellationToken cancellationToken) =>
        states.Count == 0
            ? Task.CompletedTask
            : RowCommand.ExecuteEachAsync(
                connection, transaction, StoreScheduleSql, ScheduleParameters, states.Select(s => (s.Key, policy.Schedule(s.Value), now)), cancellationToken);

    /// <summary><see cref="StoreScheduleSql"/>'s parameters for a schedule stored after an act that stopped no clock.</summary>
    private static readonly RowParameter<(long ThreadId, ThreadSchedule Schedule, DateTime Now)>[] ScheduleParameters =
    [
        new("@ThreadId", DbType.Int64, s => s.ThreadId),
        new("@ReplyDueAt", DbType.DateTime2, s => s.Schedule.ReplyDueAt),
        new("@SolutionDueAt", DbType.DateTime2, s => s.Schedule.SolutionDueAt),
        new("@DeadlineAt", DbType.DateTime2, s => s.Schedule.DeadlineAt),
        new("@NextCheckAt", DbType.DateTime2, s => s.Schedule.NextCheckAt),
        new("@ReplyStopped", DbType.Int32, _ => 0),
        new("@ReplyLate", DbType.Int32, _ => 0),
        new("@SolutionStopped", DbType.Int32, _ => 0),
        new("@SolutionLate", DbType.Int32, _ => 0),
        new("@Now", DbType.DateTime2, s => s.Now),
    ];

    private const string UnscheduledSql = "SELECT Id, ClosedAt FROM Threads WHERE ScheduledAt IS NULL AND Id > @After ORDER BY Id";

    private const string StoreOutcomesSql = "UPDATE Threads SET ReplyLate = @ReplyLate, SolutionLate = @SolutionLate WHERE Id = @ThreadId";

    /// <summary>
    /// Stores the schedule of threads that have none yet (databases from before schedules, rows loaded by hand), a
    /// batch per transaction, at start-up. Returns how many.
    /// </summary>
    public static async Task<int> StoreMissingSchedulesAsync(ForumDatabase database, EscalationPolicy policy, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = 0;
        long after = 0;
        while (true)
        {
            var batch = (await connection.QueryAsync<(long Id, DateTime? ClosedAt)>(new CommandDefinition(
                UnscheduledSql + "\n" + database.Dialect.Limit("@Take"), new { After = after, Take = 500 }, cancellationToken: cancellationToken))).AsList();
            if (batch.Count == 0)
            {
                return stored;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var (id, closedAt) in batch)
            {
                if (await StoreBackfilledScheduleAsync(connection, transaction, database.Dialect, policy, id, closedAt, now, cancellationToken))
                {
                    stored++;
                }
            }

            await transaction.CommitAsync(cancellationToken);
            after = batch[^1].Id;
        }
    }

    /// <summary>
    /// Stores the schedule of a thread written without the act-by-act writers (a migrated row, a demo thread): the
    /// outcomes the policy reconstructs from its state, then its running deadlines. Returns false when there is no such thread.
    /// </summary>
    public static async Task<bool> StoreBackfilledScheduleAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, EscalationPolicy policy, long threadId, DateTime? closedAt, DateTime now,
        CancellationToken cancellationToken)
    {
        var state = await LoadStateAsync(connection, transaction, dialect, threadId, forUpdate: true, cancellationToken);
        if (state is null)
        {
            return false;
        }

        var (replyLate, solutionLate) = policy.PastOutcomes(state, closedAt);
        await connection.ExecuteAsync(new CommandDefinition(StoreOutcomesSql,
            new { ThreadId = threadId, ReplyLate = replyLate, SolutionLate = solutionLate }, transaction, cancellationToken: cancellationToken));
        await StoreScheduleAsync(connection, transaction, dialect, policy, threadId, null, now, cancellationToken);
        return true;
    }

    private sealed class StateRow
    {
        public long Id { get; init; }
        public DateTime CreatedAt { get; init; }
        public string Status { get; init; } = "";
        public DateTime? FirstOfficialReplyAt { get; init; }
        public DateTime? SolutionProposedAt { get; init; }
        public DateTime? ReopenedAt { get; init; }
        public int ReopenCount { get; init; }
        public DateTime? AwaitingHomeownerSince { get; init; }
        public long SolutionPausedSeconds { get; init; }
        public int CoSignCount { get; init; }
        public bool IsHidden { get; init; }

        public EscalationState ToState(IReadOnlySet<EscalationKey> escalated) => new()
        {
            CreatedAt = CreatedAt,
            Status = Enum.Parse<ThreadStatus>(Status),
            FirstOfficialReplyAt = FirstOfficialReplyAt,
            SolutionProposedAt = SolutionProposedAt,
            ReopenedAt = ReopenedAt,
            ReopenCount = ReopenCount,
            AwaitingHomeownerSince = AwaitingHomeownerSince,
            SolutionPaused = TimeSpan.FromSeconds(SolutionPausedSeconds),
            CoSignCount = CoSignCount,
            IsHidden = IsHidden,
            Escalated = escalated,
        };
    }
}
