using Forum.Core.Escalation;

namespace Forum.Core.Operations;

/// <summary>
/// What the operator's monitoring reads from the database (the truth shared by every node), as of one instant.
/// </summary>
/// <param name="PastDeadline">
/// Open complaints whose running deadline of each rung has passed (the stored clock): no official reply by the reply
/// deadline, no solution by the solution deadline, and nothing has stopped that clock since.
/// </param>
/// <param name="OutboxPending">Messages waiting to be sent (new or retrying).</param>
/// <param name="OutboxFailed">Messages given up on after their last attempt.</param>
/// <param name="OldestPendingAt">When the oldest pending message was queued; null when none waits.</param>
public sealed record OperationsSnapshot(
    IReadOnlyDictionary<EscalationRung, long> PastDeadline,
    long OutboxPending,
    long OutboxFailed,
    DateTime? OldestPendingAt);

/// <summary>Cheap reads for metrics: each is an index range over the few rows that are open or pending.</summary>
public interface IOperationsRepository
{
    /// <param name="now">The instant deadlines are compared with.</param>
    Task<OperationsSnapshot> ReadAsync(DateTime now, CancellationToken cancellationToken = default);
}
