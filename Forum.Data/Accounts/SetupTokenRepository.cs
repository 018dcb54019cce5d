using Dapper;
using Forum.Core.Accounts;
using Forum.Data.Database;

namespace Forum.Data.Accounts;

public sealed class SetupTokenRepository(ForumDatabase database) : ISetupTokenRepository
{
    private const string AnyAdminSql = "SELECT COUNT(*) FROM UserRoles WHERE Role = 'Admin'";

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(AnyAdminSql, cancellationToken: cancellationToken)) > 0;
    }

    private const string InsertTokenSql = "INSERT INTO SetupTokens (TokenHash, CreatedAt) VALUES (@TokenHash, @CreatedAt)";

    public async Task CreateAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertTokenSql, new { TokenHash = tokenHash, CreatedAt = now }, cancellationToken: cancellationToken));
    }

    private const string CountUnusedSql = "SELECT COUNT(*) FROM SetupTokens WHERE TokenHash = @TokenHash AND UsedAt IS NULL";

    public async Task<bool> IsUnusedAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountUnusedSql, new { TokenHash = tokenHash }, cancellationToken: cancellationToken)) == 1;
    }

    // Conditional: of two people submitting the same link at once, exactly one sees a row count of 1.
    private const string UseTokenSql = "UPDATE SetupTokens SET UsedAt = @Now WHERE TokenHash = @TokenHash AND UsedAt IS NULL";

    public async Task<bool> TryUseAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(UseTokenSql, new { TokenHash = tokenHash, Now = now }, cancellationToken: cancellationToken)) == 1;
    }

    private const string ReleaseTokenSql = "UPDATE SetupTokens SET UsedAt = NULL WHERE TokenHash = @TokenHash";

    public async Task ReleaseAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseTokenSql, new { TokenHash = tokenHash }, cancellationToken: cancellationToken));
    }
}
