using Forum.Core.Complaints;

namespace Forum.Core.Moderation;

/// <summary>The private contact of a complaint: only the thread's company staff and HQ see it, and each view is logged.</summary>
public sealed record ThreadContact(string RealName, string Phone, string Unit);

/// <summary>An open thread in the staff queue; its stored deadlines order the queue.</summary>
public sealed record QueueItem
{
    public required ThreadSummary Thread { get; init; }
    public required long CompanyId { get; init; }
    public long? AssignedToId { get; init; }
}

/// <summary>A colleague a thread can be assigned to.</summary>
public sealed record Assignee(long UserId, string DisplayName);

/// <summary>A post as staff see it.</summary>
public sealed record StaffPost(PublicPost Post, bool IsInternal);

/// <summary>An official reply or a solution, written by staff for a company.</summary>
public sealed record OfficialPost(long ThreadId, StaffMember Author, long ShownCompanyId, PostKind Kind, string Body, string RequestId)
{
    /// <summary>Checked, re-encoded and stored photos to attach to the reply.</summary>
    public IReadOnlyList<Forum.Core.Photos.NewPhoto> Photos { get; init; } = [];
}

/// <summary>One staff act as recorded: who, in which role, when, what, before and after.</summary>
public sealed record AuditEntry(long Id, DateTime At, string ActorName, string ActorRole, long? ThreadId, string Action, string? Before, string? After)
{
    /// <summary>When <see cref="Before"/> is the id of an account (an assignment): that account's display name.</summary>
    public string? BeforePerson { get; init; }

    /// <summary>When <see cref="After"/> is the id of an account (an assignment): that account's display name.</summary>
    public string? AfterPerson { get; init; }
}

/// <summary>Filters of the audit log (HQ): all optional, newest first, keyset paging by id.</summary>
public sealed record AuditQuery(string? Action = null, long? CompanyId = null, long? ThreadId = null, long? BeforeId = null, int PageSize = 50, long? ActorId = null);

/// <summary>Someone who may appear in the audit log as the actor: every back-office account, active or not.</summary>
public sealed record AuditActor(long UserId, string DisplayName);

/// <summary>The back office's storage. Every write also appends to the audit log, in the same transaction.</summary>
public interface IModerationRepository
{
    Task<IReadOnlyList<QueueItem>> ListQueueAsync(long? companyId, CancellationToken cancellationToken = default);

    /// <summary>Returns the contact; logs the view (who, when) with its audit row once per visit (<see cref="ContactViewLog"/>).</summary>
    Task<ThreadContact?> RevealContactAsync(long threadId, StaffMember viewer, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the post and moves the clocks: the first official reply stops rung 1, a solution stops rung 2; the
    /// thread is marked for the sweep to recompute its next deadline. Null when the thread is gone or closed.
    /// The same request id twice stores one post.
    /// </summary>
    Task<long?> AddOfficialPostAsync(OfficialPost post, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Closes with a resolution summary (stops every clock). False when already closed or gone.</summary>
    Task<bool> CloseAsync(long threadId, StaffMember actor, string summary, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Every post of the thread as staff see it: internal notes included, hidden posts with their text.</summary>
    Task<IReadOnlyList<StaffPost>> ListStaffPostsAsync(long threadId, CancellationToken cancellationToken = default);

    /// <summary>A staff-only note on the thread (never in public HTML); moves no clock.</summary>
    Task<long?> AddInternalNoteAsync(long threadId, StaffMember author, long shownCompanyId, string body, string requestId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>The thread a post belongs to, with that thread's company: what a moderation check needs.</summary>
    Task<(long ThreadId, long CompanyId)?> FindPostThreadAsync(long postId, CancellationToken cancellationToken = default);

    /// <summary>Hides a post with a public reason (the post is kept; the public sees a tombstone). False if already hidden.</summary>
    Task<bool> HidePostAsync(long postId, StaffMember actor, string reason, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for the homeowner: pauses the solution clock (shown publicly) until the author replies. False when the
    /// thread is closed, already waiting, or gone.
    /// </summary>
    Task<bool> SetAwaitingHomeownerAsync(long threadId, StaffMember actor, DateTime now, string? request = null, CancellationToken cancellationToken = default);

    /// <summary>Locks or unlocks replies. False when nothing changed.</summary>
    Task<bool> SetLockedAsync(long threadId, StaffMember actor, bool locked, DateTime now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every back-office account (deactivated ones too: their acts stay in the log), by name.</summary>
    Task<IReadOnlyList<AuditActor>> ListAuditActorsAsync(CancellationToken cancellationToken = default);

    Task<bool> ChangeCategoryAsync(long threadId, StaffMember actor, long categoryId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Moves a mis-filed thread to another project (and so, perhaps, another company).</summary>
    Task<bool> MoveAsync(long threadId, StaffMember actor, long projectId, long companyId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Staff of the company (and HQ staff) who can be given the thread.</summary>
    Task<IReadOnlyList<Assignee>> ListAssigneesAsync(long companyId, CancellationToken cancellationToken = default);

    Task<bool> AssignAsync(long threadId, StaffMember actor, long? assigneeId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Merges a duplicate into <paramref name="targetId"/>: hidden from lists, its number redirects there.</summary>
    Task<bool> MergeAsync(long threadId, StaffMember actor, long targetId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Staff reopen a closed thread: a new solution cycle, as when the homeowner reopens.</summary>
    Task<bool> ReopenAsync(long threadId, StaffMember actor, DateTime now, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>The headquarters company's id (HQ staff answer in its name).</summary>
    Task<long> HeadquartersIdAsync(CancellationToken cancellationToken = default);
}
