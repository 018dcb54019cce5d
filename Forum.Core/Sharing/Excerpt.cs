using System.Text;
using System.Xml;
using Forum.Core.Complaints;

namespace Forum.Core.Sharing;

/// <summary>
/// The first lines of public text as a link preview, a meta description or a feed summary show them: personal data
/// masked (before cutting, so a cut cannot split a phone number out of the mask's reach), white space collapsed to
/// single spaces, and characters XML cannot carry dropped.
/// </summary>
public static class Excerpt
{
    public const int DefaultLength = 160;

    public static string Of(string? text, int maxLength = DefaultLength)
    {
        var masked = XmlSafe(PersonalDataMasker.Mask(text));
        var flat = string.Join(' ', masked.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= maxLength)
        {
            return flat;
        }

        // Never cut a surrogate pair (an emoji) in half.
        var cut = char.IsHighSurrogate(flat[maxLength - 2]) ? maxLength - 2 : maxLength - 1;
        return flat[..cut].TrimEnd() + "…";
    }

    /// <summary>Masked and XML-safe, whole: for titles and names.</summary>
    public static string Line(string? text) => Of(text, int.MaxValue);

    /// <summary>Drops the control characters and lone surrogates that XML 1.0 cannot hold (a feed must stay well-formed).</summary>
    public static string XmlSafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
