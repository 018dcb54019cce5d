namespace Forum.Core.Search;

/// <summary>
/// Best match, the rule in one place: each clause of the query counts for how rare it is (BM25's inverse document
/// frequency), four times over when it is in the title; ties go to the newest. Every result holds every clause, so a
/// clause not in the title is in the body (opening post, public replies, closing summary) and counts once. Term counts
/// and document lengths are left out on purpose: complaint titles and bodies are short enough that where a word
/// appears says most of what its count would, and whether it is in the title is cheap to find for a bounded set of
/// candidates, while FTS5's own bm25() recounts every thread holding a word on every search.
/// </summary>
public static class SearchRanking
{
    /// <summary>What a clause found in the title weighs (SQL Server's term weights use it too).</summary>
    public const int TitleWeight = 4;

    /// <summary>What a clause found in the body only weighs (SQL Server adds it for each occurrence in the body).</summary>
    public const int BodyWeight = 1;

    /// <summary>The rarity of a word that is in half of the threads or more: it says nothing about relevance.</summary>
    public const double CommonRarity = 1e-6;

    /// <summary>
    /// BM25's IDF as SQLite's FTS5 computes it: ln((N − n + 0.5) / (n + 0.5)) for a clause in <paramref name="matches"/>
    /// of <paramref name="indexed"/> threads, and <see cref="CommonRarity"/> when that is not positive.
    /// </summary>
    public static double Rarity(long indexed, long matches)
    {
        var idf = Math.Log((indexed - matches + 0.5) / (matches + 0.5));
        return idf > 0 ? idf : CommonRarity;
    }

    /// <summary>A clause's rarity and the candidates holding it in their title, as thread ids in ascending order (looked up by binary search: a few thousand look-ups per search, no set to build).</summary>
    public sealed record ClauseHits(double Rarity, List<long> InTitle);

    /// <summary>
    /// The candidates (thread ids, every clause already known to match each) in best-match order: the highest score
    /// first, then the newest (the higher id).
    /// </summary>
    public static List<long> Order(IReadOnlyList<long> candidates, IReadOnlyList<ClauseHits> clauses)
    {
        var ranked = new (double Score, long Id)[candidates.Count];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = (Score(candidates[i], clauses), candidates[i]);
        }

        Array.Sort(ranked, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : b.Id.CompareTo(a.Id));
        var order = new List<long>(ranked.Length);
        foreach (var (_, id) in ranked)
        {
            order.Add(id);
        }

        return order;
    }

    public static double Score(long threadId, IReadOnlyList<ClauseHits> clauses)
    {
        var score = 0.0;
        foreach (var clause in clauses)
        {
            score += clause.Rarity * (clause.InTitle.BinarySearch(threadId) >= 0 ? TitleWeight : BodyWeight);
        }

        return score;
    }
}
