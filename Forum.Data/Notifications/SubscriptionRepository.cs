using System.Data.Common;
using Dapper;
using Forum.Core.Notifications;
using Forum.Data.Database;

namespace Forum.Data.Notifications;

public sealed class SubscriptionRepository(ForumDatabase database) : ISubscriptionRepository
{
    private const string InsertOptOutSql = "INSERT INTO NotificationOptOuts (UserId, ThreadId, CreatedAt) VALUES (@UserId, @ThreadId, @Now)";

    private const string DeleteFollowSql = "DELETE FROM ThreadFollowers WHERE ThreadId = @ThreadId AND UserId = @UserId";

    public async Task OptOutAsync(long userId, long threadId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertIgnoringDuplicateAsync(connection, transaction, InsertOptOutSql, new { UserId = userId, ThreadId = threadId, Now = now }, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteFollowSql, new { UserId = userId, ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private const string IsOptedOutSql = "SELECT COUNT(*) FROM NotificationOptOuts WHERE UserId = @UserId AND ThreadId = @ThreadId";

    public async Task<bool> IsOptedOutAsync(long userId, long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(IsOptedOutSql, new { UserId = userId, ThreadId = threadId }, cancellationToken: cancellationToken)) > 0;
    }

    private const string InsertFollowSql = "INSERT INTO ThreadFollowers (ThreadId, UserId, CreatedAt) VALUES (@ThreadId, @UserId, @Now)";

    private const string DeleteOptOutSql = "DELETE FROM NotificationOptOuts WHERE UserId = @UserId AND ThreadId = @ThreadId";

    public async Task SetFollowingAsync(long userId, long threadId, bool follow, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { UserId = userId, ThreadId = threadId, Now = now };
        if (follow)
        {
            await InsertIgnoringDuplicateAsync(connection, transaction, InsertFollowSql, parameters, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(DeleteOptOutSql, parameters, transaction, cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(DeleteFollowSql, parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private const string IsFollowingSql = "SELECT COUNT(*) FROM ThreadFollowers WHERE UserId = @UserId AND ThreadId = @ThreadId";

    public async Task<bool> IsFollowingAsync(long userId, long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(IsFollowingSql, new { UserId = userId, ThreadId = threadId }, cancellationToken: cancellationToken)) > 0;
    }

    private const string FollowedSql = """
        SELECT t.Id, t.Title, t.Status, t.CreatedAt, t.ReplyCount, t.CoSignCount, t.IsGroupComplaint, t.IsLocked,
               t.ReplyDueAt, t.SolutionDueAt, t.ReopenCount,
               c.Slug AS CompanySlug, c.Name AS CompanyName, c.NameEn AS CompanyNameEn,
               p.Slug AS ProjectSlug, p.Name AS ProjectName, p.NameEn AS ProjectNameEn,
               g.Code AS CategoryCode, g.Name AS CategoryName, g.NameEn AS CategoryNameEn
        FROM ThreadFollowers f
        JOIN Threads t ON t.Id = f.ThreadId
        JOIN Companies c ON c.Id = t.CompanyId
        JOIN Projects p ON p.Id = t.ProjectId
        JOIN Categories g ON g.Id = t.CategoryId
        WHERE f.UserId = @UserId AND t.IsHidden = 0 AND t.MergedIntoId IS NULL
        ORDER BY f.CreatedAt DESC, t.Id DESC
        """;

    public async Task<IReadOnlyList<Core.Complaints.ThreadSummary>> ListFollowedAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Complaints.ThreadSummaryRow>(new CommandDefinition(
            FollowedSql + "\n" + database.Dialect.Limit("@Take"), new { UserId = userId, Take = 200 }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    private const string DisabledKindsSql = "SELECT Kind FROM NotificationSettings WHERE UserId = @UserId AND Enabled = 0";

    public async Task<IReadOnlySet<string>> DisabledKindsAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(DisabledKindsSql, new { UserId = userId }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }

    private const string UpdateSettingSql = "UPDATE NotificationSettings SET Enabled = @Enabled WHERE UserId = @UserId AND Kind = @Kind";

    private const string InsertSettingSql = "INSERT INTO NotificationSettings (UserId, Kind, Enabled) VALUES (@UserId, @Kind, @Enabled)";

    public async Task SetKindEnabledAsync(long userId, string kind, bool enabled, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { UserId = userId, Kind = kind, Enabled = enabled };
        if (await connection.ExecuteAsync(new CommandDefinition(UpdateSettingSql, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            await InsertIgnoringDuplicateAsync(connection, transaction, InsertSettingSql, parameters, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task InsertIgnoringDuplicateAsync(DbConnection connection, DbTransaction transaction, string sql, object parameters, CancellationToken cancellationToken)
    {
        // Inside a transaction a failed statement must not abort it (SQL Server): look first, then insert.
        var exists = sql == InsertOptOutSql ? IsOptedOutSql : sql == InsertFollowSql ? IsFollowingSql : null;
        if (exists is not null && await connection.ExecuteScalarAsync<int>(new CommandDefinition(exists, parameters, transaction, cancellationToken: cancellationToken)) > 0)
        {
            return;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            // Someone did the same at the same moment: the row is there, which is all that was asked.
        }
    }
}
