using Dapper;
using Forum.Data.Database;

namespace Forum.Data.Caching;

/// <summary>
/// A change to what public pages show, as logged by the triggers of migration 0031 in the writer's own transaction:
/// the thread (null: the catalogue or a name, so every page) and its company and project.
/// </summary>
public sealed class PageChange
{
    public long Id { get; init; }
    public long? ThreadId { get; init; }
    public long? CompanyId { get; init; }
    public long? ProjectId { get; init; }
}

/// <summary>Reads the page-change log that every node follows to evict its cached pages, and keeps it short.</summary>
public sealed class PageChangeRepository(ForumDatabase database)
{
    private const string LatestIdSql = "SELECT COALESCE(MAX(Id), 0) FROM PageChanges";

    private const string OldestIdSql = "SELECT COALESCE(MIN(Id), 0) FROM PageChanges";

    // The thread's company and project are filled in for changes logged from its posts, photos and escalations.
    private const string AfterSqliteOnly = """
        SELECT c.Id, c.ThreadId, COALESCE(c.CompanyId, t.CompanyId) AS CompanyId, COALESCE(c.ProjectId, t.ProjectId) AS ProjectId
        FROM PageChanges c
        LEFT JOIN Threads t ON t.Id = c.ThreadId
        WHERE c.Id > @After
        ORDER BY c.Id
        LIMIT @Take
        """;

    private const string SqlServerAfterSql = """
        SELECT TOP (@Take) c.Id, c.ThreadId, COALESCE(c.CompanyId, t.CompanyId) AS CompanyId, COALESCE(c.ProjectId, t.ProjectId) AS ProjectId
        FROM PageChanges c
        LEFT JOIN Threads t ON t.Id = c.ThreadId
        WHERE c.Id > @After
        ORDER BY c.Id
        """;

    private const string PruneSql = "DELETE FROM PageChanges WHERE Id <= @Before";

    public async Task<long> LatestIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(LatestIdSql, cancellationToken: cancellationToken));
    }

    /// <summary>The oldest row still logged (0 when none): a node that has seen less than this was pruned past.</summary>
    public async Task<long> OldestIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(OldestIdSql, cancellationToken: cancellationToken));
    }

    /// <summary>The changes after <paramref name="after"/>, oldest first, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<PageChange>> ReadAfterAsync(long after, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = database.Provider == DatabaseProvider.Sqlite ? AfterSqliteOnly : SqlServerAfterSql;
        return (await connection.QueryAsync<PageChange>(new CommandDefinition(sql, new { After = after, Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// Deletes all but the newest <paramref name="keep"/> rows. A node that falls further behind than that sees a gap
    /// (<see cref="OldestIdAsync"/>) and evicts everything, so pruning never leaves a stale page behind.
    /// </summary>
    public async Task<int> PruneAsync(int keep, CancellationToken cancellationToken = default)
    {
        var latest = await LatestIdAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(PruneSql, new { Before = latest - keep }, cancellationToken: cancellationToken));
    }
}
