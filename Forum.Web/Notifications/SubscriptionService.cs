using System.Globalization;
using System.Security.Claims;
using Forum.Core.Complaints;
using Forum.Core.Notifications;

namespace Forum.Web.Notifications;

/// <summary>What a signed-in person chose to hear about: complaints they follow, and a switch per kind of mail.</summary>
public sealed class SubscriptionService(ISubscriptionRepository subscriptions, IComplaintWriter complaints, TimeProvider timeProvider)
{
    public enum FollowOutcome
    {
        SignInRequired,
        NotFound,

        /// <summary>The author hears of everything already; there is nothing to follow.</summary>
        OwnComplaint,
        Following,
        NotFollowing,
    }

    private static long? UserId(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>Follows or stops following a public complaint (not one's own); following again lifts an earlier unsubscribe.</summary>
    public async Task<FollowOutcome> SetFollowingAsync(ClaimsPrincipal principal, long threadId, bool follow, CancellationToken cancellationToken = default)
    {
        if (UserId(principal) is not { } userId)
        {
            return FollowOutcome.SignInRequired;
        }

        var author = await complaints.FindAuthorAsync(threadId, cancellationToken);
        if (author is null)
        {
            return FollowOutcome.NotFound;
        }

        if (author == userId)
        {
            return FollowOutcome.OwnComplaint;
        }

        await subscriptions.SetFollowingAsync(userId, threadId, follow, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return follow ? FollowOutcome.Following : FollowOutcome.NotFollowing;
    }

    public async Task<bool> IsFollowingAsync(ClaimsPrincipal principal, long threadId, CancellationToken cancellationToken = default) =>
        UserId(principal) is { } userId && await subscriptions.IsFollowingAsync(userId, threadId, cancellationToken);

    /// <summary>The followed complaints, titles masked as on every public list.</summary>
    public async Task<IReadOnlyList<ThreadSummary>> ListFollowedAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default) =>
        UserId(principal) is { } userId
            ? (await subscriptions.ListFollowedAsync(userId, cancellationToken)).Select(t => t with { Title = PersonalDataMasker.Mask(t.Title) }).ToList()
            : [];

    /// <summary>The kinds of homeowner mail this person receives (every kind until switched off).</summary>
    public async Task<IReadOnlySet<string>> EnabledKindsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var off = UserId(principal) is { } userId ? await subscriptions.DisabledKindsAsync(userId, cancellationToken) : new HashSet<string>();
        return NotificationKinds.HomeownerKinds.Where(k => !off.Contains(k)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Stores one switch per kind: the kinds named are on, every other homeowner kind is off; unknown names are ignored.</summary>
    public async Task SaveKindsAsync(ClaimsPrincipal principal, IEnumerable<string>? enabled, CancellationToken cancellationToken = default)
    {
        if (UserId(principal) is not { } userId)
        {
            return;
        }

        var on = (enabled ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in NotificationKinds.HomeownerKinds)
        {
            await subscriptions.SetKindEnabledAsync(userId, kind, on.Contains(kind), cancellationToken);
        }
    }
}
