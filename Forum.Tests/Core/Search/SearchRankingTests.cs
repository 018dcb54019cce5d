using Forum.Core.Search;

namespace Forum.Tests.Core.Search;

public class SearchRankingTests
{
    private static SearchRanking.ClauseHits Hits(double rarity, params long[] inTitle) => new(rarity, [.. inTitle.Order()]);

    [Theory]
    [InlineData(1_000_000, 66_672, 2.6390)]
    [InlineData(1_000, 1, 6.5018)]
    public void Rarity_IsBm25sInverseDocumentFrequency(long indexed, long matches, double expected)
    {
        // ln((N − n + 0.5) / (n + 0.5)), as FTS5's bm25() computes it.
        Assert.Equal(expected, SearchRanking.Rarity(indexed, matches), 4);
    }

    [Theory]
    [InlineData(1_000, 500)]
    [InlineData(1_000, 1_000)]
    [InlineData(0, 0)]
    public void Rarity_OfAWordInHalfTheThreadsOrMore_IsTheSmallestPositive(long indexed, long matches)
    {
        Assert.Equal(SearchRanking.CommonRarity, SearchRanking.Rarity(indexed, matches));
    }

    [Fact]
    public void Order_PutsTheTitleBeforeTheBody_ThenTheNewest()
    {
        // 2 and 3 hold the word in their titles, 1 and 4 in their bodies only.
        var order = SearchRanking.Order([4, 3, 2, 1], [Hits(2.0, 2, 3)]);

        Assert.Equal([3, 2, 4, 1], order);
    }

    [Fact]
    public void Order_WeighsEachClauseByHowRareItIs()
    {
        // 1 has the rare word in its title, 2 the common one: the rare word decides.
        var rare = Hits(5.0, 1);
        var common = Hits(0.5, 2);

        Assert.Equal([1, 2], SearchRanking.Order([2, 1], [rare, common]));
        Assert.Equal(5.0 * SearchRanking.TitleWeight + 0.5 * SearchRanking.BodyWeight, SearchRanking.Score(1, [rare, common]));
        Assert.Equal(5.0 * SearchRanking.BodyWeight + 0.5 * SearchRanking.TitleWeight, SearchRanking.Score(2, [rare, common]));
    }

    [Fact]
    public void Order_CountsEveryClauseInTheTitle()
    {
        // 7 holds both words in its title, 8 one of them, 9 neither: more title matches rank higher, whatever the age.
        Assert.Equal([7, 8, 9], SearchRanking.Order([9, 8, 7], [Hits(1.0, 7, 8), Hits(1.0, 7)]));
    }

    [Fact]
    public void Order_OfEqualScores_IsNewestFirst()
    {
        Assert.Equal([9, 7, 5], SearchRanking.Order([5, 9, 7], [Hits(1.0)]));
    }

    [Fact]
    public void Score_FindsTitleHitsInALongList()
    {
        var inTitle = Enumerable.Range(0, 5_000).Select(i => (long)i * 3).ToArray();

        Assert.Equal(SearchRanking.TitleWeight, SearchRanking.Score(2_997, [Hits(1.0, inTitle)]));
        Assert.Equal(SearchRanking.BodyWeight, SearchRanking.Score(2_998, [Hits(1.0, inTitle)]));
        Assert.Equal(SearchRanking.TitleWeight, SearchRanking.Score(0, [Hits(1.0, inTitle)]));
        Assert.Equal(SearchRanking.TitleWeight, SearchRanking.Score(14_997, [Hits(1.0, inTitle)]));
    }
}
