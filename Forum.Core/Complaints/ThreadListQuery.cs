namespace Forum.Core.Complaints;

/// <summary>Which way a keyset page goes from its cursor: older threads (lower ids) or newer ones.</summary>
public enum PageDirection
{
    Older,
    Newer,
}

/// <summary>
/// A keyset position in a newest-first list: the id of the last (or first) thread on the page the visitor came from.
/// Deep pages cost what the first page costs because the query seeks to the id through an index.
/// </summary>
public readonly record struct PageCursor(long Id, PageDirection Direction);

/// <summary>A newest-first thread list: the filters combine with AND; null means "any".</summary>
public sealed record ThreadListQuery
{
    public const int DefaultPageSize = 20;

    public long? CompanyId { get; init; }
    public long? ProjectId { get; init; }
    public long? CategoryId { get; init; }
    public ThreadStatus? Status { get; init; }

    /// <summary>
    /// Only complaints past a running deadline (as stored by each write from the escalation policy; waiting for the
    /// homeowner pauses the solution clock, so it does not count).
    /// </summary>
    public OverdueOptions? Overdue { get; init; }

    public PageCursor? Cursor { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;
}

/// <summary>Past a running deadline the thread stored, at <paramref name="Now"/>.</summary>
public sealed record OverdueOptions(DateTime Now);

/// <summary>One page of threads, newest first, with the cursors of the pages either side (null at an end).</summary>
public sealed record ThreadListPage(IReadOnlyList<ThreadSummary> Items, PageCursor? Newer, PageCursor? Older);
