using Dapper;
using Forum.Core.Accounts;
using Forum.Data.Database;

namespace Forum.Data.Accounts;

public sealed class SessionRepository(ForumDatabase database) : ISessionRepository
{
    private const string InsertSessionSql = """
        INSERT INTO Sessions (Id, UserId, SecurityStamp, Ticket, CreatedAt, ExpiresAt)
        VALUES (@Id, @UserId, @SecurityStamp, @Ticket, @CreatedAt, @ExpiresAt)
        """;

    // Expired rows are swept when their user signs in again, so the table holds live sessions and recent leftovers.
    private const string DeleteExpiredSql = "DELETE FROM Sessions WHERE UserId = @UserId AND ExpiresAt < @Now";

    public async Task CreateAsync(SessionRecord session, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteExpiredSql, new { session.UserId, Now = now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertSessionSql, session, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    // One indexed read per request: the session, its user's current stamp and whether the user may still sign in.
    private const string FindLiveTicketSql = """
        SELECT s.Ticket
        FROM Sessions s
        JOIN Users u ON u.Id = s.UserId
        WHERE s.Id = @Id AND u.IsActive = 1 AND u.SecurityStamp = s.SecurityStamp
          AND (s.ExpiresAt IS NULL OR s.ExpiresAt > @Now)
        """;

    public async Task<byte[]?> FindLiveTicketAsync(string id, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(FindLiveTicketSql, new { Id = id, Now = now }, cancellationToken: cancellationToken));
    }

    private const string RenewSessionSql = """
        UPDATE Sessions
        SET UserId = @UserId, SecurityStamp = @SecurityStamp, Ticket = @Ticket, ExpiresAt = @ExpiresAt
        WHERE Id = @Id
        """;

    public async Task RenewAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RenewSessionSql, session, cancellationToken: cancellationToken));
    }

    private const string DeleteSessionSql = "DELETE FROM Sessions WHERE Id = @Id";

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeleteSessionSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    private const string DeleteUserSessionsSql = "DELETE FROM Sessions WHERE UserId = @UserId";

    public async Task<int> DeleteAllForUserAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteUserSessionsSql, new { UserId = userId }, cancellationToken: cancellationToken));
    }
}
