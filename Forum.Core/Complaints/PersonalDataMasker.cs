using System.Text.RegularExpressions;

namespace Forum.Core.Complaints;

/// <summary>
/// Masks personal data that people type into public text: mainland mobile numbers (<c>138****5678</c>), landlines
/// (<c>0755-****5678</c>), 18-digit ID numbers (<c>110101********123X</c>) and e-mail addresses (<c>z***@example.com</c>).
/// The stored text stays as typed; staff see it whole.
/// </summary>
public static partial class PersonalDataMasker
{
    // 18-digit resident ID: 6-digit area, 8-digit birth date (19xx/20xx), 3 digits, check digit or X.
    [GeneratedRegex(@"(?<![0-9])([1-9][0-9]{5})((?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})([0-9Xx])(?![0-9])")]
    private static partial Regex IdNumber();

    // Mainland mobile: 1[3-9] and nine more digits; spaces or dashes between groups (138 1234 5678) are allowed.
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])")]
    private static partial Regex Mobile();

    // Landline with area code: 010-12345678, 0755-1234567, (021)12345678.
    [GeneratedRegex(@"(?<![0-9])\(?(0[1-9][0-9]{1,2})\)?[ -]?([0-9]{3,4})[ -]?([0-9]{4})(?![0-9])")]
    private static partial Regex Landline();

    [GeneratedRegex(@"([A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]*@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)")]
    private static partial Regex Email();

    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var masked = IdNumber().Replace(text, m => m.Groups[1].Value + new string('*', 8) + m.Value[^4..]);
        masked = Mobile().Replace(masked, m => m.Groups[1].Value + "****" + m.Groups[3].Value);
        masked = Landline().Replace(masked, m => m.Groups[1].Value + "-****" + m.Groups[3].Value);
        masked = Email().Replace(masked, m => m.Groups[1].Value + "***@" + m.Groups[2].Value);
        return masked;
    }
}
