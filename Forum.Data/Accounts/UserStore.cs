using Dapper;
using Forum.Core.Accounts;
using Forum.Data.Database;
using Microsoft.AspNetCore.Identity;

namespace Forum.Data.Accounts;

/// <summary>
/// ASP.NET Core Identity's user store on Dapper: users, passwords, e-mail confirmation, security stamps, lockout and
/// roles, in the forum's own Users and UserRoles tables. Identity does the hashing, tokens and lockout rules.
/// </summary>
public sealed class UserStore(ForumDatabase database, TimeProvider timeProvider) :
    IUserPasswordStore<ForumUser>,
    IUserEmailStore<ForumUser>,
    IUserSecurityStampStore<ForumUser>,
    IUserLockoutStore<ForumUser>,
    IUserRoleStore<ForumUser>
{
    private const string Columns = """
        Id, DisplayName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp,
        LockoutEnd, LockoutEnabled, AccessFailedCount, Language, CompanyId, IsActive, CreatedAt
        """;

    private const string InsertUserSql = """
        INSERT INTO Users (DisplayName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp,
                           LockoutEnd, LockoutEnabled, AccessFailedCount, Language, CompanyId, IsActive, CreatedAt)
        VALUES (@DisplayName, @Email, @NormalizedEmail, @EmailConfirmed, @PasswordHash, @SecurityStamp, @ConcurrencyStamp,
                @LockoutEnd, @LockoutEnabled, @AccessFailedCount, @Language, @CompanyId, @IsActive, @CreatedAt);
        """;

    public async Task<IdentityResult> CreateAsync(ForumUser user, CancellationToken cancellationToken)
    {
        user.CreatedAt = user.CreatedAt == default ? timeProvider.GetUtcNow().UtcDateTime : user.CreatedAt;
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            user.Id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                InsertUserSql + "\n" + database.Dialect.SelectInsertedId, Parameters(user), cancellationToken: cancellationToken));
            return IdentityResult.Success;
        }
        catch (System.Data.Common.DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email ?? ""));
        }
    }

    // Optimistic concurrency: an update that lost a race (another request changed the row first) fails cleanly.
    private const string UpdateUserSql = """
        UPDATE Users
        SET DisplayName = @DisplayName, Email = @Email, NormalizedEmail = @NormalizedEmail, EmailConfirmed = @EmailConfirmed,
            PasswordHash = @PasswordHash, SecurityStamp = @SecurityStamp, ConcurrencyStamp = @NewConcurrencyStamp,
            LockoutEnd = @LockoutEnd, LockoutEnabled = @LockoutEnabled, AccessFailedCount = @AccessFailedCount,
            Language = @Language, CompanyId = @CompanyId, IsActive = @IsActive
        WHERE Id = @Id AND (ConcurrencyStamp = @ConcurrencyStamp OR ConcurrencyStamp IS NULL)
        """;

    public async Task<IdentityResult> UpdateAsync(ForumUser user, CancellationToken cancellationToken)
    {
        var parameters = Parameters(user);
        var newStamp = Guid.NewGuid().ToString("N");
        parameters.Add("NewConcurrencyStamp", newStamp);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(UpdateUserSql, parameters, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        user.ConcurrencyStamp = newStamp;
        return IdentityResult.Success;
    }

    private const string DeactivateUserSql = "UPDATE Users SET IsActive = 0, PasswordHash = NULL WHERE Id = @Id";

    /// <summary>Accounts are deactivated, never deleted: their complaints and replies stay on the public record.</summary>
    public async Task<IdentityResult> DeleteAsync(ForumUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeactivateUserSql, new { user.Id }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    private const string FindByIdSql = "SELECT " + Columns + " FROM Users WHERE Id = @Id";

    public async Task<ForumUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(userId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ForumUser>(new CommandDefinition(FindByIdSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    private const string FindByEmailSql = "SELECT " + Columns + " FROM Users WHERE NormalizedEmail = @NormalizedEmail";

    public async Task<ForumUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ForumUser>(new CommandDefinition(FindByEmailSql, new { NormalizedEmail = normalizedEmail }, cancellationToken: cancellationToken));
    }

    // The e-mail address is the user name.
    public Task<ForumUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByEmailAsync(normalizedUserName, cancellationToken);

    public Task<string> GetUserIdAsync(ForumUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<string?> GetUserNameAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.Email);

    public Task SetUserNameAsync(ForumUser user, string? userName, CancellationToken cancellationToken)
    {
        user.Email = userName;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedEmail);

    public Task SetNormalizedUserNameAsync(ForumUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedName;
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(ForumUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(ForumUser user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email;
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.Email);

    public Task<bool> GetEmailConfirmedAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(ForumUser user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(ForumUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail;
        return Task.CompletedTask;
    }

    public Task SetSecurityStampAsync(ForumUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(ForumUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(ForumUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(ForumUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(ForumUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    private const string AddRoleSql = """
        INSERT INTO UserRoles (UserId, Role)
        SELECT @UserId, @Role
        WHERE NOT EXISTS (SELECT 1 FROM UserRoles WHERE UserId = @UserId AND Role = @Role)
        """;

    public async Task AddToRoleAsync(ForumUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(AddRoleSql, new { UserId = user.Id, Role = CanonicalRole(roleName) }, cancellationToken: cancellationToken));
    }

    private const string RemoveRoleSql = "DELETE FROM UserRoles WHERE UserId = @UserId AND Role = @Role";

    public async Task RemoveFromRoleAsync(ForumUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RemoveRoleSql, new { UserId = user.Id, Role = CanonicalRole(roleName) }, cancellationToken: cancellationToken));
    }

    private const string ListRolesSql = "SELECT Role FROM UserRoles WHERE UserId = @UserId ORDER BY Role";

    public async Task<IList<string>> GetRolesAsync(ForumUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(ListRolesSql, new { UserId = user.Id }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> IsInRoleAsync(ForumUser user, string roleName, CancellationToken cancellationToken) =>
        (await GetRolesAsync(user, cancellationToken)).Contains(CanonicalRole(roleName));

    private const string UsersInRoleSql = "SELECT u.Id, u.DisplayName, u.Email, u.NormalizedEmail, u.EmailConfirmed, u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp, u.LockoutEnd, u.LockoutEnabled, u.AccessFailedCount, u.Language, u.CompanyId, u.IsActive, u.CreatedAt FROM Users u JOIN UserRoles r ON r.UserId = u.Id WHERE r.Role = @Role ORDER BY u.Id";

    public async Task<IList<ForumUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ForumUser>(new CommandDefinition(UsersInRoleSql, new { Role = CanonicalRole(roleName) }, cancellationToken: cancellationToken))).ToList();
    }

    public void Dispose()
    {
    }

    /// <summary>Identity passes normalized (upper-case) role names; the table holds the canonical spelling.</summary>
    private static string CanonicalRole(string roleName) =>
        ForumRoles.All.FirstOrDefault(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown role {roleName}.", nameof(roleName));

    private static DynamicParameters Parameters(ForumUser user)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Id", user.Id);
        parameters.Add("DisplayName", user.DisplayName);
        parameters.Add("Email", user.Email);
        parameters.Add("NormalizedEmail", user.NormalizedEmail);
        parameters.Add("EmailConfirmed", user.EmailConfirmed);
        parameters.Add("PasswordHash", user.PasswordHash);
        parameters.Add("SecurityStamp", user.SecurityStamp);
        parameters.Add("ConcurrencyStamp", user.ConcurrencyStamp);
        parameters.Add("LockoutEnd", user.LockoutEnd?.UtcDateTime);
        parameters.Add("LockoutEnabled", user.LockoutEnabled);
        parameters.Add("AccessFailedCount", user.AccessFailedCount);
        parameters.Add("Language", user.Language);
        parameters.Add("CompanyId", user.CompanyId);
        parameters.Add("IsActive", user.IsActive);
        parameters.Add("CreatedAt", user.CreatedAt);
        return parameters;
    }
}
