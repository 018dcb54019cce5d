using System.Globalization;
using System.Text;

namespace Forum.Web.Briefing;

/// <summary>
/// A table for the plain-text part of a mail: a header row, a rule under it, and columns padded to line up in a
/// monospaced reader, counting a Chinese character as two columns as terminals and mail clients draw it.
/// </summary>
public static class PlainTextTable
{
    public static void Append(StringBuilder text, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        text.AppendLine(Line(headers, widths));
        text.AppendLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            text.AppendLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => c + new string(' ', widths[i] - Width(c)))).TrimEnd();

    /// <summary>Display columns: East Asian wide and full-width characters take two.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            var wide = v is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3
                or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6
                or >= 0x20000 and <= 0x3FFFD;
            width += Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark ? 0 : wide ? 2 : 1;
        }

        return width;
    }
}
