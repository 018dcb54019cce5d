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
    /// Only complaints past a deadline: no official reply by <see cref="OverdueOptions.ReplyDueBefore"/> posting time,
    /// or no solution by <see cref="OverdueOptions.SolutionDueBefore"/> (waiting for the homeowner does not count).
    /// </summary>
    public OverdueOptions? Overdue { get; init; }

    public PageCursor? Cursor { get; init; }
    public int PageSize { get; init; } = DefaultPageSize;
}

/// <summary>The posting times before which a thread's reply or solution deadline has passed (now − 3 h, now − 12 h).</summary>
public sealed record OverdueOptions(DateTime ReplyDueBefore, DateTime SolutionDueBefore);

/// <summary>One page of threads, newest first, with the cursors of the pages either side (null at an end).</summary>
public sealed record ThreadListPage(IReadOnlyList<ThreadSummary> Items, PageCursor? Newer, PageCursor? Older);
