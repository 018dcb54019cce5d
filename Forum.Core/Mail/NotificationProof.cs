using Forum.Core.Escalation;

namespace Forum.Core.Mail;

/// <summary>Who a message went to, in the complaint's terms (stored with the message, shown to staff).</summary>
public static class NotificationRoles
{
    public const string Author = "Author";
    public const string CoSigner = "CoSigner";
    public const string Follower = "Follower";
    public const string Assignee = "Assignee";

    /// <summary>HQ's own recipients carry an <c>Hq</c> prefix: "reported to HQ" is true only once one of them accepted.</summary>
    public const string HeadquartersPrefix = "Hq";

    public static string Of(Recipient recipient, long headquartersId) =>
        (recipient.CompanyId == headquartersId ? HeadquartersPrefix : "") + recipient.Role;

    public static bool IsHeadquarters(string? role) => role is not null && role.StartsWith(HeadquartersPrefix, StringComparison.Ordinal);

    /// <summary>True for the escalation recipients an admin maintains (and can correct) on the admin page.</summary>
    public static bool IsEscalationRecipient(string? role) =>
        role is not null && Enum.TryParse<RecipientRole>(IsHeadquarters(role) ? role[HeadquartersPrefix.Length..] : role, out _);
}

/// <summary>Where a message stands, as staff see it.</summary>
public enum NotificationState
{
    /// <summary>Waiting for its first attempt.</summary>
    Pending,

    /// <summary>Tried and not yet accepted (4xx, or the server was unreachable): it will be tried again.</summary>
    Deferred,

    /// <summary>The server accepted it.</summary>
    Sent,

    /// <summary>Refused for good, or not sendable: it needs a person.</summary>
    Failed,
}

/// <summary>One outbox message with its proof: who, what, every answer the server gave, when it was accepted.</summary>
public sealed record NotificationProof
{
    public required long Id { get; init; }
    public required string Purpose { get; init; }
    public long? ThreadId { get; init; }
    public required string ToName { get; init; }
    public required string ToEmail { get; init; }
    public string? RecipientRole { get; init; }
    public required string Subject { get; init; }
    public required string Status { get; init; }
    public required int Attempts { get; init; }
    public string? LastResponse { get; init; }
    public required string MessageId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? LastAttemptAt { get; init; }
    public DateTime? SentAt { get; init; }
    public DateTime? DismissedAt { get; init; }

    public NotificationState State => Status switch
    {
        nameof(OutboxStatus.Sent) => NotificationState.Sent,
        nameof(OutboxStatus.Failed) => NotificationState.Failed,
        _ => LastAttemptAt is null ? NotificationState.Pending : NotificationState.Deferred,
    };
}

/// <summary>
/// The outbox alarm: failed messages nobody has dealt with, and messages still not accepted after
/// <see cref="StuckAfter"/>. Either puts a banner in front of HQ and the admins and degrades the health check.
/// </summary>
public sealed record OutboxAlarm(int Failed, int Stuck, DateTime? OldestPendingAt)
{
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(15);

    public bool Raised => Failed > 0 || Stuck > 0;

    public static DateTime StuckBefore(DateTime now) => now - StuckAfter;
}

/// <summary>Reading the outbox for people: the alarm, the problems, a complaint's notifications; and the admin's acts on one message.</summary>
public interface IOutboxMonitor
{
    Task<OutboxAlarm> GetAlarmAsync(DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Failed messages not dismissed, and pending ones already tried or older than the alarm's limit; newest first.</summary>
    Task<IReadOnlyList<NotificationProof>> ListProblemsAsync(DateTime now, int max, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NotificationProof>> ListForThreadAsync(long threadId, CancellationToken cancellationToken = default);

    Task<NotificationProof?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a failed or waiting message back in line for now, to <paramref name="toEmail"/> if given (a corrected
    /// address); audited in the same transaction. False when it was sent meanwhile.
    /// </summary>
    Task<bool> RetryAsync(long id, string? toEmail, long actorId, string actorRole, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>Takes a failed message off the alarm (it stays in the record as failed); audited.</summary>
    Task<bool> DismissAsync(long id, long actorId, string actorRole, DateTime now, CancellationToken cancellationToken = default);
}
