using System.Data.Common;
using System.Text;
using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Complaints;

public sealed class ThreadRepository(ForumDatabase database) : IThreadRepository
{
    /// <summary>The columns of a <see cref="ThreadSummaryRow"/> and their joins; list queries add WHERE and ORDER BY.</summary>
    internal const string ListSelectSql = "SELECT " + ListColumns + "\nFROM Threads t\n" + ListJoins;

    /// <summary>The columns of a <see cref="ThreadSummaryRow"/>, for queries that select them FROM another table.</summary>
    internal const string ListColumns = """
        t.Id, t.Title, t.Status, t.CreatedAt, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked,
               t.ReplyDueAt, t.SolutionDueAt, t.ReopenCount,
               c.Slug AS CompanySlug, c.Name AS CompanyName, c.NameEn AS CompanyNameEn,
               p.Slug AS ProjectSlug, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Code AS CategoryCode, g.Name AS CategoryName, g.NameEn AS CategoryNameEn,
               (SELECT MIN(ph.Id) FROM Photos ph WHERE ph.ThreadId = t.Id AND ph.PostId IS NULL AND ph.IsHidden = 0) AS PhotoId
        """;

    /// <summary>The joins that <see cref="ListColumns"/> reads from, after <c>Threads t</c>.</summary>
    internal const string ListJoins = """
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId

        """;

    public async Task<ThreadListPage> ListAsync(ThreadListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 200);

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryPageAsync(connection, query, cancellationToken);

        // A "newer" page that comes up short has reached the top: show the first page instead of a stub.
        if (query.Cursor is { Direction: PageDirection.Newer } && rows.Count <= query.PageSize)
        {
            query = query with { Cursor = null };
            rows = await QueryPageAsync(connection, query, cancellationToken);
        }

        var hasMore = rows.Count > query.PageSize;
        var items = rows.Take(query.PageSize).Select(r => r.ToSummary()).ToList();
        if (query.Cursor is { Direction: PageDirection.Newer })
        {
            items.Reverse();
        }

        if (items.Count == 0)
        {
            return new ThreadListPage(items, null, null);
        }

        var (hasNewer, hasOlder) = query.Cursor switch
        {
            null => (false, hasMore),
            { Direction: PageDirection.Older } => (true, hasMore),
            _ => (hasMore, true),
        };

