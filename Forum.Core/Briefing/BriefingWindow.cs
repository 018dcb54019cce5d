namespace Forum.Core.Briefing;

/// <summary>
/// The period a morning briefing covers: from a briefing time (08:00 in the forum's zone) to now. By default the
/// 08:00 of the day before the latest 08:00 that has passed, so a briefing read at 08:30 covers the last 24½ hours.
/// </summary>
public static class BriefingWindow
{
    public static readonly TimeSpan DefaultHour = TimeSpan.FromHours(8);

    /// <summary>The UTC start of the briefing: <paramref name="localDate"/> at 08:00 local, or yesterday's 08:00 by default.</summary>
    public static DateTime Start(DateTime utcNow, TimeZoneInfo zone, DateOnly? localDate = null)
    {
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone);
        var date = localDate ?? LatestBriefingDate(localNow).AddDays(-1);
        var local = DateTime.SpecifyKind(date.ToDateTime(TimeOnly.FromTimeSpan(DefaultHour)), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The local date of the latest 08:00 that has passed.</summary>
    private static DateOnly LatestBriefingDate(DateTime localNow)
    {
        var today = DateOnly.FromDateTime(localNow);
        return localNow.TimeOfDay >= DefaultHour ? today : today.AddDays(-1);
    }
}
