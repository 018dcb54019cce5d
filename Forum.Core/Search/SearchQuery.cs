using System.Text.RegularExpressions;

namespace Forum.Core.Search;

/// <summary>Why a query could not be searched as typed; the page says so in the reader's language.</summary>
public enum SearchProblem
{
    /// <summary>Nothing typed.</summary>
    Empty,

    /// <summary>Only punctuation or operators: there is no word to look for.</summary>
    NoWords,

    /// <summary>Longer than <see cref="SearchQuery.MaxLength"/>: the start was searched.</summary>
    Shortened,

    /// <summary>More than <see cref="SearchQuery.MaxClauses"/> words: the first ones were searched.</summary>
    TooManyWords,
}

/// <summary>
/// One thing every result must contain: a phrase of consecutive terms (a Chinese word as its bigrams, or one
/// other word), or a single Chinese character matched as the first character of a term.
/// </summary>
public sealed record SearchClause(IReadOnlyList<string> Terms, bool IsPrefix, string Surface, bool SurfaceIsWord);

/// <summary>
/// A search as the visitor typed it, reduced to clauses that every result must match. Operators of the underlying
/// engines (<c>"</c>, <c>*</c>, <c>NEAR(</c>, <c>OR</c>, <c>-</c>) have no meaning here: punctuation separates
/// words and <c>OR</c> is just a word, so no input can change the shape of the database query.
/// </summary>
public sealed partial record SearchQuery
{
    public const int MaxLength = 100;
    public const int MaxClauses = 8;

    public string Text { get; init; } = "";
    public IReadOnlyList<SearchClause> Clauses { get; init; } = [];
    public SearchProblem? Problem { get; init; }

    public bool CanSearch => Clauses.Count > 0;

    public static SearchQuery Parse(string? raw)
    {
        var text = (raw ?? "").Trim();
        if (text.Length == 0)
        {
            return new SearchQuery { Problem = SearchProblem.Empty };
        }

        SearchProblem? problem = null;
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            if (char.IsHighSurrogate(text[^1]))
            {
                text = text[..^1];
            }

            problem = SearchProblem.Shortened;
        }

        var clauses = new List<SearchClause>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var number = ThreadNumberPattern().Match(word);
            if (number.Success && long.TryParse(number.Groups[1].ValueSpan, out var id) && id > 0)
            {
                Add(clauses, new SearchClause([SearchTokenizer.ThreadNumberTerm(id)], false, number.Value, true));
                continue;
            }

            foreach (var segment in SearchTokenizer.Segments(word))
            {
                if (!segment.IsCjk)
                {
                    Add(clauses, new SearchClause([segment.Text], false, segment.Text, true));
                }
                else if (SearchTokenizer.CharacterCount(segment.Text) == 1)
                {
                    Add(clauses, new SearchClause([segment.Text], true, segment.Text, false));
                }
                else
                {
                    Add(clauses, new SearchClause([.. SearchTokenizer.Bigrams(segment.Text)], false, segment.Text, false));
                }
            }
        }

        if (clauses.Count == 0)
        {
            return new SearchQuery { Text = text, Problem = problem ?? SearchProblem.NoWords };
        }

        if (clauses.Count > MaxClauses)
        {
            clauses = clauses[..MaxClauses];
            problem ??= SearchProblem.TooManyWords;
        }

        return new SearchQuery { Text = text, Clauses = clauses, Problem = problem };
    }

    private static void Add(List<SearchClause> clauses, SearchClause clause)
    {
        if (!clauses.Any(c => c.IsPrefix == clause.IsPrefix && c.Terms.SequenceEqual(clause.Terms)))
        {
            clauses.Add(clause);
        }
    }

    [GeneratedRegex(@"^[Tt]-?(\d{1,12})$", RegexOptions.CultureInvariant)]
    private static partial Regex ThreadNumberPattern();
}
