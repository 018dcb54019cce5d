using System.Data.Common;
using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Forum.Data.Complaints;
using Forum.Data.Database;
using Forum.Data.Search;

namespace Forum.Data.Moderation;

public sealed class ModerationRepository(ForumDatabase database) : IModerationRepository
{
    private const string QueueSql = """
        SELECT t.Id, t.Title, t.Status, t.CreatedAt, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked, t.CompanyId,
               t.FirstOfficialReplyAt, t.SolutionProposedAt, t.ReopenedAt, t.ReopenCount, t.AwaitingHomeownerSince, t.SolutionPausedSeconds,
               t.AssignedToId, c.Slug AS CompanySlug, c.Name AS CompanyName, c.NameEn AS CompanyNameEn,
               p.Slug AS ProjectSlug, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Code AS CategoryCode, g.Name AS CategoryName, g.NameEn AS CategoryNameEn
        FROM Threads t
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        WHERE t.Status <> 'Closed' AND t.IsHidden = 0
        """;

    public async Task<IReadOnlyList<QueueItem>> ListQueueAsync(long? companyId, CancellationToken cancellationToken = default)
    {
        var sql = QueueSqlFor(database.Dialect, companyId is not null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<QueueRow>(new CommandDefinition(sql, new { CompanyId = companyId, Take = 5000 }, cancellationToken: cancellationToken));
        return rows.Select(r => new QueueItem
        {
            Thread = r.ToSummary(),
            CompanyId = r.CompanyId,
            FirstOfficialReplyAt = r.FirstOfficialReplyAt,
            SolutionProposedAt = r.SolutionProposedAt,
            ReopenedAt = r.ReopenedAt,
            ReopenCount = r.ReopenCount,
            AwaitingHomeownerSince = r.AwaitingHomeownerSince,
            SolutionPausedSeconds = r.SolutionPausedSeconds,
            AssignedToId = r.AssignedToId,
        }).ToList();
    }

    /// <summary>The queue query: every open thread, or one company's; ordered later by the nearest deadline.</summary>
    internal static string QueueSqlFor(SqlDialect dialect, bool oneCompany) =>
        QueueSql + (oneCompany ? " AND t.CompanyId = @CompanyId" : "") + "\nORDER BY t.Id\n" + dialect.Limit("@Take");

    private const string ContactSql = "SELECT RealName, Phone, Unit FROM ThreadContacts WHERE ThreadId = @ThreadId";

    private const string LoggedThisVisitSql = """
        SELECT COUNT(*) FROM ContactViews WHERE ThreadId = @ThreadId AND ViewerId = @ViewerId AND At >= @VisitStart
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
        var contact = await connection.QuerySingleOrDefaultAsync<ThreadContact>(new CommandDefinition(ContactSql, view, cancellationToken: cancellationToken));
        if (contact is null || await connection.ExecuteScalarAsync<long>(new CommandDefinition(LoggedThisVisitSql, view, cancellationToken: cancellationToken)) > 0)
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

    private const string FindPostByRequestSql = "SELECT Id FROM Posts WHERE RequestId = @RequestId";

    private const string ThreadStateSql = "SELECT Status FROM Threads WHERE Id = @ThreadId AND IsHidden = 0";

    private const string InsertOfficialPostSql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, CompanyId, Body, CreatedAt, RequestId)
        VALUES (@ThreadId, @Kind, @AuthorId, @CompanyId, @Body, @Now, @RequestId);
        """;

    // The first official reply stops rung 1; a solution stops rung 2 for the current cycle. EscalationDueAt = now
    // lets the sweep recompute the next deadline (or clear it).
    private const string AnswerThreadSql = """
        UPDATE Threads
        SET FirstOfficialReplyAt = COALESCE(FirstOfficialReplyAt, @Now),
            SolutionProposedAt = CASE WHEN @IsSolution = 1 THEN @Now ELSE SolutionProposedAt END,
            Status = @Status,
            ReplyCount = ReplyCount + 1,
            UpdatedAt = @Now,
            EscalationDueAt = @Now
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
        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ThreadStateSql, new { post.ThreadId }, transaction, cancellationToken: cancellationToken));
        if (status is null || status == nameof(ThreadStatus.Closed))
        {
            return null;
        }

        var before = Enum.Parse<ThreadStatus>(status);
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
        SET Status = 'Closed', ClosedAt = @Now, ResolutionSummary = @Summary, UpdatedAt = @Now, EscalationDueAt = NULL
        WHERE Id = @ThreadId AND Status <> 'Closed' AND IsHidden = 0
        """;

    public async Task<bool> CloseAsync(long threadId, StaffMember actor, string summary, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ThreadStateSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        var rows = await connection.ExecuteAsync(new CommandDefinition(CloseSql, new { ThreadId = threadId, Now = now, Summary = summary }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "Close", before, nameof(ThreadStatus.Closed) + ": " + summary, now, cancellationToken);
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
        var rows = await connection.ExecuteAsync(new CommandDefinition(HidePostSql, new { PostId = postId, Reason = reason, Role = actor.ActingRole }, transaction, cancellationToken: cancellationToken));
        if (rows == 0 || threadId is null)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "HidePost", $"post {postId}: visible", $"post {postId}: hidden ({reason})", now, cancellationToken);
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string AwaitSql = """
        UPDATE Threads
        SET Status = 'AwaitingHomeowner', AwaitingHomeownerSince = @Now, UpdatedAt = @Now, EscalationDueAt = @Now
        WHERE Id = @ThreadId AND Status NOT IN ('Closed', 'AwaitingHomeowner') AND IsHidden = 0
        """;

    private const string InsertAwaitEventSql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, Body, EventType, CreatedAt)
        VALUES (@ThreadId, 'Event', @AuthorId, '', 'AwaitingHomeowner', @Now)
        """;

    public async Task<bool> SetAwaitingHomeownerAsync(long threadId, StaffMember actor, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ThreadStateSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteAsync(new CommandDefinition(AwaitSql, new { ThreadId = threadId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertAwaitEventSql, new { ThreadId = threadId, AuthorId = actor.UserId, Now = now }, transaction, cancellationToken: cancellationToken));
        await AuditAsync(connection, transaction, actor, threadId, "AwaitHomeowner", before, nameof(ThreadStatus.AwaitingHomeowner), now, cancellationToken);
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
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string AuditSelectSql = """
        SELECT a.Id, a.At, u.DisplayName AS ActorName, a.ActorRole, a.ThreadId, a.Action, a.Before, a.After
        FROM AuditLog a
        JOIN Users u ON u.Id = a.ActorId
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
        var before = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CategoryCodeSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        var after = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CategoryCodeByIdSql, new { CategoryId = categoryId }, transaction, cancellationToken: cancellationToken));
        if (before is null || after is null
            || await connection.ExecuteAsync(new CommandDefinition(ChangeCategorySql, new { ThreadId = threadId, CategoryId = categoryId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "ChangeCategory", before, after, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string ProjectSlugSql = "SELECT p.Slug FROM Threads t JOIN Projects p ON p.Id = t.ProjectId WHERE t.Id = @ThreadId";

    private const string ProjectSlugByIdSql = "SELECT Slug FROM Projects WHERE Id = @ProjectId AND CompanyId = @CompanyId";

    // Another company may now answer: the sweep recomputes the clocks and the new company's staff see it.
    private const string MoveSql = """
        UPDATE Threads SET ProjectId = @ProjectId, CompanyId = @CompanyId, UpdatedAt = @Now, EscalationDueAt = @Now, AssignedToId = NULL
        WHERE Id = @ThreadId AND ProjectId <> @ProjectId
        """;

    public async Task<bool> MoveAsync(long threadId, StaffMember actor, long projectId, long companyId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ProjectSlugSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        var after = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ProjectSlugByIdSql, new { ProjectId = projectId, CompanyId = companyId }, transaction, cancellationToken: cancellationToken));
        if (before is null || after is null
            || await connection.ExecuteAsync(new CommandDefinition(MoveSql, new { ThreadId = threadId, ProjectId = projectId, CompanyId = companyId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "Move", before, after, now, cancellationToken);
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
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string MergeSql = """
        UPDATE Threads SET MergedIntoId = @TargetId, IsHidden = 1, EscalationDueAt = NULL, UpdatedAt = @Now
        WHERE Id = @ThreadId AND IsHidden = 0 AND @TargetId <> @ThreadId
          AND EXISTS (SELECT 1 FROM Threads x WHERE x.Id = @TargetId AND x.IsHidden = 0)
        """;

    public async Task<bool> MergeAsync(long threadId, StaffMember actor, long targetId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(MergeSql, new { ThreadId = threadId, TargetId = targetId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditAsync(connection, transaction, actor, threadId, "Merge", null, Core.Complaints.ThreadNumber.Format(targetId), now, cancellationToken);
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string StaffReopenSql = """
        UPDATE Threads
        SET Status = 'Reopened', ReopenedAt = @Now, ReopenCount = ReopenCount + 1, SolutionPausedSeconds = 0,
            AwaitingHomeownerSince = NULL, UpdatedAt = @Now, EscalationDueAt = @Now
        WHERE Id = @ThreadId AND Status = 'Closed' AND IsHidden = 0
        """;

    private const string InsertReopenEventSql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, Body, EventType, CreatedAt)
        VALUES (@ThreadId, 'Event', @AuthorId, '', 'Reopened', @Now)
        """;

    public async Task<bool> ReopenAsync(long threadId, StaffMember actor, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(StaffReopenSql, new { ThreadId = threadId, Now = now }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertReopenEventSql, new { ThreadId = threadId, AuthorId = actor.UserId, Now = now }, transaction, cancellationToken: cancellationToken));
        await AuditAsync(connection, transaction, actor, threadId, "Reopen", nameof(Core.Complaints.ThreadStatus.Closed), nameof(Core.Complaints.ThreadStatus.Reopened), now, cancellationToken);
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
        public DateTime? FirstOfficialReplyAt { get; init; }
        public DateTime? SolutionProposedAt { get; init; }
        public DateTime? ReopenedAt { get; init; }
        public int ReopenCount { get; init; }
        public DateTime? AwaitingHomeownerSince { get; init; }
        public long SolutionPausedSeconds { get; init; }
        public long? AssignedToId { get; init; }
    }
}
