using System.Data.Common;
using Dapper;
using Forum.Core.Moderation;
using Forum.Core.Complaints;
using Forum.Data.Complaints;
using Forum.Data.Database;
using Forum.Data.Search;

namespace Forum.Data.Moderation;

public sealed class ReportRepository(ForumDatabase database) : IReportRepository
{
    /// <summary>What a post hidden by reports shows as its reason, until a reviewer decides.</summary>
    public const string PendingReviewMarker = "PendingReview";

    public const string CommunityRole = "Community";

    private const string PostExistsSql = "SELECT COUNT(*) FROM Posts WHERE Id = @PostId AND Kind IN ('HomeownerReply', 'OfficialReply', 'Solution')";

    private const string InsertReportSql = """
        INSERT INTO Reports (PostId, ReporterId, Reason, Note, Status, CreatedAt)
        VALUES (@PostId, @ReporterId, @Reason, @Note, 'Open', @Now)
        """;

    private const string OpenReportsSql = "SELECT COUNT(*) FROM Reports WHERE PostId = @PostId AND Status = 'Open'";

    private const string HidePendingSql = """
        UPDATE Posts SET IsHidden = 1, HiddenReason = @Reason, HiddenByRole = @Role WHERE Id = @PostId AND IsHidden = 0
        """;

    public async Task<ReportOutcome> ReportAsync(long postId, long reporterId, ReportReason reason, string? note, int hideAt, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The post's thread under an update lock (SQL Server), so the count of open reports read below cannot change
        // before this report decides whether to hide the post.
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(ThreadOfPostSql, new { PostId = postId }, transaction, cancellationToken: cancellationToken)) is { } threadOfPost)
        {
            await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadOfPost, forUpdate: true, cancellationToken);
        }

        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(PostExistsSql, new { PostId = postId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return ReportOutcome.NotFound;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertReportSql,
                new { PostId = postId, ReporterId = reporterId, Reason = reason.ToString(), Note = note, Now = now }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            await transaction.RollbackAsync(cancellationToken);
            return ReportOutcome.AlreadyReported;
        }

        var open = await connection.ExecuteScalarAsync<int>(new CommandDefinition(OpenReportsSql, new { PostId = postId }, transaction, cancellationToken: cancellationToken));
        var hidden = open >= hideAt
            && await connection.ExecuteAsync(new CommandDefinition(HidePendingSql,
                new { PostId = postId, Reason = PendingReviewMarker, Role = CommunityRole }, transaction, cancellationToken: cancellationToken)) == 1;
        if (hidden)
        {
            var threadId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(ThreadOfPostSql, new { PostId = postId }, transaction, cancellationToken: cancellationToken));
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = ThreadEventKind.PostHidden, At = now, ActorRole = CommunityRole, PostId = postId, Text = PendingReviewMarker,
            }, cancellationToken);
            await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return hidden ? ReportOutcome.HiddenPendingReview : ReportOutcome.Counted;
    }

    // Counted per post first, so no long text column is ever grouped (SQL Server would refuse nvarchar(max)).
    private const string ListOpenSql = """
        SELECT o.Id AS PostId, o.ThreadId, t.CompanyId, o.Body, u.DisplayName AS AuthorName, o.IsHidden,
               c.Reports, c.FirstReportedAt
        FROM (SELECT PostId, COUNT(*) AS Reports, MIN(CreatedAt) AS FirstReportedAt
              FROM Reports WHERE Status = 'Open' GROUP BY PostId) c
        JOIN Posts o ON o.Id = c.PostId
        JOIN Threads t ON t.Id = o.ThreadId
        LEFT JOIN Users u ON u.Id = o.AuthorId
        """;

    private const string ReasonsSql = "SELECT PostId, Reason FROM Reports WHERE Status = 'Open'";

    internal static string ListOpenSqlFor(bool oneCompany) =>
        ListOpenSql + "\n" + (oneCompany ? "WHERE t.CompanyId = @CompanyId\n" : "") + "ORDER BY c.Reports DESC, c.FirstReportedAt";

    public async Task<IReadOnlyList<ReportedPost>> ListOpenAsync(long? companyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListOpenSqlFor(companyId is not null), new { CompanyId = companyId }, cancellationToken: cancellationToken));
        var reasons = (await connection.QueryAsync<(long PostId, string Reason)>(new CommandDefinition(ReasonsSql, cancellationToken: cancellationToken)))
            .GroupBy(r => r.PostId)
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(r => r.Reason).Distinct().Order(StringComparer.Ordinal)));
        return rows.Select(r => new ReportedPost(r.PostId, r.ThreadId, r.CompanyId, r.Body, r.AuthorName, r.IsHidden, r.Reports, reasons.GetValueOrDefault(r.PostId, ""), r.FirstReportedAt)).ToList();
    }

    private const string CloseReportsSql = """
        UPDATE Reports SET Status = @Status, ReviewedById = @ReviewerId, ReviewedAt = @Now WHERE PostId = @PostId AND Status = 'Open'
        """;

    private const string UpholdSql = "UPDATE Posts SET IsHidden = 1, HiddenReason = @Reason, HiddenByRole = @Role WHERE Id = @PostId";

    // A post that only the reports had hidden comes back; one hidden by staff for another reason stays hidden.
    private const string DismissSql = """
        UPDATE Posts SET IsHidden = 0, HiddenReason = NULL, HiddenByRole = NULL
        WHERE Id = @PostId AND HiddenByRole = 'Community'
        """;

    private const string ThreadOfPostSql = "SELECT ThreadId FROM Posts WHERE Id = @PostId";

    private const string AuditReviewSql = """
        INSERT INTO AuditLog (ActorId, ActorRole, ThreadId, Action, Before, After, At)
        VALUES (@ActorId, @ActorRole, @ThreadId, @Action, @Before, @After, @At)
        """;

    public async Task<bool> ReviewAsync(long postId, StaffMember reviewer, bool uphold, string publicReason, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var closed = await connection.ExecuteAsync(new CommandDefinition(CloseReportsSql,
            new { PostId = postId, Status = uphold ? "Upheld" : "Dismissed", ReviewerId = reviewer.UserId, Now = now }, transaction, cancellationToken: cancellationToken));
        if (closed == 0)
        {
            return false;
        }

        var changed = await connection.ExecuteAsync(new CommandDefinition(uphold ? UpholdSql : DismissSql,
            new { PostId = postId, Reason = publicReason, Role = reviewer.ActingRole }, transaction, cancellationToken: cancellationToken));
        var threadId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(ThreadOfPostSql, new { PostId = postId }, transaction, cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = uphold ? ThreadEventKind.PostHidden : ThreadEventKind.PostRestored, At = now, ActorId = reviewer.UserId,
                ActorRole = reviewer.ActingRole, PostId = postId, Text = uphold ? publicReason : null,
            }, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(AuditReviewSql, new
        {
            ActorId = reviewer.UserId,
            ActorRole = reviewer.ActingRole,
            ThreadId = threadId,
            Action = uphold ? "UpholdReports" : "DismissReports",
            Before = $"post {postId}: {closed} report(s)",
            After = uphold ? $"post {postId}: hidden ({publicReason})" : $"post {postId}: shown",
            At = now,
        }, transaction, cancellationToken: cancellationToken));
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class Row
    {
        public long PostId { get; init; }
        public long ThreadId { get; init; }
        public long CompanyId { get; init; }
        public string Body { get; init; } = "";
        public string? AuthorName { get; init; }
        public bool IsHidden { get; init; }
        public int Reports { get; init; }
        public DateTime FirstReportedAt { get; init; }
    }
}
