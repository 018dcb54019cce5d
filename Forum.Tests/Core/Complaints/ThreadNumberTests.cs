using Forum.Core.Complaints;

namespace Forum.Tests.Core.Complaints;

public class ThreadNumberTests
{
    [Theory]
    [InlineData(1, "T-000001")]
    [InlineData(123, "T-000123")]
    [InlineData(1234567, "T-1234567")]
    public void Format_Id_PadsToSixDigits(long id, string expected) =>
        Assert.Equal(expected, ThreadNumber.Format(id));

    [Theory]
    [InlineData("T-000123", 123)]
    [InlineData("t-123", 123)]
    [InlineData("123", 123)]
    [InlineData(" T-000042 ", 42)]
    public void TryParse_AcceptedForms_ReturnId(string text, long expected)
    {
        Assert.True(ThreadNumber.TryParse(text, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("T-")]
    [InlineData("T-0")]
    [InlineData("T-12a")]
    [InlineData("-5")]
    [InlineData("１２３")]
    [InlineData("99999999999999999999999")]
    [InlineData("<script>")]
    public void TryParse_Garbage_ReturnsFalse(string? text) =>
        Assert.False(ThreadNumber.TryParse(text, out _));
}
