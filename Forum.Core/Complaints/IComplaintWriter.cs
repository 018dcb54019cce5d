namespace Forum.Core.Complaints;

public sealed record CoSignResult(bool Added, int CoSignCount);

/// <summary>Writes complaints, replies and co-signs. Each call is one transaction.</summary>
public interface IComplaintWriter
{
    /// <summary>
    /// Stores the thread, its private contact and the "look at this now" mark for the sweep, all or nothing. The same
    /// request id twice returns the first thread's id (a double submit creates one thread).
    /// </summary>
    Task<long> CreateThreadAsync(ValidComplaint complaint, long authorId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>A homeowner reply; the same request id twice stores one post. Null when the thread is gone or locked.</summary>
    Task<long?> AddHomeownerReplyAsync(long threadId, long authorId, string body, string requestId, DateTime now, IReadOnlyList<Forum.Core.Photos.NewPhoto>? photos = null, CancellationToken cancellationToken = default);

    /// <summary>"Me too": once per person per thread (a unique key); the count is kept on the thread.</summary>
    Task<CoSignResult?> CoSignAsync(long threadId, long userId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>The author confirms the outcome of a closed thread and rates it 1–5. False when not possible.</summary>
    Task<bool> ConfirmAsync(long threadId, long authorId, int rating, string? comment, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The author reopens a thread closed less than <paramref name="window"/> ago: a new solution cycle starts (a new
    /// 12 h deadline) and the timeline shows it. False when not possible.
    /// </summary>
    Task<bool> ReopenAsync(long threadId, long authorId, TimeSpan window, DateTime now, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>The author of a visible thread, or null.</summary>
    Task<long?> FindAuthorAsync(long threadId, CancellationToken cancellationToken = default);
}
