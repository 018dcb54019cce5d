using System.Globalization;
using System.Text;
using Forum.Core.Complaints;

namespace Forum.Core.Search;

/// <summary>
/// Turns text into search terms, the same way for the index and for a query, so the two always agree.
/// <para>
/// Chinese is written without spaces and most words are two characters, so a run of CJK characters is indexed as
/// overlapping bigrams (<c>卫生间漏水</c> → 卫生, 生间, 间漏, 漏水) plus the run's last character on its own. Any word
/// of two or more characters is then a run of consecutive bigrams, and a single character is the first character
/// of some term, so a prefix match finds it. This needs no dictionary, never misses a word a segmenter would cut
/// differently, and works the same on SQLite FTS5 and on SQL Server. Letters and digits of other scripts form
/// words, lower-cased after NFKC (full-width <c>Ｂ</c> is <c>b</c>). A thread number <c>T-000123</c> is the term
/// <c>t123</c>.
/// </para>
/// </summary>
public static class SearchTokenizer
{
    /// <summary>Longer words are cut to this many characters, in the index and in queries alike.</summary>
    public const int MaxTermLength = 32;

    public static string ThreadNumberTerm(long id) => "t" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The terms of a text, in order, for the index.</summary>
    public static List<string> IndexTerms(string? text)
    {
        var terms = new List<string>();
        foreach (var segment in Segments(text))
        {
            if (segment.IsCjk)
            {
                terms.AddRange(Bigrams(segment.Text));
                terms.Add(LastCharacter(segment.Text));
            }
            else
            {
                terms.Add(segment.Text);
            }
        }

        return terms;
    }

    /// <summary>The overlapping bigrams of a CJK run; a one-character run has none.</summary>
    public static IEnumerable<string> Bigrams(string run)
    {
        var characters = TextElements(run);
        for (var i = 0; i + 1 < characters.Count; i++)
        {
            yield return characters[i] + characters[i + 1];
        }
    }

    internal static string LastCharacter(string run) => TextElements(run)[^1];

    internal static int CharacterCount(string run) => TextElements(run).Count;

    /// <summary>Runs of CJK characters and words of other letters and digits; everything else separates them.</summary>
    public static IEnumerable<Segment> Segments(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var normalized = text.Normalize(NormalizationForm.FormKC);
        var current = new StringBuilder();
        var currentIsCjk = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            var cjk = IsCjk(rune);
            var word = !cjk && Rune.IsLetterOrDigit(rune);
            if (!cjk && !word)
            {
                if (current.Length > 0)
                {
                    yield return Flush(current, currentIsCjk);
                }

                continue;
            }

            if (current.Length > 0 && cjk != currentIsCjk)
            {
                yield return Flush(current, currentIsCjk);
            }

            currentIsCjk = cjk;
            current.Append(cjk ? rune.ToString() : Rune.ToLowerInvariant(rune).ToString());
        }

        if (current.Length > 0)
        {
            yield return Flush(current, currentIsCjk);
        }
    }

    private static Segment Flush(StringBuilder current, bool cjk)
    {
        var text = current.ToString();
        current.Clear();
        if (!cjk && text.Length > MaxTermLength)
        {
            text = text[..MaxTermLength];
        }

        return new Segment(text, cjk);
    }

    /// <summary>Han ideographs (all extension blocks), kana and Hangul: scripts written without spaces.</summary>
    public static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x3400 and <= 0x4DBF => true,   // CJK Extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK Unified Ideographs
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        >= 0xF900 and <= 0xFAFF => true,   // CJK Compatibility Ideographs
        >= 0x20000 and <= 0x3134F => true, // CJK Extensions B–H
        _ => false,
    };

    private static List<string> TextElements(string run)
    {
        var list = new List<string>(run.Length);
        foreach (var rune in run.EnumerateRunes())
        {
            list.Add(rune.ToString());
        }

        return list;
    }

    public readonly record struct Segment(string Text, bool IsCjk);
}
