using System.Data;
using System.Data.Common;
using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Escalation;

public sealed class EscalationRepository(ForumDatabase database) : IEscalationRepository
{
    private const string ListDueSql = """
        SELECT Id
        FROM Threads
        WHERE EscalationDueAt <= @Now
        ORDER BY EscalationDueAt
        """;

    public async Task<IReadOnlyList<long>> ListDueThreadIdsAsync(DateTime now, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = ListDueSql + "\n" + database.Dialect.Limit("@Take");
        return (await connection.QueryAsync<long>(new CommandDefinition(sql, new { Now = now, Take = max }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>What an escalation mail names about a thread (its clocks come from <see cref="ThreadRecord"/>), without the filter.</summary>
    private const string SubjectSelect = """
        SELECT t.Id, t.Title, t.Body, t.CreatedAt, t.CoSignCount, t.CompanyId,
               c.Name AS CompanyName, c.NameEn AS CompanyNameEn, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Name AS CategoryName, g.NameEn AS CategoryNameEn
        FROM Threads t
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        """;

    /// <summary>What an escalation mail names about the thread.</summary>
    internal const string LoadSubjectSql = SubjectSelect + "\nWHERE t.Id = @ThreadId";

    /// <summary>
    /// The batch's queries by thread id: what the mails name about each thread, and the ids of the escalations just
    /// inserted (found by their unique key, which works alike on both providers).
    /// </summary>
    internal static (string Subjects, string Escalations, SqlMapper.IDynamicParameters Parameters) BatchSqlFor(IReadOnlyList<long> threadIds)
    {
        var ids = SqlIdList.Of(threadIds);
        return (SubjectSelect + $"\nWHERE t.Id IN ({ids.List})",
            $"SELECT Id, ThreadId, Rung, Cycle FROM Escalations WHERE ThreadId IN ({ids.List})",
            ids.Parameters);
    }

    private const string InsertEscalationSql = """
        INSERT INTO Escalations (ThreadId, Rung, Cycle, DueAt, EscalatedAt, RecipientCount)
        VALUES (@ThreadId, @Rung, @Cycle, @DueAt, @EscalatedAt, @RecipientCount)
        """;

    private const string InsertOutboxSql = """
        INSERT INTO OutboxMessages (EscalationId, Purpose, ToName, ToEmail, Language, Subject, TextBody, HtmlBody, MessageId,
                                    Status, Attempts, CreatedAt, NextAttemptAt, ThreadId, RecipientRole)
        VALUES (@EscalationId, @Purpose, @ToName, @ToEmail, @Language, @Subject, @TextBody, @HtmlBody, @MessageId,
                'Pending', 0, @CreatedAt, @CreatedAt, @ThreadId, @RecipientRole)
        """;

    private static readonly RowParameter<EscalationRecord>[] EscalationParameters =
    [
        new("@ThreadId", DbType.Int64, e => e.ThreadId),
        new("@Rung", DbType.String, e => e.Rung.ToString()),
        new("@Cycle", DbType.Int32, e => e.Cycle),
        new("@DueAt", DbType.DateTime2, e => e.DueAt),
        new("@EscalatedAt", DbType.DateTime2, e => e.EscalatedAt),
        new("@RecipientCount", DbType.Int32, e => e.RecipientCount),
    ];

    /// <summary>An escalation mail as the outbox stores it.</summary>
    private sealed record OutboxRow(long EscalationId, long ThreadId, string RecipientRole, OutgoingMessage Message, DateTime CreatedAt);

    private static readonly RowParameter<OutboxRow>[] OutboxParameters =
    [
        new("@EscalationId", DbType.Int64, m => m.EscalationId),
        new("@Purpose", DbType.String, _ => "Escalation"),
        new("@ToName", DbType.String, m => m.Message.ToName),
        new("@ToEmail", DbType.String, m => m.Message.ToEmail),
        new("@Language", DbType.String, m => m.Message.Language),
        new("@Subject", DbType.String, m => m.Message.Subject),
        new("@TextBody", DbType.String, m => m.Message.TextBody),
        new("@HtmlBody", DbType.String, m => m.Message.HtmlBody),
        new("@MessageId", DbType.String, m => m.Message.MessageId),
        new("@CreatedAt", DbType.DateTime2, m => m.CreatedAt),
        new("@ThreadId", DbType.Int64, m => m.ThreadId),
        new("@RecipientRole", DbType.String, m => m.RecipientRole),
    ];

    private const string MarkGroupComplaintSql = "UPDATE Threads SET IsGroupComplaint = 1 WHERE Id = @ThreadId";

    private const string HeadquartersIdSql = "SELECT Id FROM Companies WHERE Kind = 'Headquarters'";

    public async Task<IReadOnlyList<EscalationRecord>> EscalateAsync(
        long threadId, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // SQLite: BEGIN IMMEDIATE (the provider's default), so concurrent sweepers queue for the write lock instead of
        // failing on upgrade. SQL Server: the unique key below is what stops a second writer.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Read under an update lock, so a writer that changes the thread meanwhile (a co-sign, a reply) is not
        // overwritten with a schedule computed from older state.
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        if (state is null)
        {
            return [];
        }

        IReadOnlyList<EscalationRecord> written;
        try
        {
            written = await WriteDueAsync(connection, transaction, [new DueThread(threadId, policy.Due(state, now))], now, composer, cancellationToken);
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            // Another sweep (this node or another) escalated it first; its transaction wrote the mail too.
            await transaction.RollbackAsync(cancellationToken);
            return [];
        }

        // The escalations just written are part of the state now: the schedule's next check moves past them.
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, null, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// The sweep's batch: what <see cref="EscalateAsync"/> does for one thread, for each of <paramref name="threadIds"/>
    /// in one transaction, each statement prepared once for the batch: the states and the mails' subjects read in a
    /// query or two, the recipients once per company and rung, then the escalation, outbox and event rows and the
    /// schedules written together. All or nothing: a thread that throws undoes the batch (the sweep then goes one by
    /// one). A lost race (SQL Server only: SQLite's BEGIN IMMEDIATE lets one sweep in at a time, and it reads the
    /// states after taking the lock) also undoes it, and each thread is then settled by the unique key on its own.
    /// </summary>
    public async Task<IReadOnlyList<EscalationRecord>> EscalateBatchAsync(
        IReadOnlyList<long> threadIds, DateTime now, EscalationPolicy policy, IEscalationMessageComposer composer, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EscalationRecord>? written = null;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var states = await ThreadRecord.LoadStatesAsync(connection, transaction, database.Dialect, threadIds, forUpdate: true, cancellationToken);
            var due = threadIds.Distinct()
                .Where(states.ContainsKey)
                .Select(threadId => new DueThread(threadId, policy.Due(states[threadId], now)))
                .ToList();
            try
            {
                written = await WriteDueAsync(connection, transaction, due, now, composer, cancellationToken);
            }
            catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            if (written is not null)
            {
                // The escalations just written are part of the state now: each schedule's next check moves past them.
                var escalated = written.ToLookup(e => e.ThreadId, e => new EscalationKey(e.Rung, e.Cycle));
                var after = states.ToDictionary(s => s.Key, s => escalated.Contains(s.Key) ? s.Value.WithEscalated(escalated[s.Key]) : s.Value);
                await ThreadRecord.StoreSchedulesAsync(connection, transaction, policy, after, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return written;
            }
        }

        var settled = new List<EscalationRecord>();
        foreach (var threadId in threadIds)
        {
            settled.AddRange(await EscalateAsync(threadId, now, policy, composer, cancellationToken));
        }

        return settled;
    }

    /// <summary>A thread and the clocks <see cref="EscalationPolicy.Due"/> says must escalate on it now.</summary>
    private sealed record DueThread(long ThreadId, IReadOnlyList<RungClock> Clocks);

    /// <summary>
    /// Writes whatever is due on the threads, inside the caller's transaction: escalation rows, one outbox row per
    /// recipient, the group-complaint flags and the record's events, in the threads' order. Each statement is prepared
    /// once and run once per row. The unique key on (thread, rung, cycle) throws if another sweep wrote one of them first.
    /// </summary>
    private async Task<IReadOnlyList<EscalationRecord>> WriteDueAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<DueThread> threads, DateTime now,
        IEscalationMessageComposer composer, CancellationToken cancellationToken)
    {
        var due = threads.Where(t => t.Clocks.Count > 0).ToList();
        if (due.Count == 0)
        {
            return [];
        }

        var headquartersId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(HeadquartersIdSql, transaction: transaction, cancellationToken: cancellationToken));
        var (subjectsSql, escalationIdsSql, parameters) = BatchSqlFor([.. due.Select(t => t.ThreadId)]);
        var rows = (await connection.QueryAsync<ThreadRow>(new CommandDefinition(subjectsSql, parameters, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Id);

        // What each escalation is and who hears of it, in order; recipients read once per rung and company.
        var recipientsOf = new Dictionary<(EscalationRung Rung, long CompanyId), IReadOnlyList<Recipient>>();
        var escalations = new List<(ThreadRow Row, RungClock Clock, IReadOnlyList<Recipient> Recipients)>();
        foreach (var thread in due)
        {
            // A thread whose subject cannot be read (a broken reference) fails the batch, as one on its own fails.
            var row = rows.TryGetValue(thread.ThreadId, out var found) ? found : throw new InvalidOperationException($"Thread {thread.ThreadId} has no subject to escalate.");
            foreach (var clock in thread.Clocks)
            {
                if (!recipientsOf.TryGetValue((clock.Rung, row.CompanyId), out var recipients))
                {
                    recipients = await RecipientsForAsync(connection, transaction, clock.Rung, row.CompanyId, headquartersId, cancellationToken);
                    recipientsOf[(clock.Rung, row.CompanyId)] = recipients;
                }

                escalations.Add((row, clock, recipients));
            }
        }

        await RowCommand.ExecuteEachAsync(
            connection, transaction, InsertEscalationSql, EscalationParameters,
            escalations.Select(e => new EscalationRecord(0, e.Row.Id, e.Clock.Rung, e.Clock.Key.Cycle, e.Clock.DueAt, now, e.Recipients.Count)), cancellationToken);
        var ids = (await connection.QueryAsync<(long Id, long ThreadId, string Rung, int Cycle)>(new CommandDefinition(
                escalationIdsSql, parameters, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(e => (e.ThreadId, e.Rung, e.Cycle), e => e.Id);
        var written = escalations
            .Select(e => new EscalationRecord(ids[(e.Row.Id, e.Clock.Rung.ToString(), e.Clock.Key.Cycle)], e.Row.Id, e.Clock.Rung, e.Clock.Key.Cycle, e.Clock.DueAt, now, e.Recipients.Count))
            .ToList();

        var messages = new List<OutboxRow>();
        foreach (var ((row, clock, recipients), escalation) in escalations.Zip(written))
        {
            var subject = row.ToSubject();
            messages.AddRange(recipients.Select(recipient => new OutboxRow(
                escalation.Id, row.Id, NotificationRoles.Of(recipient, headquartersId), composer.Compose(subject, clock, now, recipient), now)));
        }

        if (messages.Count > 0)
        {
            await RowCommand.ExecuteEachAsync(connection, transaction, InsertOutboxSql, OutboxParameters, messages, cancellationToken);
        }

        var groupComplaints = written.Where(e => e.Rung == EscalationRung.GroupComplaint).Select(e => new { e.ThreadId }).ToList();
        if (groupComplaints.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(MarkGroupComplaintSql, groupComplaints, transaction, cancellationToken: cancellationToken));
        }

        await ThreadRecord.AppendAllAsync(connection, transaction, written.Select(e => new ThreadEvent
        {
            ThreadId = e.ThreadId, Kind = ThreadEventKind.Escalated, At = now, Cycle = e.Cycle, ActorRole = EventActors.System,
            Rung = e.Rung, DueAt = e.DueAt,
        }).ToList(), cancellationToken);
        return written;
    }

    private static async Task<IReadOnlyList<Recipient>> RecipientsForAsync(
        DbConnection connection, DbTransaction transaction, EscalationRung rung, long companyId, long headquartersId, CancellationToken cancellationToken)
    {
        var all = new List<Recipient>();
        foreach (var group in EscalationPolicy.RecipientsOf(rung))
        {
            var scopeCompany = group.Scope == RecipientScope.Headquarters ? headquartersId : companyId;
            var rows = await connection.QueryAsync<RecipientRow>(new CommandDefinition(
                ListRecipientsByRoleSql, new { CompanyId = scopeCompany, Role = group.Role.ToString() }, transaction, cancellationToken: cancellationToken));
            all.AddRange(rows.Select(r => r.ToRecipient() with { AtHeadquarters = group.Scope == RecipientScope.Headquarters }));
        }

        // One message per address, however many roles a person holds.
        return all.DistinctBy(r => r.Email.Trim().ToLowerInvariant()).ToList();
    }

    private const string PostponeSql = "UPDATE Threads SET EscalationDueAt = @Until WHERE Id = @ThreadId";

    public async Task PostponeAsync(long threadId, DateTime until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(PostponeSql, new { ThreadId = threadId, Until = until }, cancellationToken: cancellationToken));
    }

    private const string ListRecipientsByRoleSql = """
        SELECT Id, CompanyId, Role, Name, Email, Language
        FROM EscalationRecipients
        WHERE CompanyId = @CompanyId AND Role = @Role AND IsActive = 1
        ORDER BY Id
        """;

    private const string ListRecipientsSql = """
        SELECT Id, CompanyId, Role, Name, Email, Language
        FROM EscalationRecipients
        WHERE CompanyId = @CompanyId AND IsActive = 1
        ORDER BY Role, Id
        """;

    public async Task<IReadOnlyList<Recipient>> ListRecipientsAsync(long companyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RecipientRow>(new CommandDefinition(ListRecipientsSql, new { CompanyId = companyId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecipient()).ToList();
    }

    private const string ListForThreadSql = """
        SELECT Id, ThreadId, Rung, Cycle, DueAt, EscalatedAt, RecipientCount
        FROM Escalations
        WHERE ThreadId = @ThreadId
        ORDER BY Id
        """;

    public async Task<IReadOnlyList<EscalationRecord>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EscalationRow>(new CommandDefinition(ListForThreadSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
        return rows.Select(r => new EscalationRecord(r.Id, r.ThreadId, Enum.Parse<EscalationRung>(r.Rung), r.Cycle, r.DueAt, r.EscalatedAt, r.RecipientCount)).ToList();
    }

    public Task<int> StoreMissingSchedulesAsync(EscalationPolicy policy, DateTime now, CancellationToken cancellationToken = default) =>
        ThreadRecord.StoreMissingSchedulesAsync(database, policy, now, cancellationToken);

    public async Task<EscalationState?> FindStateAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ThreadRecord.LoadStateAsync(connection, null, database.Dialect, threadId, forUpdate: false, cancellationToken);
    }

    internal sealed class ThreadRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public int CoSignCount { get; init; }
        public long CompanyId { get; init; }
        public string CompanyName { get; init; } = "";
        public string CompanyNameEn { get; init; } = "";
        public string ProjectName { get; init; } = "";
        public string ProjectNameEn { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public string CategoryNameEn { get; init; } = "";

        public EscalationSubject ToSubject() => new()
        {
            ThreadId = Id,
            Title = Title,
            Body = Body,
            CreatedAt = CreatedAt,
            CompanyName = new LocalizedName(CompanyName, CompanyNameEn),
            ProjectName = new LocalizedName(ProjectName, ProjectNameEn),
            CategoryName = new LocalizedName(CategoryName, CategoryNameEn),
            CoSignCount = CoSignCount,
        };
    }

    private sealed class RecipientRow
    {
        public long Id { get; init; }
        public long CompanyId { get; init; }
        public string Role { get; init; } = "";
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string Language { get; init; } = "";

        public Recipient ToRecipient() => new(Id, CompanyId, Enum.Parse<RecipientRole>(Role), Name, Email, Language);
    }

    private sealed class EscalationRow
    {
        public long Id { get; init; }
        public long ThreadId { get; init; }
        public string Rung { get; init; } = "";
        public int Cycle { get; init; }
        public DateTime DueAt { get; init; }
        public DateTime EscalatedAt { get; init; }
        public int RecipientCount { get; init; }
    }
}
