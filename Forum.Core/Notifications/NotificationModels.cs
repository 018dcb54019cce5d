using Forum.Core.Companies;
using Forum.Core.Escalation;
using Forum.Core.Mail;

namespace Forum.Core.Notifications;

/// <summary>The kinds of mail the notifier writes; stored as the outbox row's purpose and shown to staff.</summary>
public static class NotificationKinds
{
    /// <summary>受理: a complaint was posted; the local company's customer relations (and the assignee) are told at once.</summary>
    public const string Intake = "Intake";

    /// <summary>An official reply, to the author, co-signers and followers.</summary>
    public const string OfficialReply = "OfficialReply";

    /// <summary>A proposed solution, to the author, co-signers and followers.</summary>
    public const string Solution = "Solution";

    /// <summary>Staff wait for the author ("waiting for you"), saying what they ask for; to the author.</summary>
    public const string Waiting = "Waiting";

    /// <summary>The complaint was closed, with the summary and the rating link; to the author, co-signers and followers.</summary>
    public const string Closed = "Closed";

    /// <summary>The complaint was merged into another one; to its author.</summary>
    public const string Merged = "Merged";

    /// <summary>The complaint was moved to another project; to its author.</summary>
    public const string Moved = "Moved";

    /// <summary>The kinds a homeowner can switch off on the account page, one switch each.</summary>
    public static readonly IReadOnlyList<string> HomeownerKinds = [OfficialReply, Solution, Waiting, Closed, Merged, Moved];
}

/// <summary>
/// A homeowner who hears about a complaint: its author, a co-signer or a follower, with their account id (for
/// unsubscribe links) and the kinds they switched off.
/// </summary>
public sealed record HomeownerRecipient(long UserId, NotificationRecipient Recipient)
{
    public IReadOnlySet<string> DisabledKinds { get; init; } = new HashSet<string>();
}

/// <summary>A new complaint as the intake mail names it.</summary>
public sealed record PostedComplaint
{
    public required long ThreadId { get; init; }
    public string Number => Complaints.ThreadNumber.Format(ThreadId);
    public required string Title { get; init; }
    public required string Body { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required long CompanyId { get; init; }
    public long? AssignedToId { get; init; }
    public required LocalizedName CompanyName { get; init; }
    public required LocalizedName ProjectName { get; init; }
    public required LocalizedName CategoryName { get; init; }
}

/// <summary>Someone a notification goes to: a name, an address, the language they read, and who they are to the complaint.</summary>
public sealed record NotificationRecipient(string Name, string Email, string Language, string Role);

/// <summary>Writes each notification in the recipient's language (the web layer owns the wording and the links).</summary>
public interface INotificationComposer
{
    /// <param name="deadlines">The running deadlines, as <see cref="EscalationPolicy"/> decided them.</param>
    OutgoingMessage ComposeIntake(PostedComplaint complaint, IReadOnlyList<RungClock> deadlines, NotificationRecipient recipient);

    /// <summary>
    /// One mail for what happened to one complaint within the coalescing window (<see cref="HomeownerNotices"/>), as
    /// far as this recipient hears of it. <paramref name="batchId"/> (the batch's first event) fixes the Message-ID.
    /// </summary>
    OutgoingMessage ComposeHomeownerMail(IReadOnlyList<HomeownerEvent> events, HomeownerRecipient recipient, long batchId);
}

/// <summary>
/// What the notifier reads and where it has got to. A cursor only moves forward, and every message it leads to has a
/// Message-ID fixed by what it is about and who it is for, so a run that repeats work (a crash, two nodes) queues
/// nothing twice.
/// </summary>
public interface INotificationRepository
{
    /// <summary>
    /// The cursor's position; when it has none yet it starts just before the complaints posted since
    /// <paramref name="startFrom"/>, so a first start does not mail the whole history.
    /// </summary>
    Task<long> GetOrStartCursorAsync(string name, DateTime startFrom, DateTime now, CancellationToken cancellationToken = default);

