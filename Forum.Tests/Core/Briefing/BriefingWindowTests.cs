using Forum.Core.Briefing;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Core.Briefing;

public class BriefingWindowTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    // 08:30 Shanghai on the 23rd (00:30 UTC): from 08:00 on the 22nd = 00:00 UTC on the 22nd.
    [InlineData("2026-11-23T00:30:00Z", "2026-11-22T00:00:00Z")]
    // 07:59 Shanghai on the 23rd (23:59 UTC on the 22nd): the latest 08:00 was on the 22nd, so from the 21st.
    [InlineData("2026-11-22T23:59:00Z", "2026-11-21T00:00:00Z")]
    // 08:00 sharp Shanghai on the 23rd: that 08:00 has passed.
    [InlineData("2026-11-23T00:00:00Z", "2026-11-22T00:00:00Z")]
    // Midnight in Shanghai (16:00 UTC): today's 08:00 has not come, so still from the 22nd.
    [InlineData("2026-11-23T16:00:00Z", "2026-11-22T00:00:00Z")]
    // The next morning, 08:30 Shanghai on the 24th: from the 23rd.
    [InlineData("2026-11-24T00:30:00Z", "2026-11-23T00:00:00Z")]
    public void Start_DefaultIsYesterdaysEightOClockInShanghai(string utcNow, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));

        var start = BriefingWindow.Start(time.GetUtcNow().UtcDateTime, Shanghai);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, start);
    }

    [Fact]
    public void Start_AChosenDate_IsThatDaysEightOClockLocal() =>
        Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            BriefingWindow.Start(new DateTime(2026, 11, 23, 5, 0, 0, DateTimeKind.Utc), Shanghai, new DateOnly(2026, 11, 1)));

    [Fact]
    public void Start_UtcZone_IsEightUtc() =>
        Assert.Equal(new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc),
            BriefingWindow.Start(new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
}
