using System.Collections.Concurrent;

namespace Forum.Core.Mail;

/// <summary>
/// Delivers the outbox: claims due messages, sends them over the transport's sessions (one, or a few side by side,
/// each taking the batch's next message), and records every answer. A transient
/// failure is retried with exponential backoff; a permanent one marks that message failed with the server's words;
/// nothing is dropped without a record. A message that cannot even be built (a malformed address, say) fails alone with
/// the error and never holds up the rest. A crash after the server accepted but before the row was marked can resend
/// once the claim expires — the stable Message-ID lets mail systems recognise the duplicate.
/// </summary>
public sealed class OutboxDelivery(IOutboxRepository outbox, IMailTransport transport, TimeProvider timeProvider)
{
    public const int BatchSize = 100;

    /// <summary>After this many attempts a message is marked failed ("gave up"), visibly, instead of retried forever.</summary>
    public const int MaxAttempts = 25;

    /// <summary>
    /// How long a claim keeps other runs off a message. Each message's claim is renewed right before it is sent, so the
    /// lifetime only has to cover one send (the SMTP timeout is 30 s); a crashed node's claims free their messages
    /// within this time, so a crash delays mail by at most a minute.
    /// </summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(1);

    /// <summary>1 min, 2 min, 4 min … capped at 1 h.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>How soon to try again when the mail server could not be reached at all.</summary>
    public static readonly TimeSpan UnreachableRetry = TimeSpan.FromMinutes(1);

    /// <param name="Deferred">Messages put back because the server was unreachable (no attempt counted).</param>
    /// <param name="Unreachable">Why the server could not be reached, when it could not (for the outage log).</param>
    public sealed record Result(int Sent, int Retrying, int Failed, int Deferred = 0, string? Unreachable = null);

    public async Task<Result> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var tally = new Tally();
        // This run's claim token: rows it marks or sends must still be claimed under it.
        var token = Guid.NewGuid().ToString("N");
        while (true)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var batch = await outbox.ClaimDueAsync(now, now + ClaimLifetime, BatchSize, token, cancellationToken);
            if (batch.Count == 0)
            {
                return tally.ToResult();
            }

            // The first session decides whether the server is there at all; the others (up to the transport's
            // Sessions) only share the work, so a relay that refuses an extra connection slows the run, nothing more.
            IMailSession? first = null;
            try
            {
                first = await transport.OpenAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                tally.Unreachable("connect: " + exception.Message);
            }

            // Without a first session the one lane puts every message back to wait.
            var queue = new ConcurrentQueue<OutboxMessage>(batch);
            var others = first is null ? 0 : Math.Min(transport.Sessions, batch.Count) - 1;
            var lanes = new List<Task> { SendLaneAsync(first, queue, token, tally, cancellationToken) };
            for (var i = 0; i < others; i++)
            {
                lanes.Add(Task.Run(() => ExtraLaneAsync(queue, token, tally, cancellationToken), cancellationToken));
            }

            await Task.WhenAll(lanes);
            if (tally.UnreachableReason is not null)
            {
                // The server is down or went away: the rest waits for the next run rather than spinning here.
                return tally.ToResult();
            }
        }
    }

    /// <summary>A lane of its own connection: if the server will not give it one, the other lanes do its share.</summary>
    private async Task ExtraLaneAsync(ConcurrentQueue<OutboxMessage> queue, string token, Tally tally, CancellationToken cancellationToken)
    {
        IMailSession session;
        try
        {
            session = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return;
        }

        await SendLaneAsync(session, queue, token, tally, cancellationToken);
    }

    /// <summary>
    /// Takes messages off the batch's queue one at a time and sends each over this lane's session, recording every
    /// answer. Once any lane finds the server unreachable, every lane puts its next messages back to wait.
    /// </summary>
    private async Task SendLaneAsync(IMailSession? session, ConcurrentQueue<OutboxMessage> queue, string token, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            while (queue.TryDequeue(out var message))
            {
                var at = timeProvider.GetUtcNow().UtcDateTime;
                if (tally.UnreachableReason is not null || session is null)
                {
                    // Nothing was said about this message: it waits, and its attempts are not used up by an outage.
                    await outbox.MarkDeferredAsync(message.Id, token, at, at + UnreachableRetry, tally.UnreachableReason ?? "no session", cancellationToken);
                    Interlocked.Increment(ref tally.Deferred);
                    continue;
                }

                if (!await outbox.RenewClaimAsync(message.Id, token, at, at + ClaimLifetime, cancellationToken))
                {
                    continue; // Another run took it over after our claim expired: it is theirs to send.
                }

                var result = await SendSafelyAsync(session, message, cancellationToken);
                at = timeProvider.GetUtcNow().UtcDateTime;
                var attempts = message.Attempts + 1;
                switch (result.Outcome)
                {
                    case SendOutcome.Accepted:
                        await outbox.MarkSentAsync(message.Id, token, at, result.Response, cancellationToken);
                        Interlocked.Increment(ref tally.Sent);
                        break;
                    case SendOutcome.Unreachable:
                        tally.Unreachable(result.Response);
                        await outbox.MarkDeferredAsync(message.Id, token, at, at + UnreachableRetry, result.Response, cancellationToken);
                        Interlocked.Increment(ref tally.Deferred);
                        break;
                    case SendOutcome.Transient when attempts < MaxAttempts:
                        await outbox.MarkRetryAsync(message.Id, token, at, at + Backoff(attempts), result.Response, cancellationToken);
                        Interlocked.Increment(ref tally.Retrying);
                        break;
                    default:
                        var response = result.Outcome == SendOutcome.Transient
                            ? $"gave up after {attempts} attempts; last answer: {result.Response}"
                            : result.Response;
                        await outbox.MarkFailedAsync(message.Id, token, at, response, cancellationToken);
                        Interlocked.Increment(ref tally.Failed);
                        break;
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>A run's counts, shared by its lanes, and the first reason the server could not be reached.</summary>
    private sealed class Tally
    {
        public int Sent, Retrying, Failed, Deferred;
        private string? _unreachable;

        public string? UnreachableReason => Volatile.Read(ref _unreachable);

        public void Unreachable(string reason) => Interlocked.CompareExchange(ref _unreachable, reason, null);

        public Result ToResult() => new(Sent, Retrying, Failed, Deferred, UnreachableReason);
    }

    /// <summary>
    /// The transport classifies what it knows (SMTP answers, dropped connections). What escapes it is sorted here by
    /// name: I/O and socket trouble says nothing about the message, so it waits; anything else (an address MimeKit
    /// cannot parse, a header it refuses) is this message's own fault, so it fails alone with the error and the rest
    /// of the batch goes on.
    /// </summary>
    private static async Task<SendResult> SendSafelyAsync(IMailSession session, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await session.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return new SendResult(SendOutcome.Unreachable, exception.GetType().Name + ": " + exception.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new SendResult(SendOutcome.Permanent, "not sent: " + exception.GetType().Name + ": " + exception.Message);
        }
    }
}
