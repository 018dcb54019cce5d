namespace Forum.Core.Mail;

/// <summary>A message to write to the outbox: one recipient, localized, HTML and plain text, with a stable Message-ID.</summary>
public sealed record OutgoingMessage(
    string ToName,
    string ToEmail,
    string Language,
    string Subject,
    string TextBody,
    string HtmlBody,
    string MessageId)
{
    /// <summary>A PNG shown inside the HTML as <c>cid:</c><see cref="OutboxMessage.InlineImageContentId"/>.</summary>
    public byte[]? InlineImage { get; init; }

    /// <summary>The complaint the message is about, if any: its staff page lists the message as proof.</summary>
    public long? ThreadId { get; init; }

    /// <summary>Who the recipient is to the complaint (<see cref="NotificationRoles"/>).</summary>
    public string? RecipientRole { get; init; }

    /// <summary>The one-click unsubscribe address (RFC 8058), sent as List-Unsubscribe with List-Unsubscribe-Post.</summary>
    public string? ListUnsubscribe { get; init; }
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>An outbox row claimed for delivery.</summary>
public sealed record OutboxMessage
{
    public required long Id { get; init; }
    public required string ToName { get; init; }
    public required string ToEmail { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }
    public required string MessageId { get; init; }
    public required int Attempts { get; init; }
    public required DateTime CreatedAt { get; init; }
    public byte[]? InlineImage { get; init; }
    public string? ListUnsubscribe { get; init; }

    /// <summary>The content id the HTML uses for the inline image (<c>&lt;img src="cid:chart"&gt;</c>).</summary>
    public const string InlineImageContentId = "chart";
}

/// <summary>How the mail server answered one message.</summary>
public enum SendOutcome
{
    /// <summary>Accepted (2xx after DATA): delivered, as far as we can know.</summary>
    Accepted,

    /// <summary>4xx for this message: try again later; the attempt counts.</summary>
    Transient,

    /// <summary>No answer about this message (no server, or the connection dropped): try again, no attempt counted.</summary>
    Unreachable,

    /// <summary>5xx: the server refused for good; record its answer.</summary>
    Permanent,
}

public sealed record SendResult(SendOutcome Outcome, string Response);

/// <summary>One connection to the mail server (or the pickup folder), used for a batch of messages.</summary>
public interface IMailSession : IAsyncDisposable
{
    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Opens a session; failing to connect is reported per message as <see cref="SendOutcome.Transient"/>.</summary>
public interface IMailTransport
{
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// How many sessions a delivery run may keep open at once, each sending its own share of the batch. Each SMTP
    /// transaction waits on several round trips to the server, so a few connections side by side deliver a backlog
    /// several times faster than one; relays limit how many a client may open, hence a setting.
    /// </summary>
    int Sessions => 1;
}

/// <summary>The outbox table. Claims are exclusive, so two nodes never send the same row at the same time.</summary>
public interface IOutboxRepository
{
    /// <summary>
    /// Claims up to <paramref name="max"/> pending messages whose next attempt is due and that no one else holds,
    /// until <paramref name="lockedUntil"/>, under <paramref name="token"/>.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTime now, DateTime lockedUntil, int max, string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Right before sending: true (and the claim extended) only while this run still holds the message. A run whose
    /// claim expired and was taken over must not send it.
    /// </summary>
    Task<bool> RenewClaimAsync(long id, string token, DateTime now, DateTime lockedUntil, CancellationToken cancellationToken = default);

    Task MarkSentAsync(long id, string token, DateTime at, string response, CancellationToken cancellationToken = default);

    /// <summary>The server answered 4xx for this message: one more attempt counted, retried later.</summary>
    Task MarkRetryAsync(long id, string token, DateTime at, DateTime nextAttemptAt, string response, CancellationToken cancellationToken = default);

    /// <summary>No answer about this message at all (the server was unreachable): retried later, no attempt counted.</summary>
    Task MarkDeferredAsync(long id, string token, DateTime at, DateTime nextAttemptAt, string response, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(long id, string token, DateTime at, string response, CancellationToken cancellationToken = default);

    /// <summary>Writes messages outside an escalation (account mail, digests) as pending rows.</summary>
    Task EnqueueAsync(string purpose, IReadOnlyList<OutgoingMessage> messages, DateTime now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes each message unless one with its Message-ID exists (a unique key): a job that runs twice, or two nodes,
    /// queue it once. Returns how many were new.
    /// </summary>
    Task<int> EnqueueOnceAsync(string purpose, IReadOnlyList<OutgoingMessage> messages, DateTime now, CancellationToken cancellationToken = default);
}
