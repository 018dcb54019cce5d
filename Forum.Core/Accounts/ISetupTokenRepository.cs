namespace Forum.Core.Accounts;

/// <summary>
/// The first administrator's one-time setup links (by the hash of their secret). A link is good while it is unused
/// and no administrator exists; <see cref="TryUseAsync"/> decides between two people using it at once.
/// </summary>
public interface ISetupTokenRepository
{
    /// <summary>Whether any account holds the Admin role (active or not): then no setup link works.</summary>
    Task<bool> AnyAdminAsync(CancellationToken cancellationToken = default);

    Task CreateAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>True when the link exists and is unused.</summary>
    Task<bool> IsUnusedAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Marks the link used; true only for the one caller that found it unused.</summary>
    Task<bool> TryUseAsync(string tokenHash, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Gives a link back when the account could not be created after all.</summary>
    Task ReleaseAsync(string tokenHash, CancellationToken cancellationToken = default);
}
