namespace Forum.Core.Complaints;

/// <summary>
/// One of a homeowner's own threads, with where it stands: its stored deadlines, the latest official reply, and, for
/// a duplicate merged by staff, the complaint it now lives in.
/// </summary>
public sealed record MyThread(ThreadSummary Thread, string? LatestOfficialReply, DateTime? LatestOfficialReplyAt, long? MergedIntoId = null);

public interface IMyComplaintsReader
{
    Task<IReadOnlyList<MyThread>> ListAsync(long authorId, CancellationToken cancellationToken = default);
}