        return new ThreadListPage(
            items,
            hasNewer ? new PageCursor(items[0].Id, PageDirection.Newer) : null,
            hasOlder ? new PageCursor(items[^1].Id, PageDirection.Older) : null);
    }

    private async Task<List<ThreadSummaryRow>> QueryPageAsync(
        DbConnection connection, ThreadListQuery query, CancellationToken cancellationToken)
    {
        var (sql, parameters) = BuildListSql(database.Dialect, query);
        var rows = await connection.QueryAsync<ThreadSummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// The list query, built clause by clause: every value is a parameter, the order is fixed (newest first), and the
    /// cursor turns into an indexed range on Id so a deep page costs what the first one does.
    /// </summary>
    internal static (string Sql, DynamicParameters Parameters) BuildListSql(SqlDialect dialect, ThreadListQuery query)
    {
        var newer = query.Cursor is { Direction: PageDirection.Newer };
        var where = new SqlWhere()
            .Always("t.IsHidden = 0")
            .When(query.CompanyId, "t.CompanyId = @CompanyId", "CompanyId")
            .When(query.ProjectId, "t.ProjectId = @ProjectId", "ProjectId")
            .When(query.CategoryId, "t.CategoryId = @CategoryId", "CategoryId")
            .When(query.Status?.ToString(), "t.Status = @Status", "Status")
            .When(query.Overdue is not null, OverdueCondition, new { OverdueAt = query.Overdue?.Now })
            .When(query.Cursor?.Id, newer ? "t.Id > @CursorId" : "t.Id < @CursorId", "CursorId");
        where.Parameters.Add("Take", query.PageSize + 1);

        var sql = new StringBuilder(ListSelectSql)
            .AppendLine()
            .Append(where.Sql)
            .Append(newer ? "ORDER BY t.Id ASC" : "ORDER BY t.Id DESC").AppendLine()
            .Append(dialect.Limit("@Take"))
            .ToString();
        return (sql, where.Parameters);
    }

    // Past the earliest running deadline the thread stored (EscalationPolicy decided it when the thread last changed).
    internal const string OverdueCondition = "t.DeadlineAt <= @OverdueAt";

    private const string FindSql = """
        SELECT t.Id, t.Title, t.Body, t.Status, t.CreatedAt, t.FirstOfficialReplyAt, t.SolutionProposedAt, t.ClosedAt,
               t.ReopenedAt, t.ResolutionSummary, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked,
               t.ReplyDueAt, t.SolutionDueAt, t.ReopenCount,
               t.CompanyId, t.AuthorId, t.ConfirmedAt, t.Rating, t.RatingComment, t.AwaitingHomeownerSince, t.AssignedToId, u.DisplayName AS AuthorName,
               c.Slug AS CompanySlug, c.Name AS CompanyName, c.NameEn AS CompanyNameEn,
               p.Slug AS ProjectSlug, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Code AS CategoryCode, g.Name AS CategoryName, g.NameEn AS CategoryNameEn
        FROM Threads t
        JOIN Users u ON u.Id = t.AuthorId
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        WHERE t.Id = @Id AND t.IsHidden = 0
        """;

    public async Task<ThreadDetail?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ThreadDetailRow>(
            new CommandDefinition(FindSql, new { Id = id }, cancellationToken: cancellationToken));
        return row is null ? null : new ThreadDetail
        {
            Id = row.Id,
            Title = row.Title,
            Body = row.Body,
            Status = Enum.Parse<ThreadStatus>(row.Status),
            AuthorName = row.AuthorName,
            CreatedAt = row.CreatedAt,
            FirstOfficialReplyAt = row.FirstOfficialReplyAt,
            SolutionProposedAt = row.SolutionProposedAt,
            ClosedAt = row.ClosedAt,
            ReopenedAt = row.ReopenedAt,
            ResolutionSummary = row.ResolutionSummary,
            ReplyCount = row.ReplyCount,
            CoSignCount = row.CoSignCount,
            IsGroupComplaint = row.IsGroupComplaint,
            IsLocked = row.IsLocked,
            CompanyId = row.CompanyId,
            AuthorId = row.AuthorId,
            ConfirmedAt = row.ConfirmedAt,
            Rating = row.Rating,
            RatingComment = row.RatingComment,
            AwaitingHomeownerSince = row.AwaitingHomeownerSince,
            AssignedToId = row.AssignedToId,
            ReplyDueAt = row.ReplyDueAt,
            SolutionDueAt = row.SolutionDueAt,
            Cycle = row.ReopenCount,
            CompanySlug = row.CompanySlug,
            CompanyName = new LocalizedName(row.CompanyName, row.CompanyNameEn),
            ProjectSlug = row.ProjectSlug,
            ProjectName = new LocalizedName(row.ProjectName, row.ProjectNameEn),
            CategoryCode = row.CategoryCode,
            CategoryName = new LocalizedName(row.CategoryName, row.CategoryNameEn),
        };
    }

    // Internal notes are filtered here, in SQL, so no public page can render one by mistake.
    private const string ListPublicPostsSql = PostRow.SelectSql + """
        WHERE o.ThreadId = @ThreadId AND o.Kind <> 'InternalNote'
        ORDER BY o.Id
        """;

    public async Task<IReadOnlyList<PublicPost>> ListPublicPostsAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PostRow>(
            new CommandDefinition(ListPublicPostsSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
        // A hidden post keeps its row but the public sees only the tombstone: its text never leaves here.
        return rows.Select(r => r.ToPost(withHiddenText: false)).ToList();
    }

    private const string MergedIntoSql = "SELECT MergedIntoId FROM Threads WHERE Id = @Id";

    public async Task<long?> FindMergedIntoAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(MergedIntoSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    internal const string MergedFromSql = """
        SELECT t.Id, t.Title, t.Body, t.CreatedAt, u.DisplayName AS AuthorName
        FROM Threads t
        JOIN Users u ON u.Id = t.AuthorId
        WHERE t.MergedIntoId = @ThreadId
        ORDER BY t.Id
        """;

    public async Task<IReadOnlyList<MergedDuplicate>> ListMergedFromAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(long Id, string Title, string Body, DateTime CreatedAt, string AuthorName)>(
            new CommandDefinition(MergedFromSql, new { ThreadId = threadId }, cancellationToken: cancellationToken))).AsList();
        var merged = new List<MergedDuplicate>(rows.Count);
        foreach (var row in rows)
        {
            var posts = await connection.QueryAsync<PostRow>(new CommandDefinition(ListPublicPostsSql, new { ThreadId = row.Id }, cancellationToken: cancellationToken));
            merged.Add(new MergedDuplicate(row.Id, row.Title, row.Body, row.AuthorName, row.CreatedAt,
                posts.Where(p => p.Kind != nameof(PostKind.Event)).Select(p => p.ToPost(withHiddenText: false)).ToList()));
        }

        return merged;
    }

    private const string HasCoSignedSql = "SELECT COUNT(*) FROM CoSigns WHERE ThreadId = @ThreadId AND UserId = @UserId";

    public async Task<bool> HasCoSignedAsync(long threadId, long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(HasCoSignedSql, new { ThreadId = threadId, UserId = userId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The list columns plus what only the thread page needs.</summary>
    private sealed class ThreadDetailRow : ThreadSummaryRow
    {
        public string Body { get; init; } = "";
        public DateTime? FirstOfficialReplyAt { get; init; }
        public DateTime? SolutionProposedAt { get; init; }
        public DateTime? ClosedAt { get; init; }
        public DateTime? ReopenedAt { get; init; }
        public string? ResolutionSummary { get; init; }
        public long CompanyId { get; init; }
        public long AuthorId { get; init; }
        public DateTime? ConfirmedAt { get; init; }
        public int? Rating { get; init; }
        public string? RatingComment { get; init; }
        public DateTime? AwaitingHomeownerSince { get; init; }
        public long? AssignedToId { get; init; }
        public string AuthorName { get; init; } = "";
    }
}
