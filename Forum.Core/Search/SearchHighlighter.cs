using System.Globalization;
using System.Text;

namespace Forum.Core.Search;

/// <summary>A piece of text to render, marked when it matched the query. Rendering encodes it like any text.</summary>
public readonly record struct HighlightSpan(string Text, bool IsMatch);

/// <summary>
/// Finds where a query's words occur in a text, for highlighting and for the snippet under a result. It works on
/// the text as shown (masked), compares case-insensitively after NFKC, and only ever splits the text into spans:
/// the page encodes every span, so a highlight can never become markup.
/// </summary>
public static class SearchHighlighter
{
    public static IReadOnlyList<HighlightSpan> Highlight(string text, SearchQuery query)
    {
        var ranges = Matches(text, query);
        var spans = new List<HighlightSpan>();
        var position = 0;
        foreach (var (start, length) in ranges)
        {
            if (start > position)
            {
                spans.Add(new HighlightSpan(text[position..start], false));
            }

            spans.Add(new HighlightSpan(text.Substring(start, length), true));
            position = start + length;
        }

        if (position < text.Length)
        {
            spans.Add(new HighlightSpan(text[position..], false));
        }

        return spans;
    }

    /// <summary>
    /// About <paramref name="maxLength"/> characters of <paramref name="text"/> around its first match (or its start),
    /// with an ellipsis where it was cut; line breaks become spaces.
    /// </summary>
    public static string Snippet(string text, SearchQuery query, int maxLength = 160)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (flat.Length <= maxLength)
        {
            return flat;
        }

        var first = Matches(flat, query).Select(m => m.Start).DefaultIfEmpty(0).First();
        var start = Math.Max(0, first - maxLength / 4);
        if (start + maxLength > flat.Length)
        {
            start = Math.Max(0, flat.Length - maxLength);
        }

        if (start > 0 && char.IsLowSurrogate(flat[start]))
        {
            start--;
        }

        var length = Math.Min(maxLength, flat.Length - start);
        if (length > 0 && start + length < flat.Length && char.IsHighSurrogate(flat[start + length - 1]))
        {
            length--;
        }

        return (start > 0 ? "…" : "") + flat.Substring(start, length) + (start + length < flat.Length ? "…" : "");
    }

    /// <summary>True when the text contains any of the query's words.</summary>
    public static bool Contains(string text, SearchQuery query) => Matches(text, query).Count > 0;

    /// <summary>Non-overlapping (start, length) ranges of matches, in order.</summary>
    public static IReadOnlyList<(int Start, int Length)> Matches(string text, SearchQuery query)
    {
        if (string.IsNullOrEmpty(text) || query.Clauses.Count == 0)
        {
            return [];
        }

        // NFKC can change lengths, so compare on a folded copy with a map back to the original positions.
        var (folded, map) = Fold(text);
        var found = new List<(int Start, int End)>();
        foreach (var clause in query.Clauses)
        {
            var surface = Fold(clause.Surface).Text;
            if (surface.Length == 0)
            {
                continue;
            }

            for (var at = folded.IndexOf(surface, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(surface, at + surface.Length, StringComparison.Ordinal))
            {
                var end = at + surface.Length;
                if (clause.SurfaceIsWord && (IsWordChar(folded, at - 1) || IsWordChar(folded, end)))
                {
                    continue;
                }

                found.Add((map[at], map[end]));
            }
        }

        var merged = new List<(int Start, int Length)>();
        foreach (var (start, end) in found.OrderBy(f => f.Start).ThenByDescending(f => f.End))
        {
            if (merged.Count > 0 && start < merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.Start + last.Length, end) - last.Start);
            }
            else
            {
                merged.Add((start, end - start));
            }
        }

        return merged;
    }

    private static bool IsWordChar(string text, int index) =>
        index >= 0 && index < text.Length && char.IsLetterOrDigit(text[index])
        && !SearchTokenizer.IsCjk(Rune.GetRuneAt(text, char.IsLowSurrogate(text[index]) && index > 0 ? index - 1 : index));

    /// <summary>Folds each text element on its own (NFKC, lower case) and remembers where it came from.</summary>
    private static (string Text, int[] Map) Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = (string)enumerator.Current;
            var folded = element.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
            foreach (var _ in folded)
            {
                map.Add(enumerator.ElementIndex);
            }

            builder.Append(folded);
        }

        map.Add(text.Length);
        return (builder.ToString(), map.ToArray());
    }
}
