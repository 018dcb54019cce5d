using Forum.Core.Briefing;

namespace Forum.Tests.Core.Briefing;

public class DailySeriesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTime Now = new(2026, 11, 23, 4, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Build_BucketsByLocalDay_NotByUtcDay()
    {
        var threads = new[]
        {
            // 15:59 UTC on the 21st = 23:59 on the 21st in Shanghai.
            Forum.Tests.Support.StoredFacts.Of(1, new DateTime(2026, 11, 21, 15, 59, 0, DateTimeKind.Utc)),
            // 16:00 UTC on the 21st = 00:00 on the 22nd in Shanghai.
            Forum.Tests.Support.StoredFacts.Of(1, new DateTime(2026, 11, 21, 16, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 21, 17, 0, 0, DateTimeKind.Utc)),
            Forum.Tests.Support.StoredFacts.Of(2, new DateTime(2026, 11, 22, 2, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc)),
        };

        var series = DailySeries.Build(threads, [1, 2], new DateOnly(2026, 11, 23), 3, Shanghai, Now);

        Assert.Equal([new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 23)], series.Select(p => p.Date));
        Assert.Equal(1, series[0].NewByCompany[1]);
        Assert.Equal((1, 1), (series[1].NewByCompany[1], series[1].NewByCompany[2]));
        Assert.Equal(0.5, series[1].AnsweredWithinRule);   // one in 1 h, one in 7 h
        Assert.Equal(0.0, series[0].AnsweredWithinRule);   // never answered, deadline long past
        Assert.Null(series[2].AnsweredWithinRule);         // nothing posted that day
        Assert.Equal(0, series[2].NewByCompany[2]);
    }
}
