using System.Globalization;

namespace Forum.Core.Complaints;

/// <summary>
/// The public number of a thread, <c>T-000123</c>: short, stable and safe to paste into a chat. It is the thread's
/// database id, so it never changes and is never reused.
/// </summary>
public static class ThreadNumber
{
    public static string Format(long id) => "T-" + id.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Accepts <c>T-000123</c>, <c>t-123</c> or <c>123</c>; anything else is not a thread number.</summary>
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 24)
        {
            return false;
        }

        var digits = text.Trim();
        if (digits.StartsWith("T-", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        return digits.Length > 0
            && digits.All(char.IsAsciiDigit)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}
