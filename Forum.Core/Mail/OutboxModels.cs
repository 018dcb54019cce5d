namespace Forum.Core.Mail;

/// <summary>A message to write to the outbox: one recipient, localized, HTML and plain text, with a stable Message-ID.</summary>
public sealed record OutgoingMessage(
    string ToName,
    string ToEmail,
    string Language,
    string Subject,
    string TextBody,
    string HtmlBody,
    string MessageId);

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
}

/// <summary>How the mail server answered one message.</summary>
public enum SendOutcome
{
    /// <summary>Accepted (2xx after DATA): delivered, as far as we can know.</summary>
    Accepted,

    /// <summary>4xx, a dropped connection or no server: try again later.</summary>
    Transient,

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
}

/// <summary>The outbox table. Claims are exclusive, so two nodes never send the same row at the same time.</summary>
public interface IOutboxRepository
{
    /// <summary>
    /// Claims up to <paramref name="max"/> pending messages whose next attempt is due and that no one else holds,
    /// until <paramref name="lockedUntil"/>.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTime now, DateTime lockedUntil, int max, CancellationToken cancellationToken = default);

    Task MarkSentAsync(long id, DateTime at, string response, CancellationToken cancellationToken = default);

    Task MarkRetryAsync(long id, DateTime at, DateTime nextAttemptAt, string response, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(long id, DateTime at, string response, CancellationToken cancellationToken = default);

    /// <summary>Writes messages outside an escalation (account mail, digests) as pending rows.</summary>
    Task EnqueueAsync(string purpose, IReadOnlyList<OutgoingMessage> messages, DateTime now, CancellationToken cancellationToken = default);
}
