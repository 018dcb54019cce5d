namespace Forum.Data.Database;

/// <summary>
/// <c>Forum:Database:SqliteSynchronous</c>: when SQLite waits for the disk. In WAL mode, <see cref="Normal"/> (the
/// default) syncs the log at checkpoints only: a committed write survives the forum crashing or being killed, and only
/// the last commits before an operating-system crash or power loss can be lost (the database stays consistent).
/// <see cref="Full"/> syncs the log on every commit, so even those survive, at the price of one disk flush per write.
/// </summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}
