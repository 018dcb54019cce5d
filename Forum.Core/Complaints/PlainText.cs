using System.Text.RegularExpressions;

namespace Forum.Core.Complaints;

public enum TextSegmentKind
{
    Text,
    Link,
    LineBreak,
}

public readonly record struct TextSegment(TextSegmentKind Kind, string Value);

/// <summary>
/// User text is stored as typed and shown as plain text: blank lines make paragraphs, single line breaks stay, and
/// http(s) addresses become links. This only splits; the page encodes every piece, so no markup ever passes through.
/// </summary>
public static partial class PlainText
{
    /// <summary>Stops at white space, quotes, angle brackets and the full-width punctuation Chinese text puts after a link.</summary>
    [GeneratedRegex(@"https?://[^\s<>""'（）《》，。；！？、]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    public static IReadOnlyList<IReadOnlyList<TextSegment>> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        return ParagraphBreak().Split(normalized)
            .Select(p => p.Trim('\n'))
            .Where(p => p.Length > 0)
            .Select(ParseParagraph)
            .ToList();
    }

    private static IReadOnlyList<TextSegment> ParseParagraph(string paragraph)
    {
        var segments = new List<TextSegment>();
        var lines = paragraph.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                segments.Add(new TextSegment(TextSegmentKind.LineBreak, string.Empty));
            }

            var line = lines[i];
            var position = 0;
            foreach (Match match in LinkPattern().Matches(line))
            {
                var url = match.Value.TrimEnd('.', ',', ')', ';', ':', '!', '?');
                if (match.Index > position)
                {
                    segments.Add(new TextSegment(TextSegmentKind.Text, line[position..match.Index]));
                }

                segments.Add(new TextSegment(TextSegmentKind.Link, url));
                position = match.Index + url.Length;
            }

            if (position < line.Length)
            {
                segments.Add(new TextSegment(TextSegmentKind.Text, line[position..]));
            }
        }

        return segments;
    }
}
