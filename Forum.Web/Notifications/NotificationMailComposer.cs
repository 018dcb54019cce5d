using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Core.Notifications;
using Forum.Core.Time;
using Forum.Web.Components.Shared;
using Forum.Web.Configuration;
using Forum.Web.Mail;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Forum.Web.Notifications;

/// <summary>
/// Notification mail in the recipient's language, HTML and plain text, times in <c>Forum:TimeZone</c>, with a
/// Message-ID fixed by subject and recipient (so queuing it twice is a no-op).
/// </summary>
public sealed class NotificationMailComposer(
    IStringLocalizer<SharedResource> localizer,
    IOptions<ForumOptions> forum,
    IOptions<SmtpOptions> smtp,
    UnsubscribeLinks unsubscribe,
    ForumClock clock) : INotificationComposer
{
    /// <summary>Encodes markup characters only, so Chinese stays readable in the HTML part.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public OutgoingMessage ComposeIntake(PostedComplaint complaint, IReadOnlyList<RungClock> deadlines, NotificationRecipient recipient) =>
        InLanguage(recipient.Language, () =>
        {
            var link = BaseUrl + "/staff/threads/" + complaint.Number;
            var facts = new List<(string Label, string Value)>
            {
                (localizer["MailLabelThread"], $"{complaint.Number} {complaint.Title}"),
                (localizer["Company"], complaint.CompanyName.ToString()),
                (localizer["Project"], complaint.ProjectName.ToString()),
                (localizer["Category"], complaint.CategoryName.ToString()),
                (localizer["PostedAt"], Local(complaint.CreatedAt)),
            };
            foreach (var deadline in deadlines)
            {
                facts.Add((localizer["IntakeDeadline" + deadline.Rung], Local(deadline.DueAt)));
            }

            var message = Compose(
                recipient,
                localizer["IntakeSubject", complaint.Number, complaint.Title],
                localizer["IntakeLead"],
                facts,
                MailExcerpt.Of(complaint.Body),
                link,
                localizer["IntakeOpen", complaint.Number],
                MimeMessages.StableMessageId(smtp.Value.From, $"{NotificationKinds.Intake.ToLowerInvariant()}.{complaint.ThreadId}", recipient.Email));
            return message with { ThreadId = complaint.ThreadId, RecipientRole = recipient.Role };
        });

    public OutgoingMessage ComposeUpdates(IReadOnlyList<OfficialUpdate> updates, HomeownerRecipient recipient) =>
        InLanguage(recipient.Recipient.Language, () =>
        {
            var last = updates[^1];
            var solution = updates.Any(u => u.Kind == Forum.Core.Complaints.PostKind.Solution);
            var link = BaseUrl + "/threads/" + last.Number;
            var subject = localizer[solution ? "UpdateSubjectSolution" : "UpdateSubjectReply", last.Number, last.CompanyName.ToString(), last.ThreadTitle];
            var lead = localizer["UpdateLead" + recipient.Recipient.Role, last.Number];
            var facts = updates.Select(u => (
                Label: localizer[u.Kind == Forum.Core.Complaints.PostKind.Solution ? "UpdateSolution" : "UpdateReply", u.CompanyName.ToString(), Local(u.CreatedAt)].Value,
                Value: u.Body.Length <= 2000 ? u.Body : u.Body[..2000] + "…")).ToList();
            var pageUrl = unsubscribe.PageUrl(recipient.UserId, last.ThreadId);
            var message = ComposeUpdate(
                recipient.Recipient, subject, lead, facts,
                link + (solution ? "#follow-up" : ""),
                localizer[solution ? "UpdateOpenSolution" : "UpdateOpen", last.Number],
                localizer["UpdateUnsubscribe", last.Number], pageUrl,
                MimeMessages.StableMessageId(smtp.Value.From, $"update.{updates[0].PostId}", recipient.Recipient.Email));
            return message with
            {
                ThreadId = last.ThreadId,
                RecipientRole = recipient.Recipient.Role,
                ListUnsubscribe = unsubscribe.OneClickUrl(recipient.UserId, last.ThreadId),
            };
        });

    private string BaseUrl => forum.Value.PublicBaseUrl.TrimEnd('/');

    private string Local(DateTime utc) =>
        clock.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture) + " (" + clock.Zone.Id + ")";

    private OutgoingMessage Compose(
        NotificationRecipient recipient, string subject, string lead, IReadOnlyList<(string Label, string Value)> facts,
        string excerpt, string link, string linkText, string messageId)
    {
        var text = new StringBuilder()
            .AppendLine(localizer["MailGreeting", recipient.Name])
            .AppendLine()
            .AppendLine(lead)
            .AppendLine();
        foreach (var (label, value) in facts)
        {
            text.Append(label).Append(": ").AppendLine(value);
        }

        if (excerpt.Length > 0)
        {
            text.AppendLine();
            foreach (var line in excerpt.Split('\n'))
            {
                text.Append("> ").AppendLine(line);
            }
        }

        text.AppendLine().AppendLine(linkText + ": " + link).AppendLine().AppendLine("-- ").AppendLine(localizer["MailFooter"]);

        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#1d2733\">")
            .Append("<p>").Append(Html.Encode(localizer["MailGreeting", recipient.Name])).Append("</p>")
            .Append("<p style=\"font-weight:bold\">").Append(Html.Encode(lead)).Append("</p>")
            .Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        foreach (var (label, value) in facts)
        {
            body.Append("<tr><th align=\"left\" style=\"color:#5b6776\">").Append(Html.Encode(label))
                .Append("</th><td>").Append(Html.Encode(value)).Append("</td></tr>");
        }

        body.Append("</table>");
        if (excerpt.Length > 0)
        {
            body.Append("<blockquote style=\"border-left:3px solid #c9d1da;margin:1em 0;padding-left:.8em;color:#3b4654\">")
                .Append(string.Join("<br>", excerpt.Split('\n').Select(l => Html.Encode(l))))
                .Append("</blockquote>");
        }

        body.Append("<p><a href=\"").Append(Html.Encode(link)).Append("\">").Append(Html.Encode(linkText)).Append("</a></p>")
            .Append("<p style=\"color:#5b6776;font-size:12px\">").Append(Html.Encode(localizer["MailFooter"])).Append("</p>")
            .Append("</body></html>");

        return new OutgoingMessage(recipient.Name, recipient.Email, CultureInfo.CurrentUICulture.Name, subject, text.ToString(), body.ToString(), messageId);
    }

    /// <summary>Homeowner mail: each update as a heading and its text, a link to the complaint, and a way out.</summary>
    private OutgoingMessage ComposeUpdate(
        NotificationRecipient recipient, string subject, string lead, IReadOnlyList<(string Label, string Value)> updates,
        string link, string linkText, string unsubscribeText, string unsubscribeUrl, string messageId)
    {
        var text = new StringBuilder()
            .AppendLine(localizer["MailGreeting", recipient.Name])
            .AppendLine()
            .AppendLine(lead);
        foreach (var (label, value) in updates)
        {
            text.AppendLine().AppendLine(label).AppendLine(value);
        }

        text.AppendLine().AppendLine(linkText + ": " + link)
            .AppendLine().AppendLine("-- ").AppendLine(unsubscribeText + ": " + unsubscribeUrl);

        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#1d2733\">")
            .Append("<p>").Append(Html.Encode(localizer["MailGreeting", recipient.Name])).Append("</p>")
            .Append("<p>").Append(Html.Encode(lead)).Append("</p>");
        foreach (var (label, value) in updates)
        {
            body.Append("<h3 style=\"font-size:15px;margin:1em 0 .3em\">").Append(Html.Encode(label)).Append("</h3>")
                .Append("<blockquote style=\"border-left:3px solid #1e6b35;margin:0;padding-left:.8em\">")
                .Append(string.Join("<br>", value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => Html.Encode(l))))
                .Append("</blockquote>");
        }

        body.Append("<p><a href=\"").Append(Html.Encode(link)).Append("\">").Append(Html.Encode(linkText)).Append("</a></p>")
            .Append("<p style=\"color:#5b6776;font-size:12px\"><a href=\"").Append(Html.Encode(unsubscribeUrl)).Append("\">")
            .Append(Html.Encode(unsubscribeText)).Append("</a></p>")
            .Append("</body></html>");

        return new OutgoingMessage(recipient.Name, recipient.Email, CultureInfo.CurrentUICulture.Name, subject, text.ToString(), body.ToString(), messageId);
    }

    private static T InLanguage<T>(string language, Func<T> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        var culture = CultureInfo.GetCultureInfo(language is "en" ? "en" : "zh-CN");
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return compose();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
            CultureInfo.CurrentCulture = previousFormat;
        }
    }
}