    Task AdvanceCursorAsync(string name, long position, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Complaints posted after <paramref name="afterThreadId"/>, oldest first (thread ids only grow).</summary>
    Task<IReadOnlyList<PostedComplaint>> ListPostedAfterAsync(long afterThreadId, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Where the events cursor starts on its first run: just before the acts recorded since <paramref name="startFrom"/>
    /// (on an upgrade, migration 0023 carries the earlier post-based cursor's position over instead).
    /// </summary>
    Task<long> GetOrStartEventCursorAsync(string name, DateTime startFrom, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Acts homeowners hear of (<see cref="HomeownerNotices.Kinds"/>) recorded after <paramref name="afterEventId"/>
    /// and not yet mailed (past their complaint's mark), oldest first: event id, complaint, when.
    /// </summary>
    Task<IReadOnlyList<(long EventId, long ThreadId, DateTime At)>> ListUnsentEventsAsync(long afterEventId, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// A batch: the complaint's acts homeowners hear of from <paramref name="firstEventId"/> on, that one and those
    /// recorded before <paramref name="before"/>, oldest first, with what a mail needs to say about each.
    /// </summary>
    Task<IReadOnlyList<HomeownerEvent>> ListBatchAsync(long threadId, long firstEventId, DateTime before, CancellationToken cancellationToken = default);

    /// <summary>Marks the complaint's acts up to <paramref name="lastEventId"/> as mailed (only ever forward).</summary>
    Task MarkMailedAsync(long threadId, long lastEventId, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The complaint's author, co-signers and followers who have a confirmed address, are active and did not opt out
    /// of this complaint, each once (as author before co-signer before follower), with the kinds they switched off.
    /// </summary>
    Task<IReadOnlyList<HomeownerRecipient>> HomeownerRecipientsAsync(long threadId, CancellationToken cancellationToken = default);

    /// <summary>The company's active customer relations recipients, and the assignee if there is one (active, with an address).</summary>
    Task<IReadOnlyList<NotificationRecipient>> IntakeRecipientsAsync(long companyId, long? assignedToId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The notifier: reads what happened since its cursors and writes the mail to the outbox. Run by a job right after a
/// complaint is posted and every minute; safe to run twice or on several nodes.
/// </summary>
public sealed class Notifier(
    INotificationRepository notifications, INotificationComposer composer, IOutboxRepository outbox, EscalationPolicy policy,
    NotificationOptions options, TimeProvider timeProvider)
{
    public const string IntakeCursor = "intake";

    /// <summary>The cursor over the record (thread events) that homeowner mail follows.</summary>
    public const string EventsCursor = "events";

    public const int BatchSize = 200;

    /// <summary>How far back a cursor's first run looks: a complaint posted just before start-up still gets its intake mail.</summary>
    public static readonly TimeSpan FirstRunLookBack = TimeSpan.FromMinutes(10);

    public sealed record Result(int Complaints, int Messages);

    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var cursor = await notifications.GetOrStartCursorAsync(IntakeCursor, now - FirstRunLookBack, now, cancellationToken);
        int complaints = 0, messages = 0;
        while (true)
        {
            var posted = await notifications.ListPostedAfterAsync(cursor, BatchSize, cancellationToken);
            foreach (var complaint in posted)
            {
                var deadlines = policy.RunningClocks(new EscalationState { CreatedAt = complaint.CreatedAt, Status = Complaints.ThreadStatus.Open });
                var recipients = await notifications.IntakeRecipientsAsync(complaint.CompanyId, complaint.AssignedToId, cancellationToken);
                var mail = recipients
                    .DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase)
                    .Select(r => composer.ComposeIntake(complaint, deadlines, r))
                    .ToList();
                messages += await outbox.EnqueueOnceAsync(NotificationKinds.Intake, mail, now, cancellationToken);
                complaints++;
                cursor = complaint.ThreadId;
                await notifications.AdvanceCursorAsync(IntakeCursor, cursor, now, cancellationToken);
            }

            if (posted.Count < BatchSize)
            {
                break;
            }
        }

        var replies = await RunHomeownersAsync(now, cancellationToken);
        return new Result(complaints + replies.Complaints, messages + replies.Messages);
    }

    /// <summary>
    /// What happened to each complaint, to its homeowners: the acts of one complaint within the coalescing window
    /// since its first unsent act go out as one mail per recipient, once the window has passed. A complaint whose
    /// window is still open holds the cursor back (to just before its first unsent act); complaints already mailed
    /// past the cursor are skipped by their mark.
    /// </summary>
    private async Task<Result> RunHomeownersAsync(DateTime now, CancellationToken cancellationToken)
    {
        var window = options.CoalesceWindow;
        var cursor = await notifications.GetOrStartEventCursorAsync(EventsCursor, now - FirstRunLookBack, now, cancellationToken);
        int complaints = 0, messages = 0;
        while (true)
        {
            var unsent = await notifications.ListUnsentEventsAsync(cursor, BatchSize, cancellationToken);
            long? firstHeld = null;
            foreach (var thread in unsent.GroupBy(e => e.ThreadId))
            {
                var pending = thread.ToList();
                while (pending.Count > 0)
                {
                    var first = pending[0];
                    if (!HomeownerNotices.IsDue(first.At, window, now))
                    {
                        firstHeld = Math.Min(firstHeld ?? long.MaxValue, first.EventId);
                        break;
                    }

                    var batch = await notifications.ListBatchAsync(thread.Key, first.EventId, HomeownerNotices.BatchEnd(first.At, window), cancellationToken);
                    var last = batch.Count > 0 ? batch[^1].EventId : first.EventId;
                    messages += await MailBatchAsync(thread.Key, first.EventId, batch, now, cancellationToken);
                    await notifications.MarkMailedAsync(thread.Key, last, now, cancellationToken);
                    complaints++;
                    pending = pending.Where(e => e.EventId > last).ToList();
                }
            }

            var next = firstHeld is { } held ? held - 1 : unsent.Count > 0 ? unsent[^1].EventId : cursor;
            if (next > cursor)
            {
                cursor = next;
                await notifications.AdvanceCursorAsync(EventsCursor, cursor, now, cancellationToken);
            }

            if (unsent.Count < BatchSize || firstHeld is not null)
            {
                return new Result(complaints, messages);
            }
        }
    }

    private async Task<int> MailBatchAsync(long threadId, long batchId, IReadOnlyList<HomeownerEvent> batch, DateTime now, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var masked = batch.Select(e => e.Masked()).ToList();
        var recipients = await notifications.HomeownerRecipientsAsync(threadId, cancellationToken);
        var mail = recipients
            .DistinctBy(r => r.UserId)
            .Select(r => (Recipient: r, Events: HomeownerNotices.For(r, masked)))
            .Where(x => x.Events.Count > 0)
            .Select(x => (Purpose: HomeownerNotices.PurposeOf(x.Events), Message: composer.ComposeHomeownerMail(x.Events, x.Recipient, batchId)))
            .ToList();
        var added = 0;
        foreach (var purpose in mail.GroupBy(m => m.Purpose))
        {
            added += await outbox.EnqueueOnceAsync(purpose.Key, purpose.Select(m => m.Message).ToList(), now, cancellationToken);
        }

        return added;
    }
}
