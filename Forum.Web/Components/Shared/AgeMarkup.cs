using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Forum.Core.Time;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Forum.Web.Components.Shared;

/// <summary>
/// The markup of <see cref="Age"/>: how long ago, with the exact local time on hover. Written here only, for the
/// component and for the staff console's rows (<see cref="Moderation.QueueMarkup"/>, HTML shared by the node's
/// consoles), so that the two cannot drift apart.
/// </summary>
public static class AgeMarkup
{
    /// <summary>
    /// Appends <c>&lt;time datetime="UTC" title="local date and time"&gt;… ago&lt;/time&gt;</c>: the age as of the clock's
    /// now in the localizer's language (the current UI culture), the title in the clock's zone (<c>Forum:TimeZone</c>)
    /// formatted for the current culture. Every text is HTML-encoded with <paramref name="encoder"/>.
    /// </summary>
    public static void Write(StringBuilder html, DateTime utc, ForumClock clock, IStringLocalizer localizer, HtmlEncoder encoder)
    {
        var posted = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        html.Append("<time datetime=\"")
            .Append(posted.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            .Append("\" title=\"")
            .Append(encoder.Encode(clock.ToLocal(posted).ToString("g", CultureInfo.CurrentCulture)))
            .Append("\">")
            .Append(encoder.Encode(localizer["Ago", ElapsedText.Text(localizer, clock.Age(posted))]))
            .Append("</time>");
    }

    /// <summary>The element of <see cref="Write"/> as one markup frame, for the component.</summary>
    public static MarkupString Markup(DateTime utc, ForumClock clock, IStringLocalizer localizer, HtmlEncoder encoder)
    {
        var html = new StringBuilder();
        Write(html, utc, clock, localizer, encoder);
        return new MarkupString(html.ToString());
    }
}
