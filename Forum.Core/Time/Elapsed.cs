namespace Forum.Core.Time;

/// <summary>
/// A duration broken into the parts people read ("1 h 20 min", "3 d 4 h"): at most two parts, the largest first,
/// rounded down to the minute (to the second under a minute, for short configured rungs). Wording is the web layer's job; this only decides which numbers to show.
/// </summary>
public readonly record struct Elapsed(int Days, int Hours, int Minutes, int Seconds = 0)
{
    public static Elapsed From(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var days = (int)Math.Min(span.TotalDays, int.MaxValue);
        return days > 0
            ? new Elapsed(days, span.Hours, 0)
            : span < TimeSpan.FromMinutes(1)
                ? new Elapsed(0, 0, 0, span.Seconds)
                : new Elapsed(0, span.Hours, span.Minutes);
    }

    public bool IsUnderAMinute => Days == 0 && Hours == 0 && Minutes == 0;

    public bool IsUnderASecond => IsUnderAMinute && Seconds == 0;
}
