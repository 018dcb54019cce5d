using Forum.Core.Search;

namespace Forum.Tests.Core.Search;

public class SearchQueryTests
{
    [Fact]
    public void IndexTerms_ChineseRun_IsOverlappingBigramsAndItsLastCharacter()
    {
        Assert.Equal(["卫生", "生间", "间漏", "漏水", "水严", "严重", "重"], SearchTokenizer.IndexTerms("卫生间漏水严重"));
    }

    [Fact]
    public void IndexTerms_MixedText_SplitsScriptsAndLowerCasesWords()
    {
        Assert.Equal(["b", "栋电", "电梯", "梯", "noise", "3", "号楼", "楼"], SearchTokenizer.IndexTerms("Ｂ栋电梯 NOISE，3号楼"));
    }

    [Theory]
    [InlineData("漏水", new[] { "漏水" }, false)]
    [InlineData("电梯噪音", new[] { "电梯", "梯噪", "噪音" }, false)]
    [InlineData("栋", new[] { "栋" }, true)]
    [InlineData("Elevator", new[] { "elevator" }, false)]
    [InlineData("T-000123", new[] { "t123" }, false)]
    [InlineData("t123", new[] { "t123" }, false)]
    public void Parse_OneWord_IsOneClause(string text, string[] terms, bool prefix)
    {
        var query = SearchQuery.Parse(text);

        var clause = Assert.Single(query.Clauses);
        Assert.Equal(terms, clause.Terms);
        Assert.Equal(prefix, clause.IsPrefix);
        Assert.Null(query.Problem);
    }

    [Fact]
    public void Parse_MixedQuery_EveryPartIsAClause()
    {
        var query = SearchQuery.Parse("B栋 电梯");

        Assert.Equal(["b", "栋", "电梯"], query.Clauses.Select(c => string.Join(' ', c.Terms)));
        Assert.Equal([false, true, false], query.Clauses.Select(c => c.IsPrefix));
    }

    [Theory]
    [InlineData("\"漏水\" OR * NEAR(a b) -裂缝", new[] { "漏水", "or", "near", "a", "b", "裂缝" })]
    [InlineData("'; DROP TABLE Threads; --", new[] { "drop", "table", "threads" })]
    [InlineData("<script>alert(1)</script>", new[] { "script", "alert", "1" })]
    public void Parse_OperatorsAndMarkup_AreOnlySeparators(string text, string[] terms)
    {
        var query = SearchQuery.Parse(text);

        Assert.Equal(terms, query.Clauses.Select(c => string.Join(' ', c.Terms)));
        Assert.All(query.Clauses.SelectMany(c => c.Terms), t => Assert.True(t.All(char.IsLetterOrDigit), t));
    }

    [Theory]
    [InlineData("", SearchProblem.Empty)]
    [InlineData("   ", SearchProblem.Empty)]
    [InlineData("\"*-()", SearchProblem.NoWords)]
    public void Parse_NothingToSearch_SaysWhy(string text, SearchProblem problem)
    {
        var query = SearchQuery.Parse(text);

        Assert.False(query.CanSearch);
        Assert.Equal(problem, query.Problem);
    }

    [Fact]
    public void Parse_TwoThousandCharacters_SearchesTheStartAndSaysSo()
    {
        var query = SearchQuery.Parse(string.Concat(Enumerable.Repeat("漏水", 1000)));

        Assert.Equal(SearchQuery.MaxLength, query.Text.Length);
        Assert.Equal(SearchProblem.Shortened, query.Problem);
        Assert.True(query.CanSearch);
        Assert.Equal(99, Assert.Single(query.Clauses).Terms.Count);
    }

    [Fact]
    public void Parse_ManyWords_KeepsTheFirstOnes()
    {
        var query = SearchQuery.Parse("a b c d e f g h i j k");

        Assert.Equal(SearchQuery.MaxClauses, query.Clauses.Count);
        Assert.Equal(SearchProblem.TooManyWords, query.Problem);
    }

    [Fact]
    public void Highlight_MarksEveryMatch_AndKeepsTheTextAsText()
    {
        var query = SearchQuery.Parse("漏水 <b>");
        var spans = SearchHighlighter.Highlight("卫生间漏水，<b>又漏水</b>", query);

        Assert.Equal("卫生间漏水，<b>又漏水</b>", string.Concat(spans.Select(s => s.Text)));
        Assert.Equal(["漏水", "b", "漏水", "b"], spans.Where(s => s.IsMatch).Select(s => s.Text));
    }

    [Fact]
    public void Highlight_LatinWord_OnlyWholeWords_AndCaseInsensitive()
    {
        var spans = SearchHighlighter.Highlight("Leak in the leaking Leak", SearchQuery.Parse("leak"));

        Assert.Equal(["Leak", "Leak"], spans.Where(s => s.IsMatch).Select(s => s.Text));
    }

    [Fact]
    public void Snippet_StartsNearTheFirstMatch_WithEllipses()
    {
        var text = new string('前', 200) + "墙面出现裂缝" + new string('后', 200);

        var snippet = SearchHighlighter.Snippet(text, SearchQuery.Parse("裂缝"), 60);

        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Contains("墙面出现裂缝", snippet);
    }
}
