using Forum.Core.Time;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Core.Time;

public class ElapsedTests
{
    [Theory]
    [InlineData(0, 0, 0, 0, 0, 0, 0)]
    [InlineData(0, 1, 20, 59, 0, 1, 20)]
    [InlineData(0, 23, 59, 0, 0, 23, 59)]
    [InlineData(3, 4, 30, 0, 3, 4, 0)]
    public void From_KeepsTheTwoLargestParts(int d, int h, int m, int s, int days, int hours, int minutes) =>
        Assert.Equal(new Elapsed(days, hours, minutes), Elapsed.From(new TimeSpan(d, h, m, s)));

    [Fact]
    public void From_Negative_IsZero() => Assert.True(Elapsed.From(TimeSpan.FromMinutes(-5)).IsUnderASecond);

    [Fact]
    public void From_UnderAMinute_KeepsSeconds() => Assert.Equal(new Elapsed(0, 0, 0, 3), Elapsed.From(TimeSpan.FromSeconds(3.7)));

    [Fact]
    public void ForumClock_ShowsUtcInShanghai_AcrossTheDateLine()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero));
        var clock = new ForumClock(time, TimeZoneInfo.FindSystemTimeZoneById(ForumClock.DefaultZoneId));

        var local = clock.ToLocal(time.GetUtcNow().UtcDateTime);

        Assert.Equal(new DateTime(2026, 11, 23, 7, 30, 0), local);
        Assert.Equal(TimeSpan.FromHours(2), clock.Age(time.GetUtcNow().UtcDateTime.AddHours(-2)));
    }
}
