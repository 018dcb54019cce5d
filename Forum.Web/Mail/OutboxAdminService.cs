using System.Globalization;
using System.Security.Claims;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Mail;
using Hangfire;

namespace Forum.Web.Mail;

/// <summary>
/// The outbox alarm and <c>/admin/outbox</c>: HQ staff and admins see failed and stuck messages, retry one (to a
/// corrected address if need be) or dismiss it. Roles are checked here as well as on the pages.
/// </summary>
public sealed class OutboxAdminService(IOutboxMonitor monitor, IBackgroundJobClient jobs, TimeProvider timeProvider)
{
    public const int ProblemPageSize = 200;

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    public static bool MaySee(ClaimsPrincipal principal) => principal.IsInRole(ForumRoles.HqStaff) || principal.IsInRole(ForumRoles.Admin);

    private static (long Id, string Role) Actor(ClaimsPrincipal principal) =>
        MaySee(principal) && long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (id, principal.IsInRole(ForumRoles.Admin) ? ForumRoles.Admin : ForumRoles.HqStaff)
            : throw new UnauthorizedAccessException("HQ staff and admins only.");

    /// <summary>The alarm for someone who should see it; null for everyone else (and when all is well).</summary>
    public async Task<OutboxAlarm?> AlarmAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (!MaySee(principal))
        {
            return null;
        }

        var alarm = await monitor.GetAlarmAsync(Now, cancellationToken);
        return alarm.Raised ? alarm : null;
    }

    public async Task<IReadOnlyList<NotificationProof>> ProblemsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        Actor(principal);
        return await monitor.ListProblemsAsync(Now, ProblemPageSize, cancellationToken);
    }

    /// <summary>Retries one message, to <paramref name="correctedEmail"/> when given; errors name the field.</summary>
    public async Task<IReadOnlyList<FieldError>> RetryAsync(ClaimsPrincipal principal, long id, string? correctedEmail, CancellationToken cancellationToken = default)
    {
        var actor = Actor(principal);
        var errors = new List<FieldError>();
        string? email = null;
        if (!string.IsNullOrWhiteSpace(correctedEmail))
        {
            AccountRules.ValidateEmail(correctedEmail, errors, "Email");
            email = correctedEmail.Trim();
        }

        if (errors.Count == 0 && !await monitor.RetryAsync(id, email, actor.Id, actor.Role, Now, cancellationToken))
        {
            errors.Add(new FieldError("Form", "OutboxAlreadySent"));
        }
        else if (errors.Count == 0)
        {
            jobs.Enqueue<Jobs.DeliverOutboxJob>(job => job.RunAsync(CancellationToken.None));
        }

        return errors;
    }

    /// <summary>Every message about one complaint, for staff who may act on it (checked here, not only by the page).</summary>
    public async Task<IReadOnlyList<NotificationProof>> ForThreadAsync(Forum.Core.Moderation.StaffMember staff, long threadId, long companyId, CancellationToken cancellationToken = default) =>
        Forum.Core.Moderation.StaffAccess.CanActOn(staff, companyId)
            ? await monitor.ListForThreadAsync(threadId, cancellationToken)
            : throw new UnauthorizedAccessException("Staff of the complaint's company, HQ and admins only.");

    public async Task<bool> DismissAsync(ClaimsPrincipal principal, long id, CancellationToken cancellationToken = default)
    {
        var actor = Actor(principal);
        return await monitor.DismissAsync(id, actor.Id, actor.Role, Now, cancellationToken);
    }
}
