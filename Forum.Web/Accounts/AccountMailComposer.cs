using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Forum.Core.Accounts;
using Forum.Core.Mail;
using Forum.Web.Configuration;
using Forum.Web.Mail;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

public enum AccountMail
{
    /// <summary>"Confirm your e-mail address" with a link.</summary>
    Confirm,

    /// <summary>Someone tried to register an address that already has an account (the page said nothing of it).</summary>
    AlreadyRegistered,

    /// <summary>"Reset your password" with a link.</summary>
    ResetPassword,

    /// <summary>An admin invited this person to the back office: choose a password with the link.</summary>
    Invite,
}

/// <summary>Account e-mail in the person's language, HTML and text, through the outbox like every other message.</summary>
public sealed class AccountMailComposer(IStringLocalizer<SharedResource> localizer, IOptions<ForumOptions> forum, IOptions<SmtpOptions> smtp)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public OutgoingMessage Compose(AccountMail kind, ForumUser user, string? link)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(user.Language == "en" ? "en" : "zh-CN");
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var subject = localizer["AccountMailSubject" + kind].Value;
            var paragraph = localizer["AccountMailBody" + kind].Value;
            var url = link is null ? null : forum.Value.PublicBaseUrl.TrimEnd('/') + link;
            var text = new StringBuilder()
                .AppendLine(localizer["MailGreeting", user.DisplayName])
                .AppendLine()
                .AppendLine(paragraph)
                .AppendLine();
            if (url is not null)
            {
                text.AppendLine(url).AppendLine();
            }

            text.AppendLine(localizer["AccountMailIgnore"]);

            var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .Append("<p>").Append(Html.Encode(localizer["MailGreeting", user.DisplayName])).Append("</p>")
                .Append("<p>").Append(Html.Encode(paragraph)).Append("</p>");
            if (url is not null)
            {
                html.Append("<p><a href=\"").Append(Html.Encode(url)).Append("\">").Append(Html.Encode(localizer["AccountMailButton" + kind])).Append("</a></p>");
            }

            html.Append("<p style=\"color:#5b6776;font-size:12px\">").Append(Html.Encode(localizer["AccountMailIgnore"])).Append("</p></body></html>");
            return new OutgoingMessage(user.DisplayName, user.Email!, culture.Name, subject, text.ToString(), html.ToString(), MimeMessages.NewMessageId(smtp.Value.From));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
