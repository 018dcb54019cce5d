using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Forum.Data.Database;

/// <summary>
/// A SQLite connection whose transactions queue at a gate shared by one <see cref="ForumDatabase"/> (one node) before
/// <c>BEGIN IMMEDIATE</c>. SQLite lets one writer in at a time and makes the others sleep and poll (1, 2, 5 … 100 ms)
/// until the lock is free, so writers of one process left to SQLite leave the lock idle between them; queued here they
/// take it in turn the moment it is released. Other processes on the same file still meet SQLite's own lock and busy
/// timeout. The gate is released when the transaction ends (commit, rollback, dispose or close).
/// </summary>
internal sealed class GatedSqliteConnection(string connectionString, SemaphoreSlim gate) : SqliteConnection(connectionString)
{
    private bool holdsGate;

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken);
        return BeginTransaction(isolationLevel);
    }

    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred)
    {
        if (!holdsGate)
        {
            // A synchronous caller: same queue, blocking. Past the busy timeout it goes on to SQLite's own lock,
            // so a mistake (two transactions nested on two connections) fails as before instead of hanging.
            holdsGate = gate.Wait(ForumDatabase.SqliteBusyTimeout);
        }

        try
        {
            return base.BeginTransaction(isolationLevel, deferred);
        }
        catch
        {
            Leave();
            throw;
        }
    }

    protected override SqliteTransaction? Transaction
    {
        get => base.Transaction;
        set
        {
            base.Transaction = value;
            if (value is null)
            {
                Leave();
            }
        }
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!holdsGate)
        {
            holdsGate = await gate.WaitAsync(ForumDatabase.SqliteBusyTimeout, cancellationToken);
        }
    }

    private void Leave()
    {
        if (holdsGate)
        {
            holdsGate = false;
            gate.Release();
        }
    }
}
