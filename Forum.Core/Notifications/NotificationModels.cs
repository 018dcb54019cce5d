using Forum.Core.Companies;
using Forum.Core.Escalation;
using Forum.Core.Mail;

namespace Forum.Core.Notifications;

/// <summary>The kinds of mail the notifier writes; stored as the outbox row's purpose and shown to staff.</summary>
public static class NotificationKinds
{
    /// <summary>受理: a complaint was posted; the local company's customer relations (and the assignee) are told at once.</summary>
    public const string Intake = "Intake";

    /// <summary>An official reply or a proposed solution, to the author, co-signers and followers.</summary>
    public const string OfficialReply = "OfficialReply";

    /// <summary>The kinds a homeowner can switch off on the account page.</summary>
    public static readonly IReadOnlyList<string> HomeownerKinds = [OfficialReply];
}

/// <summary>An official reply or solution a homeowner is told about.</summary>
public sealed record OfficialUpdate
{
    public required long PostId { get; init; }
    public required long ThreadId { get; init; }
    public string Number => Complaints.ThreadNumber.Format(ThreadId);
    public required string ThreadTitle { get; init; }
    public required Complaints.PostKind Kind { get; init; }
    public required string Body { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required LocalizedName CompanyName { get; init; }
}

/// <summary>A homeowner who hears about a complaint: its author, a co-signer or a follower, with their account id (for unsubscribe links).</summary>
public sealed record HomeownerRecipient(long UserId, NotificationRecipient Recipient);

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

    /// <summary>One mail for the updates of one complaint found in one run (several replies within minutes: one mail).</summary>
    OutgoingMessage ComposeUpdates(IReadOnlyList<OfficialUpdate> updates, HomeownerRecipient recipient);
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

    /// <summary>Official replies and solutions (public, not hidden) after <paramref name="afterPostId"/>, oldest first.</summary>
    Task<IReadOnlyList<OfficialUpdate>> ListOfficialUpdatesAfterAsync(long afterPostId, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// The complaint's author, co-signers and followers who have a confirmed address, are active, did not opt out of
    /// this complaint and did not switch off <paramref name="kind"/>.
    /// </summary>
    Task<IReadOnlyList<HomeownerRecipient>> HomeownerRecipientsAsync(long threadId, string kind, CancellationToken cancellationToken = default);

    /// <summary>Where the replies cursor starts: the last post written before <paramref name="startFrom"/>.</summary>
    Task<long> GetOrStartPostCursorAsync(string name, DateTime startFrom, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>The company's active customer relations recipients, and the assignee if there is one (active, with an address).</summary>
    Task<IReadOnlyList<NotificationRecipient>> IntakeRecipientsAsync(long companyId, long? assignedToId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The notifier: reads what happened since its cursors and writes the mail to the outbox. Run by a job right after a
/// complaint is posted and every minute; safe to run twice or on several nodes.
/// </summary>
public sealed class Notifier(INotificationRepository notifications, INotificationComposer composer, IOutboxRepository outbox, EscalationPolicy policy, TimeProvider timeProvider)
{
    public const string IntakeCursor = "intake";
    public const string RepliesCursor = "replies";
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

        var replies = await RunRepliesAsync(now, cancellationToken);
        return new Result(complaints + replies.Complaints, messages + replies.Messages);
    }

    /// <summary>Official replies and solutions to their homeowners: one mail per complaint and recipient per run.</summary>
    private async Task<Result> RunRepliesAsync(DateTime now, CancellationToken cancellationToken)
    {
        var cursor = await notifications.GetOrStartPostCursorAsync(RepliesCursor, now - FirstRunLookBack, now, cancellationToken);
        int complaints = 0, messages = 0;
        while (true)
        {
            var updates = await notifications.ListOfficialUpdatesAfterAsync(cursor, BatchSize, cancellationToken);
            foreach (var thread in updates.GroupBy(u => u.ThreadId))
            {
                var recipients = await notifications.HomeownerRecipientsAsync(thread.Key, NotificationKinds.OfficialReply, cancellationToken);
                var mail = recipients
                    .DistinctBy(r => r.UserId)
                    .Select(r => composer.ComposeUpdates(thread.ToList(), r))
                    .ToList();
                messages += await outbox.EnqueueOnceAsync(NotificationKinds.OfficialReply, mail, now, cancellationToken);
                complaints++;
            }

            if (updates.Count > 0)
            {
                cursor = updates[^1].PostId;
                await notifications.AdvanceCursorAsync(RepliesCursor, cursor, now, cancellationToken);
            }

            if (updates.Count < BatchSize)
            {
                return new Result(complaints, messages);
            }
        }
    }
}
