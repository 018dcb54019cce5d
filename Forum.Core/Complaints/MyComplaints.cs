namespace Forum.Core.Complaints;

/// <summary>One of a homeowner's own threads, with where it stands.</summary>
public sealed record MyThread(ThreadSummary Thread, DateTime? FirstOfficialReplyAt, DateTime? SolutionProposedAt, string? LatestOfficialReply, DateTime? LatestOfficialReplyAt);

public interface IMyComplaintsReader
{
    Task<IReadOnlyList<MyThread>> ListAsync(long authorId, CancellationToken cancellationToken = default);
}
