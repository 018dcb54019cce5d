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
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.InlineImage is { Length: > 0 } image)
        {
            var chart = body.LinkedResources.Add("chart.png", image, new ContentType("image", "png"));
            chart.ContentId = OutboxMessage.InlineImageContentId;
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>A new globally unique Message-ID in the sender's domain; stored with the row so retries reuse it.</summary>
    public static string NewMessageId(string from)
    {
        var domain = MailboxAddress.TryParse(from, out var address) && address.Domain is { Length: > 0 } d ? d : "forum.local";
        return MimeKit.Utils.MimeUtils.GenerateMessageId(domain);
    }
}
