using System.Text;
using System.Text.Encodings.Web;
using Forum.Core.Complaints;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Forum.Web.Components.Complaints;

/// <summary>
/// The markup of <see cref="StatusBadge"/>: a thread's status as a badge coloured by its slug (<c>app.css</c>). Written
/// here only, for the component and for the staff console's rows (<see cref="Moderation.QueueMarkup"/>, HTML shared by
/// the node's consoles), so that the two cannot drift apart.
/// </summary>
public static class StatusBadgeMarkup
{
    /// <summary>
    /// Appends <c>&lt;span class="badge status-slug"&gt;name&lt;/span&gt;</c>, the name in the localizer's language (the
    /// current UI culture), HTML-encoded with <paramref name="encoder"/>.
    /// </summary>
    public static void Write(StringBuilder html, ThreadStatus status, IStringLocalizer localizer, HtmlEncoder encoder) =>
        html.Append($"""<span class="badge status-{status.ToSlug()}">""")
            .Append(encoder.Encode(localizer["Status" + status]))
            .Append("</span>");

    /// <summary>The element of <see cref="Write"/> as one markup frame, for the component.</summary>
    public static MarkupString Markup(ThreadStatus status, IStringLocalizer localizer, HtmlEncoder encoder)
    {
        var html = new StringBuilder();
        Write(html, status, localizer, encoder);
        return new MarkupString(html.ToString());
    }
}
