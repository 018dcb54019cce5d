using Dapper;
using Forum.Core.Complaints;
using Forum.Data.Database;

namespace Forum.Tests.Support;

/// <summary>Writes the rows a test needs, through plain SQL on the real database, and returns their ids.</summary>
public sealed class TestData(ForumDatabase database)
{
    private int _sequence;

    public async Task<long> CompanyAsync(string? slug = null, string kind = "Local")
    {
        slug ??= "company-" + Interlocked.Increment(ref _sequence);
        return await InsertAsync(
            "INSERT INTO Companies (Slug, Kind, Name, NameEn, SortOrder) VALUES (@Slug, @Kind, @Name, @NameEn, 0);",
            new { Slug = slug, Kind = kind, Name = slug + "公司", NameEn = slug + " Company" });
    }

    public async Task<long> ProjectAsync(long companyId, string? slug = null)
    {
        slug ??= "project-" + Interlocked.Increment(ref _sequence);
        return await InsertAsync(
            "INSERT INTO Projects (CompanyId, Slug, Name, NameEn, City) VALUES (@CompanyId, @Slug, @Name, @NameEn, @City);",
            new { CompanyId = companyId, Slug = slug, Name = slug + "花园", NameEn = slug + " Garden", City = "深圳" });
    }

    public async Task<long> UserAsync(string displayName = "业主", long? companyId = null) =>
        await InsertAsync(
            "INSERT INTO Users (DisplayName, CompanyId, CreatedAt) VALUES (@DisplayName, @CompanyId, @CreatedAt);",
            new { DisplayName = displayName, CompanyId = companyId, CreatedAt = DateTime.UtcNow });

    public async Task<long> CategoryIdAsync(string code = "engineering")
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT Id FROM Categories WHERE Code = @Code", new { Code = code });
    }

    public async Task<long> ThreadAsync(
        long projectId,
        long authorId,
        DateTime createdAt,
        string title = "卫生间漏水",
        ThreadStatus status = ThreadStatus.Open,
        string category = "engineering",
        bool hidden = false,
        DateTime? firstOfficialReplyAt = null,
        int coSigns = 0)
    {
        var categoryId = await CategoryIdAsync(category);
        await using var connection = await database.OpenAsync();
        var companyId = await connection.ExecuteScalarAsync<long>("SELECT CompanyId FROM Projects WHERE Id = @Id", new { Id = projectId });
        // The deadlines as every writer stores them, decided by the policy (the sweep's next check stays "now").
        var schedule = new Forum.Core.Escalation.EscalationPolicy(new Forum.Core.Escalation.EscalationOptions()).Schedule(new Forum.Core.Escalation.EscalationState
        {
            CreatedAt = createdAt, Status = status, FirstOfficialReplyAt = firstOfficialReplyAt, CoSignCount = coSigns, IsHidden = hidden,
        });
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO Threads (CompanyId, ProjectId, CategoryId, AuthorId, Title, Body, Status, CreatedAt, UpdatedAt, FirstOfficialReplyAt, IsHidden, CoSignCount, EscalationDueAt)
            VALUES (@CompanyId, @ProjectId, @CategoryId, @AuthorId, @Title, @Body, @Status, @CreatedAt, @CreatedAt, @FirstOfficialReplyAt, @IsHidden, @CoSigns, @EscalationDueAt);
            """ + "\n" + database.Dialect.SelectInsertedId,
            new
            {
                CompanyId = companyId, ProjectId = projectId, CategoryId = categoryId, AuthorId = authorId, Title = title,
                Body = title + "，请尽快处理。", Status = status.ToString(), CreatedAt = createdAt,
                FirstOfficialReplyAt = firstOfficialReplyAt, IsHidden = hidden, CoSigns = coSigns,
                // As every writer does: "look at this thread now", and the sweep works out the real deadlines.
                EscalationDueAt = status == ThreadStatus.Closed ? (DateTime?)null : createdAt,
            });
        await connection.ExecuteAsync(
            "UPDATE Threads SET ReplyDueAt = @ReplyDueAt, SolutionDueAt = @SolutionDueAt, DeadlineAt = @DeadlineAt, ScheduledAt = @CreatedAt WHERE Id = @Id",
            new { Id = id, schedule.ReplyDueAt, schedule.SolutionDueAt, schedule.DeadlineAt, CreatedAt = createdAt });
        return id;
    }

    public async Task<long> PostAsync(long threadId, PostKind kind, string body, DateTime createdAt, long? authorId = null, long? companyId = null, bool hidden = false, string? hiddenReason = null) =>
        await InsertAsync(
            """
            INSERT INTO Posts (ThreadId, Kind, AuthorId, CompanyId, Body, CreatedAt, IsHidden, HiddenReason)
            VALUES (@ThreadId, @Kind, @AuthorId, @CompanyId, @Body, @CreatedAt, @IsHidden, @HiddenReason);
            """,
            new { ThreadId = threadId, Kind = kind.ToString(), AuthorId = authorId, CompanyId = companyId, Body = body, CreatedAt = createdAt, IsHidden = hidden, HiddenReason = hiddenReason });

    public async Task<long> RecipientAsync(long companyId, string role, string email, string language = "zh-CN", string? name = null) =>
        await InsertAsync(
            "INSERT INTO EscalationRecipients (CompanyId, Role, Name, Email, Language, IsActive) VALUES (@CompanyId, @Role, @Name, @Email, @Language, 1);",
            new { CompanyId = companyId, Role = role, Name = name ?? email.Split('@')[0], Email = email, Language = language });

    /// <summary>Records a first official reply the way the reply path does: timestamp, status, and "re-check now".</summary>
    public async Task AnswerAsync(long threadId, DateTime at)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE Threads SET FirstOfficialReplyAt = @At, Status = 'Answered', EscalationDueAt = @At WHERE Id = @Id",
            new { Id = threadId, At = at });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    private async Task<long> InsertAsync(string sql, object parameters)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql + "\n" + database.Dialect.SelectInsertedId, parameters);
    }
}
