namespace Forum.Core.Complaints;

/// <summary>One of a homeowner's own threads, with where it stands: its ladder state gives the deadlines it runs against.</summary>
public sealed record MyThread(ThreadSummary Thread, Escalation.EscalationState Ladder, string? LatestOfficialReply, DateTime? LatestOfficialReplyAt);

public interface IMyComplaintsReader
{
    Task<IReadOnlyList<MyThread>> ListAsync(long authorId, CancellationToken cancellationToken = default);
}
