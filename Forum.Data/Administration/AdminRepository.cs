using System.Data.Common;
using Dapper;
using Forum.Core.Administration;
using Forum.Core.Escalation;
using Forum.Data.Database;

namespace Forum.Data.Administration;

public sealed class AdminRepository(ForumDatabase database) : IAdminRepository
{
    private const string InsertCompanySql = """
        INSERT INTO Companies (Slug, Kind, Name, NameEn, SortOrder)
        VALUES (@Slug, 'Local', @Name, @NameEn, (SELECT COALESCE(MAX(SortOrder), 0) + 10 FROM Companies));
        """;

    public async Task<long?> AddCompanyAsync(string slug, string name, string nameEn, long actorId, DateTime now, CancellationToken cancellationToken = default) =>
        await InsertAuditedAsync(InsertCompanySql, new { Slug = slug, Name = name, NameEn = nameEn }, actorId, "AddCompany", slug, now, cancellationToken);

    private const string RenameCompanySql = "UPDATE Companies SET Name = @Name, NameEn = @NameEn WHERE Id = @Id";

    public async Task<bool> RenameCompanyAsync(long companyId, string name, string nameEn, long actorId, DateTime now, CancellationToken cancellationToken = default) =>
        await UpdateAuditedAsync(RenameCompanySql, new { Id = companyId, Name = name, NameEn = nameEn }, actorId, "RenameCompany", $"{companyId}: {name} / {nameEn}", now, cancellationToken);

    // The caller checks that the company is a local one (HQ owns no projects).
    private const string InsertProjectSql = """
        INSERT INTO Projects (CompanyId, Slug, Name, NameEn, City) VALUES (@CompanyId, @Slug, @Name, @NameEn, @City);
        """;

    public async Task<long?> AddProjectAsync(long companyId, string slug, string name, string nameEn, string city, long actorId, DateTime now, CancellationToken cancellationToken = default) =>
        await InsertAuditedAsync(InsertProjectSql, new { CompanyId = companyId, Slug = slug, Name = name, NameEn = nameEn, City = city }, actorId, "AddProject", slug, now, cancellationToken);

    private const string InsertCategorySql = """
        INSERT INTO Categories (Code, Name, NameEn, SortOrder)
        VALUES (@Code, @Name, @NameEn, (SELECT COALESCE(MAX(SortOrder), 0) + 10 FROM Categories));
        """;

    public async Task<long?> AddCategoryAsync(string code, string name, string nameEn, long actorId, DateTime now, CancellationToken cancellationToken = default) =>
        await InsertAuditedAsync(InsertCategorySql, new { Code = code, Name = name, NameEn = nameEn }, actorId, "AddCategory", code, now, cancellationToken);

    private const string ListStaffSql = """
        SELECT u.Id, u.DisplayName, u.Email, r.Role, u.CompanyId, u.IsActive, u.PasswordHash
        FROM Users u
        JOIN UserRoles r ON r.UserId = u.Id
        WHERE r.Role <> 'Homeowner'
        ORDER BY u.Id, r.Role
        """;

    public async Task<IReadOnlyList<StaffAccount>> ListStaffAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StaffRow>(new CommandDefinition(ListStaffSql, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Id)
            .Select(g => new StaffAccount(g.Key, g.First().DisplayName, g.First().Email, string.Join(",", g.Select(r => r.Role)), g.First().CompanyId, g.First().IsActive, g.First().PasswordHash is not null))
            .ToList();
    }

    private const string ListRecipientsSql = """
        SELECT Id, CompanyId, Role, Name, Email, Language, IsActive FROM EscalationRecipients ORDER BY CompanyId, Role, Id
        """;

    public async Task<IReadOnlyList<RecipientEntry>> ListRecipientsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RecipientRow>(new CommandDefinition(ListRecipientsSql, cancellationToken: cancellationToken));
        return rows.Select(r => new RecipientEntry(r.Id, r.CompanyId, Enum.Parse<RecipientRole>(r.Role), r.Name, r.Email, r.Language, r.IsActive)).ToList();
    }

    private const string InsertRecipientSql = """
        INSERT INTO EscalationRecipients (CompanyId, Role, Name, Email, Language, IsActive)
        VALUES (@CompanyId, @Role, @Name, @Email, @Language, 1);
        """;

    public async Task<long> AddRecipientAsync(long companyId, RecipientRole role, string name, string email, string language, long actorId, DateTime now, CancellationToken cancellationToken = default) =>
        await InsertAuditedAsync(InsertRecipientSql, new { CompanyId = companyId, Role = role.ToString(), Name = name, Email = email, Language = language },
            actorId, "AddRecipient", $"{companyId} {role} {email}", now, cancellationToken) ?? 0;

    private const string SetRecipientActiveSql = "UPDATE EscalationRecipients SET IsActive = @Active WHERE Id = @Id AND IsActive <> @Active";

    public async Task<bool> SetRecipientActiveAsync(long recipientId, bool active, long actorId, DateTime now, CancellationToken cancellationToken = default) =>
        await UpdateAuditedAsync(SetRecipientActiveSql, new { Id = recipientId, Active = active }, actorId,
            active ? "ActivateRecipient" : "DeactivateRecipient", recipientId.ToString(System.Globalization.CultureInfo.InvariantCulture), now, cancellationToken);

    private const string InsertAuditSql = """
        INSERT INTO AuditLog (ActorId, ActorRole, ThreadId, Action, Before, After, At)
        VALUES (@ActorId, 'Admin', NULL, @Action, @Before, @After, @At)
        """;

    public async Task AuditAsync(long actorId, string action, string? before, string? after, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertAuditSql, new { ActorId = actorId, Action = action, Before = before, After = after, At = now }, cancellationToken: cancellationToken));
    }

    private async Task<long?> InsertAuditedAsync(string sql, object parameters, long actorId, string action, string after, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql + "\n" + database.Dialect.SelectInsertedId, parameters, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        if (id == 0)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertAuditSql, new { ActorId = actorId, Action = action, Before = (string?)null, After = after, At = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private async Task<bool> UpdateAuditedAsync(string sql, object parameters, long actorId, string action, string after, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertAuditSql, new { ActorId = actorId, Action = action, Before = (string?)null, After = after, At = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed class StaffRow
    {
        public long Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string? Email { get; init; }
        public string Role { get; init; } = "";
        public long? CompanyId { get; init; }
        public bool IsActive { get; init; }
        public string? PasswordHash { get; init; }
    }

    private sealed class RecipientRow
    {
        public long Id { get; init; }
        public long CompanyId { get; init; }
        public string Role { get; init; } = "";
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string Language { get; init; } = "";
        public bool IsActive { get; init; }
    }
}
