using System.Globalization;
using System.Security.Claims;
using Forum.Core.Accounts;
using Forum.Core.Complaints;
using Forum.Core.Escalation;
using Forum.Core.Moderation;
using Forum.Web.Photos;

namespace Forum.Web.Moderation;

public enum StaffRefusal
{
    None,
    NotStaff,
    OtherCompany,
    NotFound,
    Closed,

    /// <summary>Nothing to change (same value, unknown target, or not possible in the thread's state).</summary>
    Unchanged,
}

public sealed record StaffThreadModel(ThreadDetail Thread, IReadOnlyList<StaffPost> Posts, ThreadContact? Contact, IReadOnlyList<DeadlineLine> Deadlines, IReadOnlyList<Assignee> Assignees)
{
    /// <summary>The whole record, staff-only entries (assignments) included.</summary>
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];
}

public sealed record QueueRow(QueueItem Item, RungClock? NextDeadline, bool Overdue);

/// <summary>
/// The back office: the queue ordered by the nearest deadline, a thread with its private contact (each view
/// logged), official replies, solutions and closing. Every call checks on the server that the person is staff and
/// may act on that company's thread.
/// </summary>
public sealed class ModerationService(
    IModerationRepository moderation,
    IThreadRepository threads,
    IThreadEventReader events,
    Forum.Core.Escalation.IEscalationNoticeReader notices,
    QueueChanges changes,
    QueueSnapshots queueSnapshots,
    Configuration.CatalogCache catalogs,
    Photos.PhotoUploads photoUploads,
    Forum.Core.Photos.IPhotoRepository photoRepository,
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

    /// <summary>The staff member's queue, nearest deadline first, shared with the node's other consoles of the same scope.</summary>
    public Task<IReadOnlyList<QueueRow>> QueueAsync(StaffMember staff, CancellationToken cancellationToken = default)
    {
        var scope = StaffAccess.QueueScope(staff);
        return queueSnapshots.GetAsync(scope, () => ReadQueueAsync(scope), cancellationToken);
    }

    private async Task<IReadOnlyList<QueueRow>> ReadQueueAsync(long? scope)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var items = await moderation.ListQueueAsync(scope, CancellationToken.None);
        // The repository orders by the deadlines each thread stored; nothing is recomputed here.
        return items
            .Select(item =>
            {
                var next = item.Thread.Deadlines.FirstOrDefault();
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
        var record = await events.ListAsync(threadId, cancellationToken);
        var assignees = await moderation.ListAssigneesAsync(thread.CompanyId, cancellationToken);
        var deliveries = await notices.ListForThreadAsync(threadId, cancellationToken);
        return (StaffRefusal.None, new StaffThreadModel(thread, posts, contact, ThreadDeadlines.Build(thread, record, deliveries), assignees)
        {
            Timeline = ThreadTimeline.Build(thread, record, forStaff: true, deliveries),
        });
    }

    public async Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> PostAsync(
        StaffMember staff, long threadId, PostKind kind, string? body, string? requestId, IReadOnlyList<IFormFile>? files = null, CancellationToken cancellationToken = default)
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

        // Photos go with official replies and solutions, which the public sees; internal notes take none.
        var (photos, photoErrors) = kind == PostKind.InternalNote ? ([], []) : PhotoUploads.Check(files ?? []);
        errors.AddRange(photoErrors);
        if (errors.Count > 0)
        {
            return (StaffRefusal.None, errors);
        }

        // Local staff answer in their company's name; HQ staff in headquarters' name.
        var shownCompany = staff.IsHeadquarters ? await moderation.HeadquartersIdAsync(cancellationToken) : thread.CompanyId;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var photoFiles = await photoUploads.StoreAsync(photos, cancellationToken);
        long? stored;
        try
        {
            stored = kind == PostKind.InternalNote
                ? await moderation.AddInternalNoteAsync(threadId, staff, shownCompany, ComplaintRules.Clean(body), requestId!, now, cancellationToken)
                : await moderation.AddOfficialPostAsync(new OfficialPost(threadId, staff, shownCompany, kind, ComplaintRules.Clean(body), requestId!) { Photos = photoFiles.Photos }, now, cancellationToken);
        }
        catch
        {
            await photoUploads.DiscardAsync(photoFiles);
            throw;
        }

        if (stored is null)
        {
            await photoUploads.DiscardAsync(photoFiles);
            return (StaffRefusal.Closed, []);
        }

        await photoUploads.EnsureStoredAsync(photoFiles);
        changes.Notify();
        return (StaffRefusal.None, []);
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

    public Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> HidePostAsync(
        StaffMember staff, long postId, string? reason, CancellationToken cancellationToken = default) =>
        HideAsync(staff, reason, moderation.FindPostThreadAsync(postId, cancellationToken),
            (text, now) => moderation.HidePostAsync(postId, staff, text, now, cancellationToken));

    /// <summary>Hides a photo with a public reason, as a post is hidden; staff of the thread's company or HQ only.</summary>
    public Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> HidePhotoAsync(
        StaffMember staff, long photoId, string? reason, CancellationToken cancellationToken = default) =>
        HideAsync(staff, reason, photoRepository.FindThreadAsync(photoId, cancellationToken),
            (text, now) => photoRepository.HideAsync(photoId, staff, text, now, cancellationToken));

    /// <summary>The rule for hiding anything public: the owner's company is checked, then the one-line public reason.</summary>
    private async Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> HideAsync(
        StaffMember staff, string? reason, Task<(long ThreadId, long CompanyId)?> findOwner, Func<string, DateTime, Task<bool>> hide)
    {
        if (await findOwner is not { } owner)
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

        await hide(text, timeProvider.GetUtcNow().UtcDateTime);
        return (StaffRefusal.None, []);
    }

    /// <summary>
    /// Pauses the solution clock until the author answers. The request (what staff need from the author) is required:
    /// it is recorded with the act and quoted in the author's "waiting for you" mail.
    /// </summary>
    public async Task<(StaffRefusal Refusal, IReadOnlyList<FieldError> Errors)> AwaitHomeownerAsync(
        StaffMember staff, long threadId, string? request, CancellationToken cancellationToken = default)
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

        var errors = ComplaintRules.ValidateReply(request).Select(e => e with { Field = "Request" }).ToList();
        if (errors.Count > 0)
        {
            return (StaffRefusal.None, errors);
        }

        var waiting = await moderation.SetAwaitingHomeownerAsync(threadId, staff, timeProvider.GetUtcNow().UtcDateTime, ComplaintRules.Clean(request), cancellationToken);
        changes.Notify();
        return (waiting ? StaffRefusal.None : StaffRefusal.Closed, []);
    }

    /// <summary>The thread, when this staff member may act on it; otherwise why not.</summary>
    private async Task<(StaffRefusal Refusal, ThreadDetail? Thread)> ActableAsync(StaffMember staff, long threadId, CancellationToken cancellationToken)
    {
        var thread = await threads.FindAsync(threadId, cancellationToken);
        return thread is null ? (StaffRefusal.NotFound, null)
            : !StaffAccess.CanActOn(staff, thread.CompanyId) ? (StaffRefusal.OtherCompany, null)
            : (StaffRefusal.None, thread);
    }

    private async Task<StaffRefusal> DoneAsync(Task<bool> act)
    {
        var done = await act;
        changes.Notify();
        return done ? StaffRefusal.None : StaffRefusal.Unchanged;
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<StaffRefusal> ChangeCategoryAsync(StaffMember staff, long threadId, string? categoryCode, CancellationToken cancellationToken = default)
    {
        var (refusal, thread) = await ActableAsync(staff, threadId, cancellationToken);
        var category = (await catalogs.GetAsync(cancellationToken)).CategoryByCode(categoryCode);
        return refusal != StaffRefusal.None ? refusal
            : category is null ? StaffRefusal.Unchanged
            : await DoneAsync(moderation.ChangeCategoryAsync(thread!.Id, staff, category.Id, Now, cancellationToken));
    }

    /// <summary>Local staff move within their company; a move to another company's project is for HQ.</summary>
    public async Task<StaffRefusal> MoveAsync(StaffMember staff, long threadId, string? projectSlug, CancellationToken cancellationToken = default)
    {
        var (refusal, thread) = await ActableAsync(staff, threadId, cancellationToken);
        var project = (await catalogs.GetAsync(cancellationToken)).ProjectBySlug(projectSlug);
        if (refusal != StaffRefusal.None)
        {
            return refusal;
        }

        if (project is null)
        {
            return StaffRefusal.Unchanged;
        }

        return StaffAccess.CanActOn(staff, project.CompanyId)
            ? await DoneAsync(moderation.MoveAsync(thread!.Id, staff, project.Id, project.CompanyId, Now, cancellationToken))
            : StaffRefusal.OtherCompany;
    }

    public async Task<StaffRefusal> AssignAsync(StaffMember staff, long threadId, long? assigneeId, CancellationToken cancellationToken = default)
    {
        var (refusal, thread) = await ActableAsync(staff, threadId, cancellationToken);
        if (refusal != StaffRefusal.None)
        {
            return refusal;
        }

        if (assigneeId is { } id && (await moderation.ListAssigneesAsync(thread!.CompanyId, cancellationToken)).All(a => a.UserId != id))
        {
            return StaffRefusal.Unchanged;
        }

        return await DoneAsync(moderation.AssignAsync(threadId, staff, assigneeId, Now, cancellationToken));
    }

    public async Task<StaffRefusal> MergeAsync(StaffMember staff, long threadId, string? targetNumber, CancellationToken cancellationToken = default)
    {
        var (refusal, _) = await ActableAsync(staff, threadId, cancellationToken);
        if (refusal != StaffRefusal.None)
        {
            return refusal;
        }

        if (!ThreadNumber.TryParse(targetNumber, out var targetId) || targetId == threadId)
        {
            return StaffRefusal.Unchanged;
        }

        var (targetRefusal, _) = await ActableAsync(staff, targetId, cancellationToken);
        return targetRefusal != StaffRefusal.None ? targetRefusal : await DoneAsync(moderation.MergeAsync(threadId, staff, targetId, Now, cancellationToken));
    }

    public async Task<StaffRefusal> ReopenAsync(StaffMember staff, long threadId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var (refusal, _) = await ActableAsync(staff, threadId, cancellationToken);
        var text = reason?.Trim();
        return refusal != StaffRefusal.None ? refusal
            : await DoneAsync(moderation.ReopenAsync(threadId, staff, Now, string.IsNullOrEmpty(text) ? null : text, cancellationToken));
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

}
