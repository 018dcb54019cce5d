using System.Data.Common;
using System.Globalization;
using Dapper;
using Forum.Core.Companies;
using Forum.Core.Complaints;
using Forum.Core.Mail;
using Forum.Core.Notifications;
using Forum.Data.Database;

namespace Forum.Data.Notifications;

public sealed class NotificationRepository(ForumDatabase database) : INotificationRepository
{
    private const string CursorSql = "SELECT Position FROM NotificationCursors WHERE Name = @Name";

    private const string StartPositionSql = "SELECT COALESCE(MAX(Id), 0) FROM Threads WHERE CreatedAt < @StartFrom";

    private const string StartEventPositionSql = "SELECT COALESCE(MAX(Id), 0) FROM ThreadEvents WHERE At < @StartFrom";

    public Task<long> GetOrStartEventCursorAsync(string name, DateTime startFrom, DateTime now, CancellationToken cancellationToken = default) =>
        GetOrStartAsync(name, StartEventPositionSql, startFrom, now, cancellationToken);

    private const string InsertCursorSql = """
        INSERT INTO NotificationCursors (Name, Position, UpdatedAt)
        VALUES (@Name, @Position, @Now)
        """;

    public Task<long> GetOrStartCursorAsync(string name, DateTime startFrom, DateTime now, CancellationToken cancellationToken = default) =>
        GetOrStartAsync(name, StartPositionSql, startFrom, now, cancellationToken);

