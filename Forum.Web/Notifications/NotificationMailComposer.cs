using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Forum.Core.Complaints;
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

    public OutgoingMessage ComposeHomeownerMail(IReadOnlyList<HomeownerEvent> events, HomeownerRecipient recipient, long batchId) =>
        InLanguage(recipient.Recipient.Language, () =>
        {
            var headline = HomeownerNotices.Headline(events);
            var number = headline.Number;
            var author = recipient.Recipient.Role == NotificationRoles.Author;
            var page = BaseUrl + "/threads/" + number;
            var subject = headline.Kind switch
            {
                ThreadEventKind.MergedInto => localizer["UpdateSubjectMerged", number, Target(headline), headline.ThreadTitle],
                ThreadEventKind.Moved => localizer["UpdateSubjectMoved", number, headline.ToProject?.ToString() ?? "", headline.ThreadTitle],
                ThreadEventKind.Closed => localizer["UpdateSubjectClosed", number, headline.CompanyName.ToString(), headline.ThreadTitle],
                ThreadEventKind.SolutionProposed => localizer["UpdateSubjectSolution", number, headline.CompanyName.ToString(), headline.ThreadTitle],
                ThreadEventKind.AwaitingHomeowner => localizer["UpdateSubjectWaiting", number, headline.CompanyName.ToString(), headline.ThreadTitle],
                _ => localizer["UpdateSubjectReply", number, headline.CompanyName.ToString(), headline.ThreadTitle],
            };
            var lead = localizer["UpdateLead" + recipient.Recipient.Role, number];
            var sections = events.Select(e => Section(e)).ToList();
            var links = events.SelectMany(e => Links(e, page, author))
                .DistinctBy(l => l.Text, StringComparer.Ordinal)
                .ToList();
            var pageUrl = unsubscribe.PageUrl(recipient.UserId, headline.ThreadId);
            var message = ComposeUpdate(
                recipient.Recipient, subject, lead, sections, links,
                localizer["UpdateUnsubscribe", number], pageUrl,
                MimeMessages.StableMessageId(smtp.Value.From, $"homeowner.{batchId}", recipient.Recipient.Email));
            return message with
            {
                ThreadId = headline.ThreadId,
                RecipientRole = recipient.Recipient.Role,
                ListUnsubscribe = unsubscribe.OneClickUrl(recipient.UserId, headline.ThreadId),
            };
        });

    private static string Target(HomeownerEvent merge) => merge.RelatedThreadId is { } target ? ThreadNumber.Format(target) : "";

    /// <summary>One act as the mail tells it: a heading, and the text quoted (masked already, as on the public page).</summary>
    private (string Label, string? Value) Section(HomeownerEvent e)
    {
        var company = e.CompanyName.ToString();
        var at = Local(e.At);
        return e.Kind switch
        {
            ThreadEventKind.OfficialReply => (localizer["UpdateReply", company, at], Clip(e.Text)),
            ThreadEventKind.SolutionProposed => (localizer["UpdateSolution", company, at], Clip(e.Text)),
            ThreadEventKind.AwaitingHomeowner => (localizer["UpdateWaiting", company, at], Clip(e.Text)),
            ThreadEventKind.Closed => (localizer["UpdateClosed", company, at], Clip(e.Text)),
            ThreadEventKind.MergedInto => (localizer["UpdateMerged", Target(e), at], localizer["UpdateMergedText", Target(e), e.Number]),
            ThreadEventKind.Moved => (localizer["UpdateMoved", at], localizer["UpdateMovedText", e.FromProject?.ToString() ?? "", e.ToProject?.ToString() ?? ""]),
            _ => (at, Clip(e.Text)),
        };
    }

    /// <summary>What the reader can do next, on the thread page's own forms and anchors.</summary>
    private IEnumerable<(string Text, string Url)> Links(HomeownerEvent e, string page, bool author)
    {
        switch (e.Kind)
        {
            case ThreadEventKind.SolutionProposed:
                yield return (localizer["UpdateOpenSolution", e.Number], page + "#post-" + e.PostId?.ToString(CultureInfo.InvariantCulture));
                if (author)
                {
                    yield return (localizer["UpdateNotSolved", e.Number], page + "#reply");
                }

                break;
            case ThreadEventKind.AwaitingHomeowner when author:
                yield return (localizer["UpdateAnswerWaiting", e.Number], page + "#reply");
                break;
            case ThreadEventKind.Closed when author:
                yield return (localizer["UpdateRateClosed", e.Number], page + "#follow-up");
                break;
            case ThreadEventKind.MergedInto:
                yield return (localizer["UpdateOpenMerged", Target(e)], BaseUrl + "/threads/" + Target(e) + "#merged-" + e.Number);
                break;
            case ThreadEventKind.OfficialReply:
                yield return (localizer["UpdateOpen", e.Number], page + "#post-" + e.PostId?.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                yield return (localizer["UpdateOpen", e.Number], page);
                break;
        }
    }

    private static string? Clip(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= 2000 ? text : text[..2000] + "…";

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

    /// <summary>Homeowner mail: each act as a heading and its text, what to do next, and a way out.</summary>
    private OutgoingMessage ComposeUpdate(
        NotificationRecipient recipient, string subject, string lead, IReadOnlyList<(string Label, string? Value)> sections,
        IReadOnlyList<(string Text, string Url)> links, string unsubscribeText, string unsubscribeUrl, string messageId)
    {
        var text = new StringBuilder()
            .AppendLine(localizer["MailGreeting", recipient.Name])
            .AppendLine()
            .AppendLine(lead);
        foreach (var (label, value) in sections)
        {
            text.AppendLine().AppendLine(label);
            if (value is not null)
            {
                text.AppendLine(value);
            }
        }

        text.AppendLine();
        foreach (var (linkText, url) in links)
        {
            text.AppendLine(linkText + ": " + url);
        }

        text.AppendLine().AppendLine("-- ").AppendLine(unsubscribeText + ": " + unsubscribeUrl);

        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#1d2733\">")
            .Append("<p>").Append(Html.Encode(localizer["MailGreeting", recipient.Name])).Append("</p>")
            .Append("<p>").Append(Html.Encode(lead)).Append("</p>");
        foreach (var (label, value) in sections)
        {
            body.Append("<h3 style=\"font-size:15px;margin:1em 0 .3em\">").Append(Html.Encode(label)).Append("</h3>");
            if (value is not null)
            {
                body.Append("<blockquote style=\"border-left:3px solid #1e6b35;margin:0;padding-left:.8em\">")
                    .Append(string.Join("<br>", value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => Html.Encode(l))))
                    .Append("</blockquote>");
            }
        }

        foreach (var (linkText, url) in links)
        {
            body.Append("<p><a href=\"").Append(Html.Encode(url)).Append("\">").Append(Html.Encode(linkText)).Append("</a></p>");
        }

        body.Append("<p style=\"color:#5b6776;font-size:12px\"><a href=\"").Append(Html.Encode(unsubscribeUrl)).Append("\">")
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
