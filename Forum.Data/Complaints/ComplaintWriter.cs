using System.Data.Common;
using Dapper;
using Forum.Core.Complaints;
using Forum.Data.Database;
using Forum.Data.Photos;
using Forum.Data.Search;
using Forum.Core.Photos;
using Forum.Core.Escalation;

namespace Forum.Data.Complaints;

/// <summary>A homeowner's acts. Each one appends its thread event and stores the policy's clocks in its transaction.</summary>
public sealed class ComplaintWriter(ForumDatabase database, EscalationPolicy policy) : IComplaintWriter
{
    private const string FindThreadByRequestSql = "SELECT Id FROM Threads WHERE RequestId = @RequestId";

    private const string InsertThreadSql = """
        INSERT INTO Threads (CompanyId, ProjectId, CategoryId, AuthorId, Title, Body, Status, CreatedAt, UpdatedAt, RequestId)
        VALUES (@CompanyId, @ProjectId, @CategoryId, @AuthorId, @Title, @Body, 'Open', @Now, @Now, @RequestId);
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
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = ThreadEventKind.Posted, At = now, ActorId = authorId, ActorRole = EventActors.Homeowner,
            }, cancellationToken);
            await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, null, now, cancellationToken);
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
            AwaitingHomeownerSince = NULL
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
        var before = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        var locked = await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(ReplyableSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        if (before is null || locked is not false)
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
            await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
            {
                ThreadId = threadId, Kind = ThreadEventKind.Replied, At = now, Cycle = before.ReopenCount, ActorId = authorId,
                ActorRole = EventActors.Homeowner, PostId = postId,
            }, cancellationToken);
            var awaitingSince = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(AwaitingSinceSql, new { ThreadId = threadId, AuthorId = authorId }, transaction, cancellationToken: cancellationToken));
            if (awaitingSince is { } since)
            {
                await connection.ExecuteAsync(new CommandDefinition(ResumeSql,
                    new { ThreadId = threadId, PausedSeconds = (long)Math.Max(0, (now - since).TotalSeconds) }, transaction, cancellationToken: cancellationToken));
                await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
                {
                    ThreadId = threadId, Kind = ThreadEventKind.Resumed, At = now, Cycle = before.ReopenCount, ActorId = authorId,
                    ActorRole = EventActors.Homeowner, PostId = postId,
                }, cancellationToken);
            }

            await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, before, now, cancellationToken);

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

    private const string CountCoSignSql = "UPDATE Threads SET CoSignCount = CoSignCount + 1 WHERE Id = @ThreadId";

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

        await connection.ExecuteAsync(new CommandDefinition(CountCoSignSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        // The group-complaint rule may now be due: the schedule says so and the sweep (or the caller) escalates it.
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, null, now, cancellationToken);
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        if (state is null || await connection.ExecuteAsync(new CommandDefinition(ConfirmSql,
            new { ThreadId = threadId, AuthorId = authorId, Rating = rating, Comment = comment, Now = now }, transaction, cancellationToken: cancellationToken)) != 1)
        {
            return false;
        }

        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.Rated, At = now, Cycle = state.ReopenCount, ActorId = authorId,
            ActorRole = EventActors.Homeowner, Rating = rating, Text = comment,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    // A new solution cycle; the earlier closing, its summary and its rating stay in the record.
    private const string ReopenSql = """
        UPDATE Threads
        SET Status = 'Reopened', ReopenedAt = @Now, ReopenCount = ReopenCount + 1, SolutionPausedSeconds = 0,
            AwaitingHomeownerSince = NULL, UpdatedAt = @Now
        WHERE Id = @ThreadId AND AuthorId = @AuthorId AND Status = 'Closed' AND ConfirmedAt IS NULL
          AND ClosedAt >= @ClosedSince AND IsHidden = 0
        """;

    public async Task<bool> ReopenAsync(long threadId, long authorId, TimeSpan window, DateTime now, string? reason = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await ThreadRecord.LoadStateAsync(connection, transaction, database.Dialect, threadId, forUpdate: true, cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(ReopenSql,
            new { ThreadId = threadId, AuthorId = authorId, Now = now, ClosedSince = now - window }, transaction, cancellationToken: cancellationToken));
        if (before is null || rows == 0)
        {
            return false;
        }

        await ThreadRecord.AppendAsync(connection, transaction, new ThreadEvent
        {
            ThreadId = threadId, Kind = ThreadEventKind.Reopened, At = now, Cycle = before.ReopenCount + 1, ActorId = authorId,
            ActorRole = EventActors.Homeowner, Text = reason,
        }, cancellationToken);
        await ThreadRecord.StoreScheduleAsync(connection, transaction, database.Dialect, policy, threadId, before, now, cancellationToken);
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
