using Forum.Core.Mail;
using MimeKit;

namespace Forum.Web.Mail;

/// <summary>Turns an outbox row into the MIME message both transports send: HTML and plain text, its own Message-ID.</summary>
public static class MimeMessages
{
    public static MimeMessage Create(OutboxMessage message, string from)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = message.MessageId,
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc)),
        };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToEmail));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.ListUnsubscribe is { Length: > 0 } unsubscribe)
        {
            // RFC 8058: mail clients offer "unsubscribe" and POST "List-Unsubscribe=One-Click" to the address.
            mime.Headers.Add("List-Unsubscribe", "<" + unsubscribe + ">");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.InlineImage is { Length: > 0 } image)
        {
            var chart = body.LinkedResources.Add("chart.png", image, new ContentType("image", "png"));
            chart.ContentId = OutboxMessage.InlineImageContentId;
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// A Message-ID fixed by what the message is about and who it is for (<paramref name="subject"/>: e.g.
    /// "intake.123"), so the outbox's unique key turns a second queuing of the same notification into a no-op. The
    /// address is hashed: a Message-ID travels in headers and must not reveal it.
    /// </summary>
    public static string StableMessageId(string from, string subject, string recipientEmail)
    {
        var domain = DomainOf(from);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recipientEmail.Trim().ToLowerInvariant())))[..16];
        return $"{subject}.{hash}@{domain}";
    }

    /// <summary>
    /// A new globally unique Message-ID in the sender's domain; stored with the row so retries reuse it. Its left part
    /// is a version 7 UUID (milliseconds since 1970, then 74 random bits) in hex, so ids sort by the time they were
    /// made: the outbox's unique index on Message-ID takes a sweep's thousands of new rows at its end, a few pages,
    /// instead of at random places all over it (MimeKit's ids start with the fastest-changing digits).
    /// </summary>
    public static string NewMessageId(string from) => NewMessageId(from, DateTime.UtcNow);

    /// <summary><see cref="NewMessageId(string)"/> made at <paramref name="at"/> (UTC): the sweep's clock, one per batch.</summary>
    public static string NewMessageId(string from, DateTime at) =>
        Guid.CreateVersion7(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))).ToString("N") + "@" + MessageIdDomainOf(from);

    private sealed record Sender(string From, string Domain, string MessageIdDomain);

    // The sender is one configured address: parsed once, not once per message of a sweep's thousands.
    private static Sender? _lastSender;

    private static string DomainOf(string from) => SenderFor(from).Domain;

    private static string MessageIdDomainOf(string from) => SenderFor(from).MessageIdDomain;

    private static Sender SenderFor(string from) => _lastSender is { } last && last.From == from ? last : _lastSender = Parse(from);

    private static Sender Parse(string from)
    {
        var domain = MailboxAddress.TryParse(from, out var address) && address.Domain is { Length: > 0 } d ? d : "forum.local";
        // The right part as MimeKit writes it in a Message-ID (an international domain in its ASCII form).
        var generated = MimeKit.Utils.MimeUtils.GenerateMessageId(domain);
        return new Sender(from, domain, generated[(generated.IndexOf('@') + 1)..]);
    }
}
