namespace Forum.Core.Time;

/// <summary>
/// Converts the UTC times we store to the configured display zone (<c>Forum:TimeZone</c>, default Asia/Shanghai).
/// </summary>
public sealed class ForumClock(TimeProvider timeProvider, TimeZoneInfo zone)
{
    public const string DefaultZoneId = "Asia/Shanghai";

    public TimeZoneInfo Zone { get; } = zone;

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public TimeSpan Age(DateTime utc) => UtcNow - DateTime.SpecifyKind(utc, DateTimeKind.Utc);
}
