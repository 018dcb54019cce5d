using Dapper;
using Forum.Core.Briefing;
using Forum.Data.Database;

namespace Forum.Data.Briefing;

public sealed class StatisticsRepository(ForumDatabase database) : IStatisticsRepository
{
    internal const string FactsSql = """
        SELECT CompanyId, CreatedAt, FirstOfficialReplyAt, ReplyDueAt, ReplyLate, SolutionDueAt, SolutionLate, Rating
        FROM Threads
        WHERE CreatedAt >= @From AND CreatedAt < @To AND IsHidden = 0
        """;

    public async Task<IReadOnlyList<ThreadFacts>> ListThreadFactsAsync(DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(FactsSql, new { From = from, To = to }, cancellationToken: cancellationToken));
        return rows.Select(r => new ThreadFacts(r.CompanyId, r.CreatedAt, r.FirstOfficialReplyAt, r.ReplyDueAt, r.ReplyLate, r.SolutionDueAt, r.SolutionLate, r.Rating)).ToList();
    }

    private const string NewThreadsWhere = """
        WHERE t.CreatedAt >= @From AND t.CreatedAt < @To AND t.IsHidden = 0
        ORDER BY t.CreatedAt DESC
        """;

    internal static string NewThreadsSqlFor(SqlDialect dialect) =>
        Complaints.ThreadRepository.ListSelectSql + "\n" + NewThreadsWhere + "\n" + dialect.Limit("@Take");

    public async Task<IReadOnlyList<Core.Complaints.ThreadSummary>> ListNewThreadsAsync(DateTime from, DateTime to, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Complaints.ThreadSummaryRow>(new CommandDefinition(
            NewThreadsSqlFor(database.Dialect), new { From = from, To = to, Take = max }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    private sealed class Row
    {
        public long CompanyId { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime? FirstOfficialReplyAt { get; init; }
        public DateTime? ReplyDueAt { get; init; }
        public bool? ReplyLate { get; init; }
        public DateTime? SolutionDueAt { get; init; }
        public bool? SolutionLate { get; init; }
        public int? Rating { get; init; }
    }
}
