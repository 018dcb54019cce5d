using System.Data.Common;
using Dapper;
using Forum.Core.Complaints;
using Forum.Data.Database;
using Forum.Data.Photos;
using Forum.Data.Search;
using Forum.Core.Photos;

namespace Forum.Data.Complaints;

public sealed class ComplaintWriter(ForumDatabase database) : IComplaintWriter
{
    private const string FindThreadByRequestSql = "SELECT Id FROM Threads WHERE RequestId = @RequestId";

    // EscalationDueAt = now: the sweep looks at the new thread at once and sets its real first deadline.
    private const string InsertThreadSql = """
        INSERT INTO Threads (CompanyId, ProjectId, CategoryId, AuthorId, Title, Body, Status, CreatedAt, UpdatedAt, EscalationDueAt, RequestId)
        VALUES (@CompanyId, @ProjectId, @CategoryId, @AuthorId, @Title, @Body, 'Open', @Now, @Now, @Now, @RequestId);
        """;

    private const string InsertContactSql = """
        INSERT INTO ThreadContacts (ThreadId, RealName, Phone, Unit) VALUES (@ThreadId, @RealName, @Phone, @Unit)
        """;

    public async Task<long> CreateThreadAsync(ValidComplaint complaint, long authorId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindThreadByRequestSql, new { complaint.RequestId }, cancellationToken: cancellationToken));
        if (existing is { } id)
        {
            return id;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var threadId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                InsertThreadSql + "\n" + database.Dialect.SelectInsertedId,
                new { complaint.CompanyId, complaint.ProjectId, complaint.CategoryId, AuthorId = authorId, complaint.Title, complaint.Body, Now = now, complaint.RequestId },
                transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(InsertContactSql,
                new { ThreadId = threadId, complaint.RealName, complaint.Phone, complaint.Unit }, transaction, cancellationToken: cancellationToken));
            await PhotoRepository.AttachAsync(connection, transaction, threadId, null, authorId, complaint.Photos, now, cancellationToken);
            await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return threadId;
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            // The same form submitted twice at the same moment: the other request stored it.
            await transaction.RollbackAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(FindThreadByRequestSql, new { complaint.RequestId }, cancellationToken: cancellationToken));
        }
    }

    private const string FindPostByRequestSql = "SELECT Id FROM Posts WHERE RequestId = @RequestId";

    private const string ReplyableSql = "SELECT IsLocked FROM Threads WHERE Id = @ThreadId AND IsHidden = 0";

    private const string InsertReplySql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, Body, CreatedAt, RequestId)
        VALUES (@ThreadId, 'HomeownerReply', @AuthorId, @Body, @Now, @RequestId);
        """;

    private const string CountReplySql = "UPDATE Threads SET ReplyCount = ReplyCount + 1, UpdatedAt = @Now WHERE Id = @ThreadId";

    private const string AwaitingSinceSql = """
        SELECT AwaitingHomeownerSince FROM Threads WHERE Id = @ThreadId AND AuthorId = @AuthorId AND Status = 'AwaitingHomeowner'
        """;

    // The homeowner answered: the solution clock runs again, with the wait added to its deadline.
    private const string ResumeSql = """
        UPDATE Threads
        SET Status = CASE WHEN SolutionProposedAt IS NULL THEN 'Answered' ELSE 'SolutionProposed' END,
            SolutionPausedSeconds = SolutionPausedSeconds + @PausedSeconds,
            AwaitingHomeownerSince = NULL, EscalationDueAt = @Now
        WHERE Id = @ThreadId
        """;

    public async Task<long?> AddHomeownerReplyAsync(long threadId, long authorId, string body, string requestId, DateTime now, IReadOnlyList<NewPhoto>? photos = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindPostByRequestSql, new { RequestId = requestId }, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            return existing;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(ReplyableSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        if (locked is not false)
        {
            return null;
        }

        try
        {
            var postId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                InsertReplySql + "\n" + database.Dialect.SelectInsertedId,
                new { ThreadId = threadId, AuthorId = authorId, Body = body, Now = now, RequestId = requestId }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(CountReplySql, new { ThreadId = threadId, Now = now }, transaction, cancellationToken: cancellationToken));
            await PhotoRepository.AttachAsync(connection, transaction, threadId, postId, authorId, photos ?? [], now, cancellationToken);
            var awaitingSince = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(AwaitingSinceSql, new { ThreadId = threadId, AuthorId = authorId }, transaction, cancellationToken: cancellationToken));
            if (awaitingSince is { } since)
            {
                await connection.ExecuteAsync(new CommandDefinition(ResumeSql,
                    new { ThreadId = threadId, Now = now, PausedSeconds = (long)Math.Max(0, (now - since).TotalSeconds) }, transaction, cancellationToken: cancellationToken));
            }

            await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return postId;
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(FindPostByRequestSql, new { RequestId = requestId }, cancellationToken: cancellationToken));
        }
    }

    private const string InsertCoSignSql = "INSERT INTO CoSigns (ThreadId, UserId, CreatedAt) VALUES (@ThreadId, @UserId, @Now)";

    // EscalationDueAt = now: the group-complaint rule is looked at straight away.
    private const string CountCoSignSql = """
        UPDATE Threads SET CoSignCount = CoSignCount + 1, EscalationDueAt = @Now WHERE Id = @ThreadId
        """;

    private const string CoSignCountSql = "SELECT CoSignCount FROM Threads WHERE Id = @ThreadId AND IsHidden = 0";

    public async Task<CoSignResult?> CoSignAsync(long threadId, long userId, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(CoSignCountSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        if (count is null)
        {
            return null;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertCoSignSql, new { ThreadId = threadId, UserId = userId, Now = now }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException exception) when (database.Dialect.IsUniqueViolation(exception))
        {
            await transaction.RollbackAsync(cancellationToken);
            return new CoSignResult(false, count.Value);
        }

        await connection.ExecuteAsync(new CommandDefinition(CountCoSignSql, new { ThreadId = threadId, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new CoSignResult(true, count.Value + 1);
    }

    private const string ConfirmSql = """
        UPDATE Threads
        SET ConfirmedAt = @Now, Rating = @Rating, RatingComment = @Comment, UpdatedAt = @Now
        WHERE Id = @ThreadId AND AuthorId = @AuthorId AND Status = 'Closed' AND ConfirmedAt IS NULL AND IsHidden = 0
        """;

    public async Task<bool> ConfirmAsync(long threadId, long authorId, int rating, string? comment, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(ConfirmSql,
            new { ThreadId = threadId, AuthorId = authorId, Rating = rating, Comment = comment, Now = now }, cancellationToken: cancellationToken)) == 1;
    }

    // A new solution cycle: the sweep sees the thread at once (EscalationDueAt = now) and sets the new deadline.
    private const string ReopenSql = """
        UPDATE Threads
        SET Status = 'Reopened', ReopenedAt = @Now, ReopenCount = ReopenCount + 1, SolutionPausedSeconds = 0,
            AwaitingHomeownerSince = NULL, UpdatedAt = @Now, EscalationDueAt = @Now
        WHERE Id = @ThreadId AND AuthorId = @AuthorId AND Status = 'Closed' AND ConfirmedAt IS NULL
          AND ClosedAt >= @ClosedSince AND IsHidden = 0
        """;

    private const string InsertEventSql = """
        INSERT INTO Posts (ThreadId, Kind, AuthorId, Body, EventType, CreatedAt)
        VALUES (@ThreadId, 'Event', @AuthorId, '', @EventType, @Now)
        """;

    public async Task<bool> ReopenAsync(long threadId, long authorId, TimeSpan window, DateTime now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(ReopenSql,
            new { ThreadId = threadId, AuthorId = authorId, Now = now, ClosedSince = now - window }, transaction, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertEventSql,
            new { ThreadId = threadId, AuthorId = authorId, EventType = nameof(ThreadEventType.Reopened), Now = now }, transaction, cancellationToken: cancellationToken));
        await SearchIndex.RefreshAsync(connection, transaction, database.Dialect, threadId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private const string FindAuthorSql = "SELECT AuthorId FROM Threads WHERE Id = @ThreadId AND IsHidden = 0";

    public async Task<long?> FindAuthorAsync(long threadId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindAuthorSql, new { ThreadId = threadId }, cancellationToken: cancellationToken));
    }
}
