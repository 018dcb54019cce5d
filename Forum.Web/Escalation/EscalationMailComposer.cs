using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Core.Time;
using Forum.Web.Components.Shared;
using Forum.Web.Configuration;
using Forum.Web.Mail;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Forum.Web.Escalation;

/// <summary>
/// Writes escalation e-mail in the recipient's language: which rule broke, the thread's number, title, company,
/// project and category, how long it has waited, and a link to it. HTML is encoded piece by piece.
/// </summary>
public sealed class EscalationMailComposer(
    IStringLocalizer<SharedResource> localizer,
    IOptions<ForumOptions> forum,
    IOptions<SmtpOptions> smtp,
    IOptions<EscalationOptions> escalation,
    AcknowledgementLinks acknowledgements,
    ForumClock clock) : IEscalationMessageComposer, IEscalationWarningComposer
{
    /// <summary>Encodes markup characters only, so Chinese stays readable in the HTML part.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public OutgoingMessage Compose(EscalationSubject subject, RungClock rung, DateTime now, Recipient recipient) =>
        InLanguage(recipient, () => ComposeInCurrentCulture(subject, rung, now, recipient));

    /// <summary>
    /// The reminder before a deadline: what will happen and when, to the local company, with a Message-ID fixed per
    /// thread, rung, cycle and recipient (so a repeated run can never send a second, different reminder).
    /// </summary>
    public OutgoingMessage ComposeWarning(EscalationSubject subject, RungClock rung, DateTime now, Recipient recipient) =>
        InLanguage(recipient, () =>
        {
            var due = Local(rung.DueAt);
            var left = ElapsedText.Text(localizer, rung.DueAt - now);
            var (subjectLine, rule) = rung.Rung == EscalationRung.FirstResponse
                ? (localizer["WarnSubjectFirstResponse", subject.Number, left, subject.Title].Value, localizer["WarnRuleFirstResponse", due].Value)
                : (localizer["WarnSubjectSolution", subject.Number, left, subject.Title].Value, localizer["WarnRuleSolution", due].Value);
            var facts = Facts(subject, now).Append((localizer["WarnLabelDeadline"].Value, due)).ToList();
            var messageId = MimeMessages.StableMessageId(
                smtp.Value.From, $"warning.{subject.ThreadId}.{rung.Rung.ToString().ToLowerInvariant()}.{rung.Key.Cycle}", recipient.Email);
            return Build(subject, recipient, subjectLine, Content(rule, facts, subject.Excerpt), null, messageId) with
            {
                ThreadId = subject.ThreadId, RecipientRole = recipient.Role.ToString(),
            };
        });

    private OutgoingMessage InLanguage(Recipient recipient, Func<OutgoingMessage> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        var previousFormat = CultureInfo.CurrentCulture;
        var culture = CultureInfo.GetCultureInfo(recipient.Language is "en" ? "en" : "zh-CN");
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

    private OutgoingMessage ComposeInCurrentCulture(EscalationSubject subject, RungClock rung, DateTime now, Recipient recipient)
    {
        var shared = SharedText(subject, rung, now);

        // HQ can say "received" from the mail itself, on a phone, without signing in: a signed one-time link.
        var acknowledge = recipient.AtHeadquarters
            ? acknowledgements.UrlFor(new AcknowledgementRequest(subject.ThreadId, rung.Rung, rung.Key.Cycle, recipient.Id), now)
            : null;
        return Build(subject, recipient, shared.SubjectLine, shared.Content, acknowledge, MimeMessages.NewMessageId(smtp.Value.From, now));
    }

    /// <summary>
    /// What the mails of one escalation say alike in one language (all but the greeting, the link to acknowledge and
    /// the Message-ID). An escalation tells several recipients one after the other, so the last one made is kept and
    /// the excerpt's masking, the facts and the wording are done once per escalation and language, not per recipient.
    /// </summary>
    private sealed record EscalationText(EscalationSubject Subject, RungClock Rung, DateTime Now, string Culture, string SubjectLine, MailContent Content);

    // Replaced whole (one reference), so concurrent sweeps at worst make the text again.
    private EscalationText? lastText;

    private EscalationText SharedText(EscalationSubject subject, RungClock rung, DateTime now)
    {
        var culture = CultureInfo.CurrentUICulture.Name;
        if (lastText is { } last && ReferenceEquals(last.Subject, subject) && last.Rung == rung && last.Now == now && last.Culture == culture)
        {
            return last;
        }

        var options = escalation.Value;
        var (subjectLine, rule) = rung.Rung switch
        {
            EscalationRung.FirstResponse => (
                localizer["MailSubjectFirstResponse", subject.Number, ElapsedText.Text(localizer, options.FirstResponse), subject.Title].Value,
                localizer["MailRuleFirstResponse", ElapsedText.Text(localizer, options.FirstResponse)].Value),
            EscalationRung.Solution => (
                localizer["MailSubjectSolution", subject.Number, ElapsedText.Text(localizer, options.Solution), subject.Title].Value,
                localizer["MailRuleSolution", ElapsedText.Text(localizer, options.Solution)].Value),
            _ => (
                localizer["MailSubjectGroupComplaint", subject.Number, subject.CoSignCount, subject.Title].Value,
                localizer["MailRuleGroupComplaint", subject.CoSignCount, options.GroupComplaintCoSigns].Value),
        };

        var text = new EscalationText(subject, rung, now, culture, subjectLine, Content(rule, Facts(subject, now), subject.Excerpt));
        lastText = text;
        return text;
    }

    private string Local(DateTime utc) => clock.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture) + " (" + clock.Zone.Id + ")";

    private IEnumerable<(string Label, string Value)> Facts(EscalationSubject subject, DateTime now) =>
    [
        (localizer["MailLabelThread"], $"{subject.Number} {subject.Title}"),
        (localizer["Company"], subject.CompanyName.ToString()),
        (localizer["Project"], subject.ProjectName.ToString()),
        (localizer["Category"], subject.CategoryName.ToString()),
        (localizer["PostedAt"], Local(subject.CreatedAt)),
        (localizer["MailLabelWaited"], ElapsedText.Text(localizer, now - subject.CreatedAt)),
    ];

    /// <summary>The middle of a mail, alike for every recipient: the rule that ran out, the facts and the excerpt.</summary>
    private sealed record MailContent(string Text, string Html);

    private static MailContent Content(string rule, IEnumerable<(string Label, string Value)> facts, string excerpt)
    {
        var text = new StringBuilder()
            .AppendLine(rule)
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

        var html = Html;
        var body = new StringBuilder()
            .Append("<p style=\"font-weight:bold;color:#b3261e\">").Append(html.Encode(rule)).Append("</p>")
            .Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        foreach (var (label, value) in facts)
        {
            body.Append("<tr><th align=\"left\" style=\"color:#5b6776\">").Append(html.Encode(label))
                .Append("</th><td>").Append(html.Encode(value)).Append("</td></tr>");
        }

        body.Append("</table>");
        if (excerpt.Length > 0)
        {
            body.Append("<blockquote style=\"border-left:3px solid #c9d1da;margin:1em 0;padding-left:.8em;color:#3b4654\">")
                .Append(string.Join("<br>", excerpt.Split('\n').Select(l => html.Encode(l))))
                .Append("</blockquote>");
        }

        return new MailContent(text.ToString(), body.ToString());
    }

    private OutgoingMessage Build(EscalationSubject subject, Recipient recipient, string subjectLine, MailContent content, string? acknowledge, string messageId)
    {
        // The staff page, where the recipient can act (the public page only shows what happened).
        var link = forum.Value.PublicBaseUrl.TrimEnd('/') + "/staff/threads/" + subject.Number;
        var text = new StringBuilder()
            .AppendLine(localizer["MailGreeting", recipient.Name])
            .AppendLine()
            .Append(content.Text);
        if (acknowledge is not null)
        {
            text.AppendLine().AppendLine(localizer["MailAcknowledge", acknowledge]);
        }

        text.AppendLine().AppendLine(localizer["MailOpenThread", link]).AppendLine().AppendLine("-- ").AppendLine(localizer["MailFooter"]);

        var html = Html;
        var body = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#1d2733\">")
            .Append("<p>").Append(html.Encode(localizer["MailGreeting", recipient.Name])).Append("</p>")
            .Append(content.Html);
        if (acknowledge is not null)
        {
            body.Append("<p><a href=\"").Append(html.Encode(acknowledge))
                .Append("\" style=\"display:inline-block;padding:10px 16px;background:#1d5fbf;color:#fff;text-decoration:none;border-radius:4px\">")
                .Append(html.Encode(localizer["MailAcknowledgeButton"])).Append("</a></p>");
        }

        body.Append("<p><a href=\"").Append(html.Encode(link)).Append("\">").Append(html.Encode(localizer["MailOpenThreadLink", subject.Number])).Append("</a></p>")
            .Append("<p style=\"color:#5b6776;font-size:12px\">").Append(html.Encode(localizer["MailFooter"])).Append("</p>")
            .Append("</body></html>");

        return new OutgoingMessage(
            recipient.Name, recipient.Email, culture(), subjectLine, text.ToString(), body.ToString(), messageId);

        static string culture() => CultureInfo.CurrentUICulture.Name;
    }
}
