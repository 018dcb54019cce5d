using Dapper;
using Forum.Data.Database;

namespace Forum.Tests.Data.Database;

/// <summary>How one node's SQLite connections write: durability setting and the queue in front of the write lock.</summary>
public class SqliteWritersTests
{
    [Fact]
    public async Task OpenAsync_ByDefault_SynchronousNormal_FullWhenConfigured()
    {
        await using var test = TestDatabase.Create("Sqlite");
        var full = new ForumDatabase(DatabaseProvider.Sqlite, test.Database.ConnectionString, SqliteSynchronous.Full);

        await using var normalConnection = await test.Database.OpenAsync();
        await using var fullConnection = await full.OpenAsync();

        Assert.Equal(SqliteSynchronous.Normal, test.Database.Synchronous);
        Assert.Equal(1, await normalConnection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
        Assert.Equal(2, await fullConnection.ExecuteScalarAsync<int>("PRAGMA synchronous"));
        Assert.Equal("wal", await fullConnection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task BeginTransactionAsync_WhileAnotherWriterOfTheNodeHoldsTheLock_WaitsInLineAndGoesOnWhenItCommits()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await using var first = await test.Database.OpenAsync();
        await using var second = await test.Database.OpenAsync();
        var firstTransaction = await first.BeginTransactionAsync();
        await first.ExecuteAsync("INSERT INTO PageChanges (ThreadId) VALUES (1)", transaction: firstTransaction);

        // Queued at the node's gate: the task is pending, no thread sleeps in SQLite's busy handler.
        var waiting = second.BeginTransactionAsync().AsTask();
        Assert.False(waiting.IsCompleted);

        await firstTransaction.CommitAsync();
        await using var secondTransaction = await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await second.ExecuteAsync("INSERT INTO PageChanges (ThreadId) VALUES (2)", transaction: secondTransaction);
        await secondTransaction.CommitAsync();

        Assert.Equal([1L, 2L], await second.QueryAsync<long>("SELECT ThreadId FROM PageChanges WHERE ThreadId IN (1, 2) ORDER BY Id"));
    }

    [Fact]
    public async Task BeginTransactionAsync_AfterAWriterRolledBackOrClosedItsConnection_IsNotHeldUp()
    {
        await using var test = TestDatabase.Create("Sqlite");
        await using (var abandoned = await test.Database.OpenAsync())
        {
            var transaction = await abandoned.BeginTransactionAsync();
            await abandoned.ExecuteAsync("INSERT INTO PageChanges (ThreadId) VALUES (1)", transaction: transaction);
            // Neither committed nor rolled back: closing the connection rolls it back and frees the gate.
        }

        await using var rolledBack = await test.Database.OpenAsync();
        await (await rolledBack.BeginTransactionAsync()).RollbackAsync();

        await using var next = await test.Database.OpenAsync();
        var begin = next.BeginTransactionAsync().AsTask();
        Assert.True(begin.IsCompletedSuccessfully);
        await using var nextTransaction = await begin;
        await next.ExecuteAsync("INSERT INTO PageChanges (ThreadId) VALUES (3)", transaction: nextTransaction);
        await nextTransaction.CommitAsync();
        Assert.Equal([3L], await next.QueryAsync<long>("SELECT ThreadId FROM PageChanges WHERE ThreadId IN (1, 3)"));
    }

    [Fact]
    public async Task EightWritersOfOneNode_EachCommitsItsTransactions_NoneRefusedAsBusy()
    {
        await using var test = TestDatabase.Create("Sqlite");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var connection = await test.Database.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await connection.ExecuteAsync("INSERT INTO PageChanges (ThreadId, CompanyId) VALUES (@Writer, @I)", new { Writer = 1000 + writer, I = i }, transaction);
                await transaction.CommitAsync();
            }
        })));

        await using var check = await test.Database.OpenAsync();
        Assert.Equal(200, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PageChanges WHERE ThreadId >= 1000"));
    }
}
