using System.Data.Common;
using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Data.Complaints;
using Forum.Data.Database;
using Forum.Data.Search;
using Forum.Core.Escalation;

namespace Forum.Data.Moderation;

/// <summary>
/// The back office's writes. Each act, in one transaction: the change, its audit row, its thread event and the clocks
/// the policy decides after it (<see cref="ThreadRecord"/>).
/// </summary>
public sealed class ModerationRepository(ForumDatabase database, EscalationPolicy policy) : IModerationRepository
{
    private const string QueueSql = "SELECT t.CompanyId, t.AssignedToId, " + ThreadRepository.ListColumns + "\nFROM Threads t\n"
        + ThreadRepository.ListJoins + "WHERE t.Status <> 'Closed' AND t.IsHidden = 0";

    public async Task<IReadOnlyList<QueueItem>> ListQueueAsync(long? companyId, CancellationToken cancellationToken = default)
    {
        var sql = QueueSqlFor(database.Dialect, companyId is not null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<QueueRow>(new CommandDefinition(sql, new { CompanyId = companyId, Take = 5000 }, cancellationToken: cancellationToken));
        return rows.Select(r => new QueueItem
        {
            Thread = r.ToSummary(),
            CompanyId = r.CompanyId,
            AssignedToId = r.AssignedToId,
        }).ToList();
    }

    /// <summary>The queue query: every open thread, or one company's, nearest stored deadline first.</summary>
    internal static string QueueSqlFor(SqlDialect dialect, bool oneCompany) =>
        QueueSql + (oneCompany ? " AND t.CompanyId = @CompanyId" : "")
        + "\nORDER BY CASE WHEN t.DeadlineAt IS NULL THEN 1 ELSE 0 END, t.DeadlineAt, t.Id\n" + dialect.Limit("@Take");

    // The contact and whether this visit's look is already logged, in one read.
    private const string ContactSql = """
        SELECT c.RealName, c.Phone, c.Unit,
               CASE WHEN EXISTS (SELECT 1 FROM ContactViews v WHERE v.ThreadId = @ThreadId AND v.ViewerId = @ViewerId AND v.At >= @VisitStart)
                    THEN 1 ELSE 0 END AS LoggedThisVisit
        FROM ThreadContacts c
        WHERE c.ThreadId = @ThreadId
        """;

    // Insert-if-absent: two first looks at the same moment log one view between them, or at worst two, never none.
    private const string LogContactViewSql = """
        INSERT INTO ContactViews (ThreadId, ViewerId, At)
        SELECT @ThreadId, @ViewerId, @At
        WHERE NOT EXISTS (SELECT 1 FROM ContactViews WHERE ThreadId = @ThreadId AND ViewerId = @ViewerId AND At >= @VisitStart)
        """;

    /// <summary>
    /// The contact, and a logged view (with its audit row) once per visit (<see cref="ContactViewLog"/>): within a
    /// visit this is a read only, so the staff thread page does not take the write lock on every render.
    /// </summary>
    public async Task<ThreadContact?> RevealContactAsync(long threadId, StaffMember viewer, DateTime now, CancellationToken cancellationToken = default)
    {
        var view = new { ThreadId = threadId, ViewerId = viewer.UserId, At = now, VisitStart = ContactViewLog.VisitStartedAfter(now) };
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition(ContactSql, view, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var contact = new ThreadContact(row.RealName, row.Phone, row.Unit);
        if (row.LoggedThisVisit != 0)
        {
            return contact;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(LogContactViewSql, view, transaction, cancellationToken: cancellationToken)) > 0)
        {
            await AuditAsync(connection, transaction, viewer, threadId, "ViewContact", null, null, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return contact;
    }

    private sealed class ContactRow
    {
        public string RealName { get; init; } = "";
        public string Phone { get; init; } = "";
        public string Unit { get; init; } = "";
        public long LoggedThisVisit { get; init; }
    }

    private const string FindPostByRequestSql = "SELECT Id FROM Posts WHERE RequestId = @RequestId";

    private const string ThreadStateSql = "SELECT Status FROM Threads WHERE Id = @ThreadId AND IsHidden = 0";

    private const string InsertOfficialPostSql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, CompanyId, Body, CreatedAt, RequestId)
        VALUES (@ThreadId, @Kind, @AuthorId, @CompanyId, @Body, @Now, @RequestId);
        """;

    // The first official reply stops rung 1; a solution stops rung 2 for the current cycle (the policy decides, and
    // ThreadRecord stores its decision).
    private const string AnswerThreadSql = """
        UPDATE Threads
        SET FirstOfficialReplyAt = COALESCE(FirstOfficialReplyAt, @Now),
            SolutionProposedAt = CASE WHEN @IsSolution = 1 THEN @Now ELSE SolutionProposedAt END,
            Status = @Status,
            ReplyCount = ReplyCount + 1,
            UpdatedAt = @Now
        WHERE Id = @ThreadId
        """;

    public async Task<long?> AddOfficialPostAsync(OfficialPost post, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindPostByRequestSql, new { post.RequestId }, cancellationToken: cancellationToken)) is { } existing)
        {
            return existing;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, post.ThreadId, forUpdate: true, cancellationToken);
        if (state is null || state.IsHidden || state.Status == ThreadStatus.Closed)
        {
            return null;
        }

        var before = state.Status;
        var isSolution = post.Kind == PostKind.Solution;
        var after = isSolution ? ThreadStatus.SolutionProposed
            : before is ThreadStatus.Open or ThreadStatus.Reopened ? ThreadStatus.Answered
            : before;
        try
        {
            var postId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                InsertOfficialPostSql + "\n" + database.Dialect.SelectInsertedId,
                new { post.ThreadId, Kind = post.Kind.ToString(), AuthorId = post.Author.UserId, CompanyId = post.ShownCompanyId, post.Body, Now = now, post.RequestId },
                transaction, cancellationToken: cancellationToken));
            await Photos.PhotoRepository.AttachAsync(connection, transaction, post.ThreadId, postId, post.Author.UserId, post.Photos, now, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(AnswerThreadSql,
                new { post.ThreadId, Now = now, IsSolution = isSolution ? 1 : 0, Status = after.ToString() }, transaction, cancellationToken: cancellationToken));
            await AuditAsync(connection, transaction, post.Author, post.ThreadId, post.Kind.ToString(), before.ToString(), after.ToString(), now, cancellationToken);
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = post.ThreadId, Kind = isSolution ? ThreadEventKind.SolutionProposed : ThreadEventKind.OfficialReply, At = now,
                Cycle = state.ReopenCount, ActorId = post.Author.UserId, ActorRole = post.Author.ActingRole, PostId = postId,
                FromValue = before.ToString(), ToValue = after.ToString(),
            }, cancellationToken);
            await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, post.ThreadId, state, now, cancellationToken,
                post.Author.UserId, post.Author.ActingRole, postId);
            await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, post.ThreadId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return postId;
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(FindPostByRequestSql, new { post.RequestId }, cancellationToken: cancellationToken));
        }
    }

    private const string CloseSql = """
        UPDATE Threads
        SET Status = 'Closed', ClosedAt = @Now, ResolutionSummary = @Summary, UpdatedAt = @Now
        WHERE Id = @ThreadId AND Status <> 'Closed' AND IsHidden = 0
        """;

    public async Task<bool> CloseAsync(long threadId, StaffMember actor, string summary, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(CloseSql, new { ThreadId = threadId, Now = now, Summary = summary }, transaction, cancellationToken: cancellationToken));
        if (state is null || rows == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "Close", state.Status.ToString(), nameof(ThreadStatus.Closed) + ": " + summary, now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.Closed, At = now, Cycle = state.ReopenCount, ActorId = actor.UserId,
            ActorRole = actor.ActingRole, FromValue = state.Status.ToString(), ToValue = nameof(ThreadStatus.Closed), Text = summary,
        }, cancellationToken);
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, state, now, cancellationToken, actor.UserId, actor.ActingRole);
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string StaffPostsSql = PostRow.SelectSql + """
        WHERE o.ThreadId = @ThreadId AND o.Kind <> 'Event'
        ORDER BY o.Id
        """;

    public async Task<IReadOnlyList<StaffPost>> ListStaffPostsAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PostRow>(new CommandDefinition(StaffPostsSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
        return rows.Select(r => new StaffPost(r.ToPost(withHiddenText: true), r.Kind == nameof(PostKind.InternalNote))).ToList();
    }

    private const string InsertNoteSql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, CompanyId, Body, CreatedAt, RequestId)
        VALUES (@ThreadId, 'InternalNote', @AuthorId, @CompanyId, @Body, @Now, @RequestId);
        """;

    public async Task<long?> AddInternalNoteAsync(long threadId, StaffMember author, long shownCompanyId, string body, string requestId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindPostByRequestSql, new { RequestId = requestId }, cancellationToken: cancellationToken)) is { } existing)
        {
            return existing;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ThreadStateSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken)) is null)
        {
            return null;
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertNoteSql + "\n" + database.Dialect.SelectInsertedId,
            new { ThreadId = threadId, AuthorId = author.UserId, CompanyId = shownCompanyId, Body = body, Now = now, RequestId = requestId }, transaction, cancellationToken: cancellationToken));
        await AuditAsync(connection, transaction, author, threadId, "InternalNote", null, null, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private const string PostThreadSql = """
        SELECT o.ThreadId, t.CompanyId
        FROM Posts o
        JOIN Threads t ON t.Id = o.ThreadId
        WHERE o.Id = @PostId
        """;

    public async Task<(long ThreadId, long CompanyId)?> FindPostThreadAsync(long postId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<(long ThreadId, long CompanyId)>(new CommandDefinition(PostThreadSql, new { PostId = postId }, cancellationToken: cancellationToken));
        return row.ThreadId == 0 ? null : row;
    }

    private const string PostThreadIdSql = "SELECT ThreadId FROM Posts WHERE Id = @PostId";

    private const string HidePostSql = """
        UPDATE Posts SET IsHidden = 1, HiddenReason = @Reason, HiddenByRole = @Role WHERE Id = @PostId AND IsHidden = 0
        """;

    public async Task<bool> HidePostAsync(long postId, StaffMember actor, string reason, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var threadId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(PostThreadIdSql, new { PostId = postId }, transaction, cancellationToken: cancellationToken));
        if (threadId is { } lockedThread)
        {
            // A post never changes thread; its thread is locked before the post is read and hidden.
            await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, lockedThread, forUpdate: true, cancellationToken);
        }

        var rows = await connection.ExecuteAsync(new CommandDefinition(HidePostSql, new { PostId = postId, Reason = reason, Role = actor.ActingRole }, transaction, cancellationToken: cancellationToken));
        if (rows == 0 || threadId is null)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "HidePost", $"post {postId}: visible", $"post {postId}: hidden ({reason})", now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId.Value, Kind = ThreadEventKind.PostHidden, At = now, ActorId = actor.UserId, ActorRole = actor.ActingRole,
            PostId = postId, Text = reason,
        }, cancellationToken);
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string AwaitSql = """
        UPDATE Threads
        SET Status = 'AwaitingHomeowner', AwaitingHomeownerSince = @Now, UpdatedAt = @Now
        WHERE Id = @ThreadId AND Status NOT IN ('Closed', 'AwaitingHomeowner') AND IsHidden = 0
        """;

    public async Task<bool> SetAwaitingHomeownerAsync(long threadId, StaffMember actor, DateTime now, string? request = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        if (state is null || await connection.ExecuteAsync(new CommandDefinition(AwaitSql, new { ThreadId = threadId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.AwaitingHomeowner, At = now, Cycle = state.ReopenCount, ActorId = actor.UserId,
            ActorRole = actor.ActingRole, FromValue = state.Status.ToString(), ToValue = nameof(ThreadStatus.AwaitingHomeowner), Text = request,
        }, cancellationToken);
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, state, now, cancellationToken, actor.UserId, actor.ActingRole);
        await AuditAsync(connection, transaction, actor, threadId, "AwaitHomeowner", state.Status.ToString(), nameof(ThreadStatus.AwaitingHomeowner), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string LockSql = "UPDATE Threads SET IsLocked = @Locked WHERE Id = @ThreadId AND IsLocked <> @Locked";

    public async Task<bool> SetLockedAsync(long threadId, StaffMember actor, bool locked, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(LockSql, new { ThreadId = threadId, Locked = locked }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, locked ? "Lock" : "Unlock", (!locked).ToString(), locked.ToString(), now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = locked ? ThreadEventKind.Locked : ThreadEventKind.Unlocked, At = now, ActorId = actor.UserId, ActorRole = actor.ActingRole,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string AuditSelectSql = """
        SELECT a.Id, a.At, COALESCE(u.DisplayName, r.Name) AS ActorName, a.ActorRole, a.ThreadId, a.Action, a.Before, a.After
        FROM AuditLog a
        LEFT JOIN Users u ON u.Id = a.ActorId
        LEFT JOIN EscalationRecipients r ON r.Id = a.RecipientId
        LEFT JOIN Threads t ON t.Id = a.ThreadId
        """;

    /// <summary>The audit query, clause by clause; every value a parameter.</summary>
    internal static (string Sql, DynamicParameters Parameters) BuildAuditSql(SqlDialect dialect, AuditQuery query)
    {
        var where = new SqlWhere()
            .When(query.Action, "a.Action = @Action", "Action")
            .When(query.CompanyId, "t.CompanyId = @CompanyId", "CompanyId")
            .When(query.ThreadId, "a.ThreadId = @ThreadId", "ThreadId")
            .When(query.ActorId, "a.ActorId = @ActorId", "ActorId")
            .When(query.BeforeId, "a.Id < @BeforeId", "BeforeId");
        where.Parameters.Add("Take", query.PageSize);
        return (AuditSelectSql + "\n" + where.Sql + "ORDER BY a.Id DESC\n" + dialect.Limit("@Take"), where.Parameters);
    }

    private const string PersonNameSql = "SELECT DisplayName FROM Users WHERE Id = @UserId";

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var (sql, parameters) = BuildAuditSql(database.Dialect, query);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();

        // An assignment records the assignee's account id; the log shows the name. Read in C# rather than joined, so
        // a value that is not an id never reaches a CAST on the server. A page names a handful of people at most.
        var names = new Dictionary<long, string?>();
        foreach (var id in rows.Where(r => r.Action == "Assign").SelectMany(r => new[] { AccountId(r.Before), AccountId(r.After) }).OfType<long>().Distinct())
        {
            names[id] = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(PersonNameSql, new { UserId = id }, cancellationToken: cancellationToken));
        }

        string? Person(string action, string? value) =>
            action == "Assign" && AccountId(value) is { } id ? names.GetValueOrDefault(id) : null;

        return rows.Select(r => new AuditEntry(r.Id, r.At, r.ActorName, r.ActorRole, r.ThreadId, r.Action, r.Before, r.After)
        {
            BeforePerson = Person(r.Action, r.Before),
            AfterPerson = Person(r.Action, r.After),
        }).ToList();
    }

    private static long? AccountId(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    private const string AuditActorsSql = """
        SELECT DISTINCT u.Id AS UserId, u.DisplayName
        FROM Users u
        JOIN UserRoles r ON r.UserId = u.Id
        WHERE r.Role <> 'Homeowner'
        ORDER BY u.DisplayName, u.Id
        """;

    public async Task<IReadOnlyList<AuditActor>> ListAuditActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long UserId, string DisplayName)>(new CommandDefinition(AuditActorsSql, cancellationToken: cancellationToken));
        return rows.Select(r => new AuditActor(r.UserId, r.DisplayName)).ToList();
    }

    private const string CategoryCodeSql = "SELECT g.Code FROM Threads t JOIN Categories g ON g.Id = t.CategoryId WHERE t.Id = @ThreadId";

    private const string ChangeCategorySql = "UPDATE Threads SET CategoryId = @CategoryId, UpdatedAt = @Now WHERE Id = @ThreadId AND CategoryId <> @CategoryId";

    private const string CategoryCodeByIdSql = "SELECT Code FROM Categories WHERE Id = @CategoryId";

    public async Task<bool> ChangeCategoryAsync(long threadId, StaffMember actor, long categoryId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The thread row first, under an update lock on SQL Server: what is read next cannot change before the write.
        await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        var before = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CategoryCodeSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        var after = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CategoryCodeByIdSql, new { CategoryId = categoryId }, transaction, cancellationToken: cancellationToken));
        if (before is null || after is null
            || await connection.ExecuteAsync(new CommandDefinition(ChangeCategorySql, new { ThreadId = threadId, CategoryId = categoryId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "ChangeCategory", before, after, now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.CategoryChanged, At = now, ActorId = actor.UserId, ActorRole = actor.ActingRole,
            FromValue = before, ToValue = after,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string ProjectSlugSql = "SELECT p.Slug FROM Threads t JOIN Projects p ON p.Id = t.ProjectId WHERE t.Id = @ThreadId";

    private const string ProjectSlugByIdSql = "SELECT Slug FROM Projects WHERE Id = @ProjectId AND CompanyId = @CompanyId";

    // Another company may now answer: its staff see it, and the clocks run on unchanged.
    private const string MoveSql = """
        UPDATE Threads SET ProjectId = @ProjectId, CompanyId = @CompanyId, UpdatedAt = @Now, AssignedToId = NULL
        WHERE Id = @ThreadId AND ProjectId <> @ProjectId
        """;

    private const string ProjectIdSql = "SELECT ProjectId FROM Threads WHERE Id = @ThreadId";

    public async Task<bool> MoveAsync(long threadId, StaffMember actor, long projectId, long companyId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The thread row first, under an update lock on SQL Server: what is read next cannot change before the write.
        await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        var before = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ProjectSlugSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        var fromProject = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(ProjectIdSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        var after = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ProjectSlugByIdSql, new { ProjectId = projectId, CompanyId = companyId }, transaction, cancellationToken: cancellationToken));
        if (before is null || after is null
            || await connection.ExecuteAsync(new CommandDefinition(MoveSql, new { ThreadId = threadId, ProjectId = projectId, CompanyId = companyId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "Move", before, after, now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.Moved, At = now, ActorId = actor.UserId, ActorRole = actor.ActingRole,
            FromValue = fromProject?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ToValue = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string AssigneesSql = """
        SELECT DISTINCT u.Id AS UserId, u.DisplayName
        FROM Users u
        JOIN UserRoles r ON r.UserId = u.Id
        WHERE u.IsActive = 1 AND ((r.Role = 'LocalStaff' AND u.CompanyId = @CompanyId) OR r.Role = 'HqStaff')
        ORDER BY u.DisplayName
        """;

    public async Task<IReadOnlyList<Assignee>> ListAssigneesAsync(long companyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long UserId, string DisplayName)>(new CommandDefinition(AssigneesSql, new { CompanyId = companyId }, cancellationToken: cancellationToken));
        return rows.Select(r => new Assignee(r.UserId, r.DisplayName)).ToList();
    }

    private const string AssignSql = "UPDATE Threads SET AssignedToId = @AssigneeId WHERE Id = @ThreadId";

    public async Task<bool> AssignAsync(long threadId, StaffMember actor, long? assigneeId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(AssignSql, new { ThreadId = threadId, AssigneeId = assigneeId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "Assign", null, assigneeId?.ToString(System.Globalization.CultureInfo.InvariantCulture), now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.Assigned, At = now, ActorId = actor.UserId, ActorRole = actor.ActingRole,
            ToValue = assigneeId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    // The duplicate leaves the lists (its number leads to the target), but nothing it holds is removed: the target's
    // page shows its text, replies and photos under "merged from", and its record stays.
    private const string MergeSql = """
        UPDATE Threads SET MergedIntoId = @TargetId, IsHidden = 1, UpdatedAt = @Now
        WHERE Id = @ThreadId AND IsHidden = 0 AND @TargetId <> @ThreadId
          AND EXISTS (SELECT 1 FROM Threads x WHERE x.Id = @TargetId AND x.IsHidden = 0)
        """;

    // Co-signers of the duplicate, and its author, now stand behind the target; each person counts once, and the
    // target's own author never co-signs their own complaint.
    private const string MoveCoSignsSql = """
        INSERT INTO CoSigns (ThreadId, UserId, CreatedAt)
        SELECT @TargetId, s.UserId, MIN(s.CreatedAt)
        FROM (SELECT c.UserId, c.CreatedAt FROM CoSigns c WHERE c.ThreadId = @ThreadId
              UNION ALL
              SELECT d.AuthorId, d.CreatedAt FROM Threads d WHERE d.Id = @ThreadId) s
        WHERE s.UserId <> (SELECT t.AuthorId FROM Threads t WHERE t.Id = @TargetId)
          AND NOT EXISTS (SELECT 1 FROM CoSigns x WHERE x.ThreadId = @TargetId AND x.UserId = s.UserId)
        GROUP BY s.UserId
        """;

    private const string RecountCoSignsSql = """
        UPDATE Threads SET CoSignCount = (SELECT COUNT(*) FROM CoSigns c WHERE c.ThreadId = @TargetId), UpdatedAt = @Now
        WHERE Id = @TargetId
        """;

    public async Task<bool> MergeAsync(long threadId, StaffMember actor, long targetId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        var target = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, targetId, forUpdate: true, cancellationToken);
        if (state is null || target is null
            || await connection.ExecuteAsync(new CommandDefinition(MergeSql, new { ThreadId = threadId, TargetId = targetId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(MoveCoSignsSql, new { ThreadId = threadId, TargetId = targetId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(RecountCoSignsSql, new { TargetId = targetId, Now = now }, transaction, cancellationToken: cancellationToken));
        await AuditAsync(connection, transaction, actor, threadId, "Merge", null, Core.Complaints.ThreadNumber.Format(targetId), now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.MergedInto, At = now, Cycle = state.ReopenCount, ActorId = actor.UserId,
            ActorRole = actor.ActingRole, RelatedThreadId = targetId,
        }, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = targetId, Kind = ThreadEventKind.MergedFrom, At = now, Cycle = target.ReopenCount, ActorId = actor.UserId,
            ActorRole = actor.ActingRole, RelatedThreadId = threadId,
        }, cancellationToken);
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, state, now, cancellationToken);
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, targetId, target, now, cancellationToken);
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, targetId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string StaffReopenSql = """
        UPDATE Threads
        SET Status = 'Reopened', ReopenedAt = @Now, ReopenCount = ReopenCount + 1, SolutionPausedSeconds = 0,
            AwaitingHomeownerSince = NULL, UpdatedAt = @Now
        WHERE Id = @ThreadId AND Status = 'Closed' AND IsHidden = 0
        """;

    public async Task<bool> ReopenAsync(long threadId, StaffMember actor, DateTime now, string? reason = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        if (state is null || await connection.ExecuteAsync(new CommandDefinition(StaffReopenSql, new { ThreadId = threadId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "Reopen", nameof(Core.Complaints.ThreadStatus.Closed), nameof(Core.Complaints.ThreadStatus.Reopened), now, cancellationToken);
        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.Reopened, At = now, Cycle = state.ReopenCount + 1, ActorId = actor.UserId,
            ActorRole = actor.ActingRole, Text = reason,
        }, cancellationToken);
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, state, now, cancellationToken, actor.UserId, actor.ActingRole);
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<long> HeadquartersIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(HeadquartersIdSql, cancellationToken: cancellationToken));
    }

    private const string HeadquartersIdSql = "SELECT Id FROM Companies WHERE Kind = 'Headquarters'";

    private const string InsertAuditSql = """
        INSERT INTO AuditLog (ActorId, ActorRole, ThreadId, Action, Before, After, At)
        VALUES (@ActorId, @ActorRole, @ThreadId, @Action, @Before, @After, @At)
        """;

    internal static Task AuditAsync(DbConnection connection, DbTransaction transaction, StaffMember actor, long? threadId, string action, string? before, string? after, DateTime at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertAuditSql, new
        {
            ActorId = actor.UserId,
            ActorRole = actor.ActingRole,
            ThreadId = threadId,
            Action = action,
            Before = Clip(before),
            After = Clip(after),
            At = at,
        }, transaction, cancellationToken: cancellationToken));

    private static string? Clip(string? text) => text is null || text.Length <= 2000 ? text : text[..1997] + "...";

    private sealed class AuditRow
    {
        public long Id { get; init; }
        public DateTime At { get; init; }
        public string ActorName { get; init; } = "";
        public string ActorRole { get; init; } = "";
        public long? ThreadId { get; init; }
        public string Action { get; init; } = "";
        public string? Before { get; init; }
        public string? After { get; init; }
    }

    private sealed class QueueRow : ThreadSummaryRow
    {
        public long CompanyId { get; init; }
        public long? AssignedToId { get; init; }
    }
}
