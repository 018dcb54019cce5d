using System.Data.Common;
using Dapper;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Data.Complaints;
using Forum.Data.Database;

namespace Forum.Data.Escalation;

public sealed class AcknowledgementRepository(ForumDatabase database) : IAcknowledgementRepository
{
    /// <summary>The escalation and its recipient, who must be one of HQ's: a local recipient's link acknowledges nothing.</summary>
    private const string FindSql = """
        SELECT t.Id AS ThreadId, t.Title, r.Name AS RecipientName
        FROM Escalations e
        JOIN Threads t ON t.Id = e.ThreadId
        JOIN EscalationRecipients r ON r.Id = @RecipientId
        JOIN Companies c ON c.Id = r.CompanyId
        WHERE e.ThreadId = @ThreadId AND e.Rung = @Rung AND e.Cycle = @Cycle AND c.Kind = 'Headquarters'
        """;

    private const string AcknowledgedAtSql = """
        SELECT At
        FROM ThreadEvents
        WHERE ThreadId = @ThreadId AND Kind = 'AcknowledgedByHeadquarters' AND Rung = @Rung AND Cycle = @Cycle
        """;

    private const string InsertAuditSql = """
        INSERT INTO AuditLog (ActorId, ActorRole, ThreadId, Action, Before, After, At, RecipientId)
        VALUES (NULL, 'HqStaff', @ThreadId, 'AcknowledgeEscalation', NULL, @After, @At, @RecipientId)
        """;

    public async Task<AcknowledgementView?> FindAsync(AcknowledgementRequest request, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, request, cancellationToken);
    }

    public async Task<(AcknowledgeOutcome Outcome, DateTime? At)> AcknowledgeAsync(AcknowledgementRequest request, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var view = await FindAsync(connection, transaction, request, cancellationToken);
        if (view is null)
        {
            return (AcknowledgeOutcome.NotFound, null);
        }

        if (view.AcknowledgedAt is { } earlier)
        {
            return (AcknowledgeOutcome.AlreadyAcknowledged, earlier);
        }

        try
        {
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = request.ThreadId, Kind = ThreadEventKind.AcknowledgedByHeadquarters, At = now, Cycle = request.Cycle,
                Rung = request.Rung, ActorRole = "HqStaff",
            }, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(InsertAuditSql, new
            {
                request.ThreadId, After = $"{request.Rung} {request.Cycle}", At = now, request.RecipientId,
            }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return (AcknowledgeOutcome.Acknowledged, now);
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            // Another click (another recipient, another node) acknowledged it a moment before; its record stands.
            await transaction.RollbackAsync(cancellationToken);
            return (AcknowledgeOutcome.AlreadyAcknowledged, (await FindAsync(connection, null, request, cancellationToken))?.AcknowledgedAt);
        }
    }

    private static async Task<AcknowledgementView?> FindAsync(DbConnection connection, DbTransaction? transaction, AcknowledgementRequest request, CancellationToken cancellationToken)
    {
        var parameters = new { request.ThreadId, Rung = request.Rung.ToString(), request.Cycle, request.RecipientId };
        var found = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(FindSql, parameters, transaction, cancellationToken: cancellationToken));
        if (found is null)
        {
            return null;
        }

        var at = await connection.QueryFirstOrDefaultAsync<DateTime?>(new CommandDefinition(AcknowledgedAtSql, parameters, transaction, cancellationToken: cancellationToken));
        return new AcknowledgementView(found.ThreadId, found.Title, request.Rung, request.Cycle, found.RecipientName, at);
    }

    private sealed class Row
    {
        public long ThreadId { get; init; }
        public string Title { get; init; } = "";
        public string RecipientName { get; init; } = "";
    }
}
