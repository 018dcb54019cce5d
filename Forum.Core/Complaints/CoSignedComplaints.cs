namespace Forum.Core.Complaints;

/// <summary>
/// The complaints a homeowner said "me too" on, for the second tab of My complaints: public ones only (a hidden or
/// merged complaint leaves the list, as it leaves the public pages), the latest co-sign first.
/// </summary>
public interface ICoSignedComplaintsReader
{
    Task<IReadOnlyList<ThreadSummary>> ListAsync(long userId, CancellationToken cancellationToken = default);
}
