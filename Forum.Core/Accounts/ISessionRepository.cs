namespace Forum.Core.Accounts;

/// <summary>A signed-in browser: the serialized sign-in ticket its cookie stands for, and the stamp it was issued under.</summary>
public sealed record SessionRecord(string Id, long UserId, string SecurityStamp, byte[] Ticket, DateTime CreatedAt, DateTime? ExpiresAt);

/// <summary>
/// Sign-in sessions kept on the server. A session is alive while its row exists, has not expired, its user is active
/// and the user's security stamp is still the one it was issued under: so sign-out (the row deleted), "sign out
/// everywhere", a password change and a deactivation (a new stamp) end sessions at once, on every node.
/// </summary>
public interface ISessionRepository
{
    /// <summary>Stores a new session and drops the user's expired ones.</summary>
    Task CreateAsync(SessionRecord session, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>The session's ticket when it is alive at <paramref name="now"/>, otherwise null.</summary>
    Task<byte[]?> FindLiveTicketAsync(string id, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the user, stamp, ticket and expiry of a session that still exists (sliding expiration, or a sign-in
    /// or refresh in a browser that already has a session); never brings a deleted one back.
    /// </summary>
    Task RenewAsync(SessionRecord session, CancellationToken cancellationToken = default);

    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the user; returns how many there were.</summary>
    Task<int> DeleteAllForUserAsync(long userId, CancellationToken cancellationToken = default);
}
