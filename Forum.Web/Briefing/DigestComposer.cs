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

namespace Forum.Web.Briefing;

/// <summary>
/// The daily digest: the briefing's numbers and lists as an e-mail in the reader's language, with the chart inline.
/// Its Message-ID is fixed per recipient and local date, so the outbox's unique key sends it once a day.
/// </summary>
public sealed class DigestComposer(IStringLocalizer<SharedResource> localizer, IOptions<ForumOptions> forum, IOptions<SmtpOptions> smtp, ForumClock clock)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public const int MaxListed = 20;

    public static string MessageId(DateOnly localDate, Recipient recipient, string from)
    {
        var domain = MimeKit.MailboxAddress.TryParse(from, out var address) && address.Domain is { Length: > 0 } d ? d : "forum.local";
        return $"digest-{localDate:yyyyMMdd}-{recipient.Id}@{domain}";
    }

    public OutgoingMessage Compose(BriefingModel model, DateOnly localDate, Recipient recipient, byte[]? chart)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(recipient.Language == "en" ? "en" : "zh-CN");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var baseUrl = forum.Value.PublicBaseUrl.TrimEnd('/');
            // A complaint past both deadlines is one complaint: counted once.
            var overdue = model.PastReply.Select(o => o.Item.Thread.Id).Union(model.PastSolution.Select(o => o.Item.Thread.Id)).Count();
            var subject = localizer["DigestSubject", localDate.ToString("d", culture), model.NewThreads.Count, overdue].Value;
            var period = localizer["BriefingLead", Local(model.From), Local(model.To)].Value;
            var text = new StringBuilder().AppendLine(localizer["MailGreeting", recipient.Name]).AppendLine().AppendLine(period).AppendLine();
            var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#1d2733\">")
                .Append("<p>").Append(Html.Encode(localizer["MailGreeting", recipient.Name])).Append("</p>")
                .Append("<p>").Append(Html.Encode(period)).Append("</p>");
            if (chart is not null)
            {
                html.Append("<p><img src=\"cid:").Append(OutboxMessage.InlineImageContentId).Append("\" width=\"560\" style=\"max-width:100%;height:auto\" alt=\"")
                    .Append(Html.Encode(localizer["ChartTitle", BriefingChart.Days])).Append("\"></p>");
            }

            html.Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\"><tr>");
            var headers = new[] { "Company", "BriefingNew", "BriefingOpen", "ScoreAnsweredWithinRule", "ScoreSolutionWithinRule" }
                .Select(h => localizer[h].Value).ToArray();
            foreach (var header in headers)
            {
                html.Append("<th align=\"left\">").Append(Html.Encode(header)).Append("</th>");
            }

            html.Append("</tr>");
            var rows = model.Companies.Select(row => new[]
            {
                row.Company.DisplayName.ToString(), row.New.ToString(culture), row.Open.ToString(culture),
                Percent(row.Last30Days.AnsweredWithinRule), Percent(row.Last30Days.SolutionWithinRule),
            }).ToList();
            PlainTextTable.Append(text, headers, rows);
            foreach (var cells in rows)
            {
                html.Append("<tr>").Append(string.Concat(cells.Select(c => "<td>" + Html.Encode(c) + "</td>"))).Append("</tr>");
            }

            html.Append("</table>");
            Section(localizer["BriefingPastReply", model.PastReply.Count], model.PastReply.Select(o => o.Item.Thread));
            Section(localizer["BriefingPastSolution", model.PastSolution.Count], model.PastSolution.Select(o => o.Item.Thread));
            Section(localizer["BriefingNewThreads", model.NewThreads.Count], model.NewThreads);
            html.Append("<p><a href=\"").Append(Html.Encode(baseUrl + "/briefing")).Append("\">").Append(Html.Encode(localizer["DigestOpen"])).Append("</a></p></body></html>");
            text.AppendLine().AppendLine(baseUrl + "/briefing");

            return new OutgoingMessage(recipient.Name, recipient.Email, culture.Name, subject, text.ToString(), html.ToString(), MessageId(localDate, recipient, smtp.Value.From))
            {
                InlineImage = chart,
            };

            void Section(string heading, IEnumerable<Core.Complaints.ThreadSummary> threads)
            {
                var list = threads.Take(MaxListed).ToList();
                text.AppendLine().AppendLine(heading);
                html.Append("<h3>").Append(Html.Encode(heading)).Append("</h3><ul>");
                foreach (var t in list)
                {
                    var link = $"{baseUrl}/threads/{t.Number}";
                    text.AppendLine($"- {t.Number} {t.Title} ({t.CompanyName}) {link}");
                    html.Append("<li><a href=\"").Append(Html.Encode(link)).Append("\">").Append(Html.Encode(t.Number + " " + t.Title)).Append("</a> · ")
                        .Append(Html.Encode(t.CompanyName.ToString())).Append("</li>");
                }

                html.Append("</ul>");
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private string Local(DateTime utc) => clock.ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    private static string Percent(double? share) => share is { } value ? value.ToString("P0", CultureInfo.CurrentCulture) : "—";
}
