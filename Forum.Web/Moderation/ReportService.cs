using System.Globalization;
using System.Security.Claims;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Moderation;
using Microsoft.Extensions.Options;

namespace Forum.Web.Moderation;

/// <summary>Community reports: any signed-in person reports a post; staff review them for their company.</summary>
public sealed class ReportService(
    IReportRepository reports,
    IModerationRepository moderation,
    IOptions<ModerationOptions> options,
    QueueChanges changes,
    TimeProvider timeProvider)
{
    public const int NoteMax = 500;

    public async Task<ReportOutcome> ReportAsync(ClaimsPrincipal principal, long postId, string? reason, string? note, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            || !Enum.TryParse<ReportReason>(reason, out var parsed) || !Enum.IsDefined(parsed))
        {
            return ReportOutcome.NotFound;
        }

        var text = ComplaintRules.Clean(note);
        var outcome = await reports.ReportAsync(postId, userId, parsed, text.Length == 0 ? null : text[..Math.Min(text.Length, NoteMax)],
            options.Value.ReportsToHide, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        changes.Notify();
        return outcome;
    }

    public Task<IReadOnlyList<ReportedPost>> QueueAsync(StaffMember staff, CancellationToken cancellationToken = default) =>
        reports.ListOpenAsync(StaffAccess.QueueScope(staff), cancellationToken);

    public async Task<StaffRefusal> ReviewAsync(StaffMember staff, long postId, bool uphold, string? publicReason, CancellationToken cancellationToken = default)
    {
        if (await moderation.FindPostThreadAsync(postId, cancellationToken) is not { } owner)
        {
            return StaffRefusal.NotFound;
        }

        if (!StaffAccess.CanActOn(staff, owner.CompanyId))
        {
            return StaffRefusal.OtherCompany;
        }

        var reason = ComplaintRules.Clean(publicReason).Replace('\n', ' ');
        if (uphold && (reason.Length == 0 || reason.Length > ModerationService.HideReasonMax))
        {
            return StaffRefusal.Unchanged;
        }

        var done = await reports.ReviewAsync(postId, staff, uphold, reason, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return done ? StaffRefusal.None : StaffRefusal.Unchanged;
    }
}
