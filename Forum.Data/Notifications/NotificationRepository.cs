using System.Data.Common;
using Dapper;
using Forum.Core.Companies;
using Forum.Core.Mail;
using Forum.Core.Notifications;
using Forum.Data.Database;

namespace Forum.Data.Notifications;

public sealed class NotificationRepository(ForumDatabase database) : INotificationRepository
{
    private const string CursorSql = "SELECT Position FROM NotificationCursors WHERE Name = @Name";

    private const string StartPositionSql = "SELECT COALESCE(MAX(Id), 0) FROM Threads WHERE CreatedAt < @StartFrom";

    private const string StartPostPositionSql = "SELECT COALESCE(MAX(Id), 0) FROM Posts WHERE CreatedAt < @StartFrom";

    public Task<long> GetOrStartPostCursorAsync(string name, DateTime startFrom, DateTime now, CancellationToken cancellationToken = default) =>
        GetOrStartAsync(name, StartPostPositionSql, startFrom, now, cancellationToken);

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

    private const string OfficialUpdatesSql = """
        SELECT o.Id AS PostId, o.ThreadId, t.Title AS ThreadTitle, o.Kind, o.Body, o.CreatedAt,
               c.Name AS CompanyName, c.NameEn AS CompanyNameEn
        FROM Posts o
        JOIN Threads t ON t.Id = o.ThreadId
        JOIN Companies c ON c.Id = COALESCE(o.CompanyId, t.CompanyId)
        WHERE o.Id > @After AND o.Kind IN ('OfficialReply', 'Solution') AND o.IsHidden = 0
        ORDER BY o.Id
        """;

    public async Task<IReadOnlyList<OfficialUpdate>> ListOfficialUpdatesAfterAsync(long afterPostId, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UpdateRow>(new CommandDefinition(
            OfficialUpdatesSql + "\n" + database.Dialect.Limit("@Take"), new { After = afterPostId, Take = max }, cancellationToken: cancellationToken));
        return rows.Select(r => new OfficialUpdate
        {
            PostId = r.PostId,
            ThreadId = r.ThreadId,
            ThreadTitle = r.ThreadTitle,
            Kind = Enum.Parse<Forum.Core.Complaints.PostKind>(r.Kind),
            Body = r.Body,
            CreatedAt = r.CreatedAt,
            CompanyName = new LocalizedName(r.CompanyName, r.CompanyNameEn),
        }).ToList();
    }

    // Everyone who hears about the complaint, once each (an author who also follows is the author), unless they opted
    // out of it, switched the kind off, or have no confirmed address.
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
          AND NOT EXISTS (SELECT 1 FROM NotificationSettings s WHERE s.UserId = u.Id AND s.Kind = @Kind AND s.Enabled = 0)
        ORDER BY x.Rank, u.Id
        """;

    public async Task<IReadOnlyList<HomeownerRecipient>> HomeownerRecipientsAsync(long threadId, string kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long UserId, string Name, string Email, string Language, string Role)>(new CommandDefinition(
            HomeownerRecipientsSql, new { ThreadId = threadId, Kind = kind }, cancellationToken: cancellationToken));
        return rows.DistinctBy(r => r.UserId)
            .Select(r => new HomeownerRecipient(r.UserId, new NotificationRecipient(r.Name, r.Email, r.Language, r.Role)))
            .ToList();
    }

    private sealed class UpdateRow
    {
        public long PostId { get; init; }
        public long ThreadId { get; init; }
        public string ThreadTitle { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Body { get; init; } = "";
        public DateTime CreatedAt { get; init; }
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
