using System.Data.Common;
using Dapper;
using Forum.Data.Database;

namespace Forum.Data.Search;

/// <summary>
/// Keeps the search index in step with what the public can read. Every write that changes a thread's public text
/// (a new thread or reply, an official reply, a hidden or restored post, a merge, closing and reopening) calls
/// <see cref="RefreshAsync"/> inside its own transaction, so the index never shows what the page no longer does.
/// </summary>
internal static class SearchIndex
{
    private const string ThreadTextSql = """
        SELECT Id, Title, Body, Status, ResolutionSummary, IsHidden FROM Threads WHERE Id = @ThreadId
        """;

    // The thread's public posts, and the text of the duplicates merged into it (their page is this one now).
    private const string PostTextSql = """
        SELECT ThreadId, Body FROM Posts
        WHERE (ThreadId = @ThreadId OR ThreadId IN (SELECT d.Id FROM Threads d WHERE d.MergedIntoId = @ThreadId))
          AND IsHidden = 0 AND Kind IN ('HomeownerReply', 'OfficialReply', 'Solution')
        UNION ALL
        SELECT Id AS ThreadId, Title AS Body FROM Threads WHERE MergedIntoId = @ThreadId
        UNION ALL
        SELECT Id AS ThreadId, Body FROM Threads WHERE MergedIntoId = @ThreadId
        """;

    private const string ThreadRangeTextSql = """
        SELECT Id, Title, Body, Status, ResolutionSummary, IsHidden FROM Threads WHERE Id >= @First AND Id <= @Last
        """;

    private const string PostRangeTextSql = """
        SELECT ThreadId, Body FROM Posts
        WHERE ThreadId >= @First AND ThreadId <= @Last AND IsHidden = 0 AND Kind IN ('HomeownerReply', 'OfficialReply', 'Solution')
        ORDER BY ThreadId, Id
        """;

    public static async Task RefreshAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long threadId, CancellationToken cancellationToken)
    {
        var store = SearchStore.For(dialect);
        var thread = await connection.QuerySingleOrDefaultAsync<ThreadText>(new CommandDefinition(ThreadTextSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        if (thread is null || thread.IsHidden)
        {
            await store.RemoveAsync(connection, transaction, threadId, cancellationToken);
            return;
        }

        var posts = await connection.QueryAsync<PostText>(new CommandDefinition(PostTextSql, new { ThreadId = threadId }, transaction, cancellationToken: cancellationToken));
        await store.WriteAsync(connection, transaction, thread.ToDocument(posts.Select(p => p.Body)), cancellationToken);
    }

    /// <summary>Indexes visible threads that have no entry yet, a batch per transaction; returns how many.</summary>
    public static async Task<int> IndexMissingAsync(ForumDatabase database, int batchSize, CancellationToken cancellationToken)
    {
        var store = SearchStore.For(database.Dialect);
        await using var connection = await database.OpenAsync(cancellationToken);
        var indexed = 0;
        long after = 0;
        while (true)
        {
            var ids = (await connection.QueryAsync<long>(new CommandDefinition(store.MissingThreadsSql, new { After = after, Take = batchSize }, cancellationToken: cancellationToken))).AsList();
            if (ids.Count == 0)
            {
                return indexed;
            }

            var range = new { First = ids[0], Last = ids[^1] };
            var missing = ids.ToHashSet();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var threads = await connection.QueryAsync<ThreadText>(new CommandDefinition(ThreadRangeTextSql, range, transaction, cancellationToken: cancellationToken));
            var posts = (await connection.QueryAsync<PostText>(new CommandDefinition(PostRangeTextSql, range, transaction, cancellationToken: cancellationToken)))
                .ToLookup(p => p.ThreadId, p => p.Body);
            foreach (var thread in threads.Where(t => missing.Contains(t.Id) && !t.IsHidden))
            {
                await store.WriteAsync(connection, transaction, thread.ToDocument(posts[thread.Id]), cancellationToken);
                indexed++;
            }

            await transaction.CommitAsync(cancellationToken);
            after = ids[^1];
        }
    }

    private sealed class ThreadText
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public string Status { get; init; } = "";
        public string? ResolutionSummary { get; init; }
        public bool IsHidden { get; init; }

        // The closing summary is shown only while the thread is closed.
        public SearchDocument ToDocument(IEnumerable<string> posts) =>
            SearchDocument.Build(Id, Title, Body, Status == "Closed" ? ResolutionSummary : null, posts);
    }

    private sealed class PostText
    {
        public long ThreadId { get; init; }
        public string Body { get; init; } = "";
    }
}
