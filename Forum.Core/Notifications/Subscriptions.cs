namespace Forum.Core.Notifications;

/// <summary>
/// Who hears about a complaint besides its author: followers and co-signers; who asked to hear no more about one
/// complaint; and each account's switch per kind of homeowner mail.
/// </summary>
public interface ISubscriptionRepository
{
    /// <summary>Stops all mail about the complaint to the person (idempotent); also ends following it.</summary>
    Task OptOutAsync(long userId, long threadId, DateTime now, CancellationToken cancellationToken = default);

    Task<bool> IsOptedOutAsync(long userId, long threadId, CancellationToken cancellationToken = default);

    /// <summary>Follows (or stops following) a complaint; following again after an opt-out lifts the opt-out.</summary>
    Task SetFollowingAsync(long userId, long threadId, bool follow, DateTime now, CancellationToken cancellationToken = default);

    Task<bool> IsFollowingAsync(long userId, long threadId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The complaints the person follows, for the "Followed" tab of My complaints: public ones only (a hidden or
    /// merged complaint leaves the list, as it leaves the public pages), the latest followed first.
    /// </summary>
    Task<IReadOnlyList<Complaints.ThreadSummary>> ListFollowedAsync(long userId, CancellationToken cancellationToken = default);

    /// <summary>The kinds this person switched off (every kind is on until switched off).</summary>
    Task<IReadOnlySet<string>> DisabledKindsAsync(long userId, CancellationToken cancellationToken = default);

    Task SetKindEnabledAsync(long userId, string kind, bool enabled, CancellationToken cancellationToken = default);
}