    private async Task<long> GetOrStartAsync(string name, string startSql, DateTime startFrom, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(CursorSql, new { Name = name }, cancellationToken: cancellationToken)) is { } position)
        {
            return position;
        }

        var start = await connection.ExecuteScalarAsync<long>(new CommandDefinition(startSql, new { StartFrom = startFrom }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertCursorSql, new { Name = name, Position = start, Now = now }, cancellationToken: cancellationToken));
            return start;
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            // Another node started it first: follow theirs.
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CursorSql, new { Name = name }, cancellationToken: cancellationToken));
        }
    }

    private const string AdvanceSql = """
        UPDATE NotificationCursors
        SET Position = @Position, UpdatedAt = @Now
        WHERE Name = @Name AND Position < @Position
        """;

    public async Task AdvanceCursorAsync(string name, long position, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(AdvanceSql, new { Name = name, Position = position, Now = now }, cancellationToken: cancellationToken));
    }

    private const string PostedAfterSql = """
        SELECT t.Id AS ThreadId, t.Title, t.Body, t.CreatedAt, t.CompanyId, t.AssignedToId,
               c.Name AS CompanyName, c.NameEn AS CompanyNameEn, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Name AS CategoryName, g.NameEn AS CategoryNameEn
        FROM Threads t
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        WHERE t.Id > @After
        ORDER BY t.Id
        """;

    public async Task<IReadOnlyList<PostedComplaint>> ListPostedAfterAsync(long afterThreadId, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PostedRow>(new CommandDefinition(
            PostedAfterSql + "\n" + database.Dialect.Limit("@Take"), new { After = afterThreadId, Take = max }, cancellationToken: cancellationToken));
        return rows.Select(r => new PostedComplaint
        {
            ThreadId = r.ThreadId,
            Title = r.Title,
            Body = r.Body,
            CreatedAt = r.CreatedAt,
            CompanyId = r.CompanyId,
            AssignedToId = r.AssignedToId,
            CompanyName = new LocalizedName(r.CompanyName, r.CompanyNameEn),
            ProjectName = new LocalizedName(r.ProjectName, r.ProjectNameEn),
            CategoryName = new LocalizedName(r.CategoryName, r.CategoryNameEn),
        }).ToList();
    }

    private const string IntakeRecipientsSql = """
        SELECT Name, Email, Language, 'CustomerRelations' AS Role
        FROM EscalationRecipients
        WHERE CompanyId = @CompanyId AND Role = 'CustomerRelations' AND IsActive = 1
        UNION ALL
        SELECT DisplayName AS Name, Email, Language, 'Assignee' AS Role
        FROM Users
        WHERE Id = @AssignedToId AND IsActive = 1 AND Email IS NOT NULL
        """;

    public async Task<IReadOnlyList<NotificationRecipient>> IntakeRecipientsAsync(long companyId, long? assignedToId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, string Email, string Language, string Role)>(new CommandDefinition(
            IntakeRecipientsSql, new { CompanyId = companyId, AssignedToId = assignedToId }, cancellationToken: cancellationToken));
        return rows.Select(r => new NotificationRecipient(r.Name, r.Email, r.Language, r.Role == "Assignee" ? NotificationRoles.Assignee : r.Role)).ToList();
    }

    // The acts homeowners hear of (HomeownerNotices.Kinds), past the complaint's mark: what is left to mail.
    private const string UnsentEventsSql = """
        SELECT e.Id AS EventId, e.ThreadId, e.At
        FROM ThreadEvents e
        LEFT JOIN NotificationThreadMarks m ON m.ThreadId = e.ThreadId
        WHERE e.Id > @After
          AND e.Kind IN ('OfficialReply', 'SolutionProposed', 'AwaitingHomeowner', 'Closed', 'MergedInto', 'Moved')
          AND (m.LastEventId IS NULL OR e.Id > m.LastEventId)
        ORDER BY e.Id
        """;

    public async Task<IReadOnlyList<(long EventId, long ThreadId, DateTime At)>> ListUnsentEventsAsync(long afterEventId, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long EventId, long ThreadId, DateTime At)>(new CommandDefinition(
            UnsentEventsSql + "\n" + database.Dialect.Limit("@Take"), new { After = afterEventId, Take = max }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    // The company named is the one that answered (the post's), else the acting staff member's, else the complaint's.
    private const string BatchSql = """
        SELECT e.Id AS EventId, e.ThreadId, t.Title AS ThreadTitle, e.Kind, e.At, e.PostId, e.RelatedThreadId, e.FromValue, e.ToValue,
               CASE WHEN e.PostId IS NULL THEN e.Text ELSE o.Body END AS Text,
               COALESCE(o.IsHidden, 0) AS PostHidden,
               c.Name AS CompanyName, c.NameEn AS CompanyNameEn
        FROM ThreadEvents e
        JOIN Threads t ON t.Id = e.ThreadId
        LEFT JOIN Posts o ON o.Id = e.PostId
        LEFT JOIN Users a ON a.Id = e.ActorId
        JOIN Companies c ON c.Id = COALESCE(o.CompanyId, a.CompanyId, t.CompanyId)
        WHERE e.ThreadId = @ThreadId AND e.Id >= @First
          AND (e.Id = @First OR e.At < @Before)
          AND e.Kind IN ('OfficialReply', 'SolutionProposed', 'AwaitingHomeowner', 'Closed', 'MergedInto', 'Moved')
        ORDER BY e.Id
        """;

    private const string ProjectNameSql = "SELECT Name, NameEn FROM Projects WHERE Id = @Id";

    public async Task<IReadOnlyList<HomeownerEvent>> ListBatchAsync(long threadId, long firstEventId, DateTime before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<BatchRow>(new CommandDefinition(
            BatchSql, new { ThreadId = threadId, First = firstEventId, Before = before }, cancellationToken: cancellationToken))).AsList();
        var projects = new Dictionary<string, LocalizedName>(StringComparer.Ordinal);
        foreach (var value in rows.Where(r => r.Kind == nameof(ThreadEventKind.Moved)).SelectMany(r => new[] { r.FromValue, r.ToValue }))
        {
            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var projectId) && !projects.ContainsKey(value)
                && await connection.QuerySingleOrDefaultAsync<(string Name, string NameEn)?>(new CommandDefinition(
                    ProjectNameSql, new { Id = projectId }, cancellationToken: cancellationToken)) is { } name)
            {
                projects[value] = new LocalizedName(name.Name, name.NameEn);
            }
        }

        return rows.Select(r => new HomeownerEvent
        {
            EventId = r.EventId,
            ThreadId = r.ThreadId,
            ThreadTitle = r.ThreadTitle,
            Kind = Enum.Parse<ThreadEventKind>(r.Kind),
            At = r.At,
            CompanyName = new LocalizedName(r.CompanyName, r.CompanyNameEn),
            Text = r.Text,
            PostId = r.PostId,
            PostHidden = r.PostHidden,
            RelatedThreadId = r.RelatedThreadId,
            FromProject = r.FromValue is { } from && projects.TryGetValue(from, out var fromName) ? fromName : null,
            ToProject = r.ToValue is { } to && projects.TryGetValue(to, out var toName) ? toName : null,
        }).ToList();
    }

    private const string AdvanceMarkSql = """
        UPDATE NotificationThreadMarks
        SET LastEventId = @Last, UpdatedAt = @Now
        WHERE ThreadId = @ThreadId AND LastEventId < @Last
        """;

    private const string InsertMarkSql = """
        INSERT INTO NotificationThreadMarks (ThreadId, LastEventId, UpdatedAt)
        VALUES (@ThreadId, @Last, @Now)
        """;

    private const string MarkExistsSql = "SELECT COUNT(*) FROM NotificationThreadMarks WHERE ThreadId = @ThreadId";

    public async Task MarkMailedAsync(long threadId, long lastEventId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new { ThreadId = threadId, Last = lastEventId, Now = now };
        if (await connection.ExecuteAsync(new CommandDefinition(AdvanceMarkSql, parameters, cancellationToken: cancellationToken)) > 0
            || await connection.ExecuteScalarAsync<int>(new CommandDefinition(MarkExistsSql, parameters, cancellationToken: cancellationToken)) > 0)
        {
            return;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertMarkSql, parameters, cancellationToken: cancellationToken));
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            // Another node marked it first: move it forward if it is behind.
            await connection.ExecuteAsync(new CommandDefinition(AdvanceMarkSql, parameters, cancellationToken: cancellationToken));
        }
    }

    // Everyone who hears about the complaint, once each (an author who also follows is the author), unless they opted
    // out of it or have no confirmed address; their switches are read next.
    private const string HomeownerRecipientsSql = """
        SELECT u.Id AS UserId, u.DisplayName AS Name, u.Email, u.Language, x.Role
        FROM (
            SELECT AuthorId AS UserId, 'Author' AS Role, 0 AS Rank FROM Threads WHERE Id = @ThreadId
            UNION ALL
            SELECT UserId, 'CoSigner', 1 FROM CoSigns WHERE ThreadId = @ThreadId
            UNION ALL
            SELECT UserId, 'Follower', 2 FROM ThreadFollowers WHERE ThreadId = @ThreadId
        ) x
        JOIN Users u ON u.Id = x.UserId
        WHERE u.IsActive = 1 AND u.EmailConfirmed = 1 AND u.Email IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM NotificationOptOuts n WHERE n.UserId = u.Id AND n.ThreadId = @ThreadId)
        ORDER BY x.Rank, u.Id
        """;

    private const string SwitchedOffSql = """
        SELECT s.UserId, s.Kind
        FROM NotificationSettings s
        WHERE s.Enabled = 0
          AND s.UserId IN (SELECT AuthorId FROM Threads WHERE Id = @ThreadId
                           UNION SELECT UserId FROM CoSigns WHERE ThreadId = @ThreadId
                           UNION SELECT UserId FROM ThreadFollowers WHERE ThreadId = @ThreadId)
        """;

    public async Task<IReadOnlyList<HomeownerRecipient>> HomeownerRecipientsAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long UserId, string Name, string Email, string Language, string Role)>(new CommandDefinition(
            HomeownerRecipientsSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
        var off = (await connection.QueryAsync<(long UserId, string Kind)>(new CommandDefinition(
                SwitchedOffSql, new { ThreadId = threadId }, cancellationToken: cancellationToken)))
            .ToLookup(s => s.UserId, s => s.Kind);
        return rows.DistinctBy(r => r.UserId)
            .Select(r => new HomeownerRecipient(r.UserId, new NotificationRecipient(r.Name, r.Email, r.Language, r.Role))
            {
                DisabledKinds = off[r.UserId].ToHashSet(StringComparer.Ordinal),
            })
            .ToList();
    }

    private sealed class BatchRow
    {
        public long EventId { get; init; }
        public long ThreadId { get; init; }
        public string ThreadTitle { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateTime At { get; init; }
        public long? PostId { get; init; }
        public long? RelatedThreadId { get; init; }
        public string? FromValue { get; init; }
        public string? ToValue { get; init; }
        public string? Text { get; init; }
        public bool PostHidden { get; init; }
        public string CompanyName { get; init; } = "";
        public string CompanyNameEn { get; init; } = "";
    }

    private sealed class PostedRow
    {
        public long ThreadId { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public long CompanyId { get; init; }
        public long? AssignedToId { get; init; }
        public string CompanyName { get; init; } = "";
        public string CompanyNameEn { get; init; } = "";
        public string ProjectName { get; init; } = "";
        public string ProjectNameEn { get; init; } = "";
        public string CategoryName { get; init; } = "";
        public string CategoryNameEn { get; init; } = "";
    }
}
