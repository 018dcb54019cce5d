using Forum.Core.Complaints;

namespace Forum.Tests.Core.Complaints;

public class PlainTextTests
{
    [Fact]
    public void Parse_BlankLines_SplitParagraphs_AndSingleBreaksStay()
    {
        var paragraphs = PlainText.Parse("第一段\n第二行\r\n\r\n第二段");

        Assert.Equal(2, paragraphs.Count);
        Assert.Equal([TextSegmentKind.Text, TextSegmentKind.LineBreak, TextSegmentKind.Text], paragraphs[0].Select(s => s.Kind));
        Assert.Equal("第二段", Assert.Single(paragraphs[1]).Value);
    }

    [Fact]
    public void Parse_Link_EndsAtChinesePunctuationAndTrailingDot()
    {
        var segments = PlainText.Parse("照片见 https://example.com/a?b=1，谢谢。另见 http://example.org/x.").Single();

        Assert.Equal(
            ["https://example.com/a?b=1", "http://example.org/x"],
            segments.Where(s => s.Kind == TextSegmentKind.Link).Select(s => s.Value));
        Assert.Equal("，谢谢。另见 ", segments[2].Value);
    }

    [Fact]
    public void Parse_MarkupAndJavascriptUrls_StayText()
    {
        var segments = PlainText.Parse("<script>alert(1)</script> javascript:alert(1)").Single();

        var only = Assert.Single(segments);
        Assert.Equal(TextSegmentKind.Text, only.Kind);
        Assert.Equal("<script>alert(1)</script> javascript:alert(1)", only.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\n ")]
    public void Parse_Empty_NoParagraphs(string? text) => Assert.Empty(PlainText.Parse(text));
}
