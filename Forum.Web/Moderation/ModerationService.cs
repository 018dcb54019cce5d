using System.Globalization;
using System.Security.Claims;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Moderation;

namespace Forum.Web.Moderation;

public enum StaffRefusal
{
    None,
    NotStaff,
    OtherCompany,
    NotFound,
    Closed,
}

public sealed record StaffThreadModel(ThreadDetail Thread, IReadOnlyList<StaffPost> Posts, ThreadContact? Contact, IReadOnlyList<RungClock> Clocks);

public sealed record QueueRow(QueueItem Item, RungClock? NextDeadline, bool Overdue);

/// <summary>
/// The back office: the queue ordered by the nearest deadline, a thread with its private contact (each view
/// logged), official replies, solutions and closing. Every call checks on the server that the person is staff and
/// may act on that company's thread.
/// </summary>
public sealed class ModerationService(
    IModerationRepository moderation,
    IThreadRepository threads,
    EscalationPolicy policy,
    QueueChanges changes,
    TimeProvider timeProvider)
{
    public static StaffMember? ToStaff(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !long.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        long? company = long.TryParse(principal.FindFirstValue(ForumClaims.CompanyId), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(r => r.Value).ToHashSet();
        var member = new StaffMember(id, principal.FindFirstValue(ForumClaims.DisplayName) ?? "", roles, company);
        return member.IsStaff ? member : null;
    }

    public async Task<IReadOnlyList<QueueRow>> QueueAsync(StaffMember staff, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var items = await moderation.ListQueueAsync(StaffAccess.QueueScope(staff), cancellationToken);
        return items
            .Select(item =>
            {
                var next = policy.RunningClocks(StateOf(item)).FirstOrDefault(c => c.Rung != EscalationRung.GroupComplaint);
                return new QueueRow(item, next, next is not null && next.DueAt <= now);
            })
            .OrderBy(r => r.NextDeadline?.DueAt ?? DateTime.MaxValue)
            .ThenBy(r => r.Item.Thread.Id)
            .ToList();
    }

    public async Task<(StaffRefusal Refusal, StaffThreadModel? Model)> OpenAsync(StaffMember staff, long threadId, CancellationToken cancellationToken = default)
    {
        var thread = await threads.FindAsync(threadId, cancellationToken);
        if (thread is null)
        {
            return (StaffRefusal.NotFound, null);
        }

        if (!StaffAccess.CanActOn(staff, thread.CompanyId))
        {
            return (StaffRefusal.OtherCompany, null);
        }

        var posts = await moderation.ListStaffPostsAsync(threadId, cancellationToken);
        var contact = await moderation.RevealContactAsync(threadId, staff, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        var queue = await moderation.ListQueueAsync(thread.CompanyId, cancellationToken);
        var clocks = queue.FirstOrDefault(q => q.Thread.Id == threadId) is { } item
            ? policy.RunningClocks(StateOf(item)).Where(c => c.Rung != EscalationRung.GroupComplaint).ToList()
            : [];
        return (StaffRefusal.None, new StaffThreadModel(thread, posts, contact, clocks));
    }

    public async Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> PostAsync(
        StaffMember staff, long threadId, PostKind kind, string? body, string? requestId, CancellationToken cancellationToken = default)
    {
        if (kind is not (PostKind.OfficialReply or PostKind.Solution or PostKind.InternalNote))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only official replies, solutions and internal notes are posted here.");
        }

        var thread = await threads.FindAsync(threadId, cancellationToken);
        if (thread is null)
        {
            return (StaffRefusal.NotFound, []);
        }

        if (!StaffAccess.CanActOn(staff, thread.CompanyId))
        {
            return (StaffRefusal.OtherCompany, []);
        }

        var errors = ComplaintRules.ValidateReply(body).ToList();
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 64)
        {
            errors.Add(new FieldError("Form", "Expired"));
        }

        if (errors.Count > 0)
        {
            return (StaffRefusal.None, errors);
        }

        // Local staff answer in their company's name; HQ staff in headquarters' name.
        var shownCompany = staff.IsHeadquarters ? await moderation.HeadquartersIdAsync(cancellationToken) : thread.CompanyId;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var stored = kind == PostKind.InternalNote
            ? await moderation.AddInternalNoteAsync(threadId, staff, shownCompany, ComplaintRules.Clean(body), requestId!, now, cancellationToken)
            : await moderation.AddOfficialPostAsync(new OfficialPost(threadId, staff, shownCompany, kind, ComplaintRules.Clean(body), requestId!), now, cancellationToken);
        changes.Notify();
        return stored is null ? (StaffRefusal.Closed, []) : (StaffRefusal.None, []);
    }

    public async Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> CloseAsync(
        StaffMember staff, long threadId, string? summary, CancellationToken cancellationToken = default)
    {
        var thread = await threads.FindAsync(threadId, cancellationToken);
        if (thread is null)
        {
            return (StaffRefusal.NotFound, []);
        }

        if (!StaffAccess.CanActOn(staff, thread.CompanyId))
        {
            return (StaffRefusal.OtherCompany, []);
        }

        var errors = ComplaintRules.ValidateReply(summary).Select(e => e with { Field = "Summary" }).ToList();
        if (errors.Count > 0)
        {
            return (StaffRefusal.None, errors);
        }

        var closed = await moderation.CloseAsync(threadId, staff, ComplaintRules.Clean(summary), timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        changes.Notify();
        return (closed ? StaffRefusal.None : StaffRefusal.Closed, []);
    }

    public const int HideReasonMax = 200;

    public async Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> HidePostAsync(
        StaffMember staff, long postId, string? reason, CancellationToken cancellationToken = default)
    {
        if (await moderation.FindPostThreadAsync(postId, cancellationToken) is not { } owner)
        {
            return (StaffRefusal.NotFound, []);
        }

        if (!StaffAccess.CanActOn(staff, owner.CompanyId))
        {
            return (StaffRefusal.OtherCompany, []);
        }

        var text = ComplaintRules.Clean(reason).Replace('\n', ' ');
        if (text.Length == 0 || text.Length > HideReasonMax)
        {
            return (StaffRefusal.None, [new FieldError("HideReason", text.Length == 0 ? "Required" : "TooLong", HideReasonMax, text.Length)]);
        }

        await moderation.HidePostAsync(postId, staff, text, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return (StaffRefusal.None, []);
    }

    public async Task<StaffRefusal> AwaitHomeownerAsync(StaffMember staff, long threadId, CancellationToken cancellationToken = default)
    {
        var thread = await threads.FindAsync(threadId, cancellationToken);
        if (thread is null)
        {
            return StaffRefusal.NotFound;
        }

        if (!StaffAccess.CanActOn(staff, thread.CompanyId))
        {
            return StaffRefusal.OtherCompany;
        }

        var waiting = await moderation.SetAwaitingHomeownerAsync(threadId, staff, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        changes.Notify();
        return waiting ? StaffRefusal.None : StaffRefusal.Closed;
    }

    public async Task<StaffRefusal> SetLockedAsync(StaffMember staff, long threadId, bool locked, CancellationToken cancellationToken = default)
    {
        var thread = await threads.FindAsync(threadId, cancellationToken);
        if (thread is null)
        {
            return StaffRefusal.NotFound;
        }

        if (!StaffAccess.CanActOn(staff, thread.CompanyId))
        {
            return StaffRefusal.OtherCompany;
        }

        await moderation.SetLockedAsync(threadId, staff, locked, timeProvider.GetUtcNow().UtcDateTime, cancellationToken);
        return StaffRefusal.None;
    }

    private static EscalationState StateOf(QueueItem item) => new()
    {
        CreatedAt = item.Thread.CreatedAt,
        Status = item.Thread.Status,
        FirstOfficialReplyAt = item.FirstOfficialReplyAt,
        SolutionProposedAt = item.SolutionProposedAt,
        ReopenedAt = item.ReopenedAt,
        ReopenCount = item.ReopenCount,
        AwaitingHomeownerSince = item.AwaitingHomeownerSince,
        SolutionPaused = TimeSpan.FromSeconds(item.SolutionPausedSeconds),
        CoSignCount = item.Thread.CoSignCount,
    };
}
