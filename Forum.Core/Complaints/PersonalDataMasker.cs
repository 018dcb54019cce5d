using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Forum.Core.Complaints;

/// <summary>
/// Masks personal data that people type into public text: mainland mobile numbers (<c>138****5678</c>), landlines
/// (<c>0755-****5678</c>), 18-digit ID numbers (<c>110101********123X</c>) and e-mail addresses (<c>z***@example.com</c>).
/// The stored text stays as typed; staff see it whole.
/// </summary>
/// <remarks>
/// Every spelling counts: full-width characters (<c>１３８１２３４５６７８</c>, <c>ｌｅａｋ＠例子.公司</c>, which Chinese input
/// methods produce), other scripts' digits, groups split by spaces, dots or dashes (<c>138.1234.5678</c>,
/// <c>110101 19900307 4518</c>), <c>+86</c>/<c>0086</c> prefixes and internationalized domains (<c>leak@例子.公司</c>).
/// Matching runs on a folded copy of the text of the same length (each character replaced by its plain ASCII
/// equivalent), so the masks land on the original at the same positions and the rest of the text is left as typed.
/// </remarks>
public static partial class PersonalDataMasker
{
    // Between the digits of one number: up to three spaces, dots or dashes ("138 - 1234 - 5678").
    private const string Gap = "[ .\\-]{0,3}";

    // 18-digit resident ID: 6-digit area, birth date, 3 digits, check digit or X; the date is checked in code.
    [GeneratedRegex($@"(?<![0-9])[1-9](?:{Gap}[0-9]){{16}}{Gap}[0-9Xx](?![0-9])")]
    private static partial Regex IdNumber();

    // Mainland mobile: 1[3-9] and nine more digits, in any grouping, after an optional +86 / 0086 / 86.
    [GeneratedRegex($@"(?<![0-9+])(?:(?:\+|00)?86{Gap})?1{Gap}[3-9](?:{Gap}[0-9]){{9}}(?![0-9])")]
    private static partial Regex Mobile();

    // Landline with area code: 010-12345678, 0755 123 4567, (021)12345678, +86 755 1234 5678.
    [GeneratedRegex($@"(?<![0-9+])(?:(?:\+|00)86{Gap}\(?0?|\(?0)([1-9][0-9]{{1,2}})\)?{Gap}([0-9]{{3,4}}){Gap}([0-9]{{4}})(?![0-9])")]
    private static partial Regex Landline();

    // The local part is masked; the domain (ASCII or not: 例子.公司) stays, as on every masked address.
    [GeneratedRegex(@"([A-Za-z0-9])[A-Za-z0-9._%+\-]*@(?=[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)")]
    private static partial Regex Email();

    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var folded = Fold(text);
        var masks = new List<(int Start, int Length, string Text)>();
        Collect(masks, IdNumber().Matches(folded), m => IsBirthDate(Digits(m.Value)) ? MaskId(Digits(m.Value)) : null);
        Collect(masks, Mobile().Matches(folded), m => MaskMobile(Digits(m.Value)));
        Collect(masks, Landline().Matches(folded), m => m.Groups[1].Value.Insert(0, "0") + "-****" + m.Groups[3].Value);
        Collect(masks, Email().Matches(folded), m => m.Groups[1].Value + "***@");
        if (masks.Count == 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, length, replacement) in masks.OrderBy(m => m.Start))
        {
            masked.Append(text, position, start - position).Append(replacement);
            position = start + length;
        }

        return masked.Append(text, position, text.Length - position).ToString();
    }

    /// <summary>True when the text holds something <see cref="Mask"/> would hide (a name may not be a phone number).</summary>
    public static bool ContainsPersonalData(string? text) => !string.Equals(Mask(text), text ?? string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// The same text, character for character, in plain ASCII where a character has a plain equivalent: full-width
    /// forms, any script's decimal digits, dashes, and spaces (zero-width ones included, which someone may slip
    /// between digits).
    /// </summary>
    private static string Fold(string text) => string.Create(text.Length, text, static (folded, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            folded[i] = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' => ' ',
                >= '\u2010' and <= '\u2015' or '\u2212' or '\u30FC' => '-',
                '\u00B7' or '\u30FB' or '\uFF65' or '\u3002' or '\uFF61' => '.',
                _ when c > '\u007F' && char.IsWhiteSpace(c) => ' ',
                _ when c > '\u007F' && char.IsDigit(c) => (char)('0' + (int)char.GetNumericValue(c)),
                _ => c,
            };
        }
    });

    private static void Collect(List<(int Start, int Length, string Text)> masks, MatchCollection matches, Func<Match, string?> replacement)
    {
        foreach (Match match in matches)
        {
            if (masks.Any(m => match.Index < m.Start + m.Length && m.Start < match.Index + match.Length))
            {
                continue;
            }

            if (replacement(match) is { } text)
            {
                masks.Add((match.Index, match.Length, text));
            }
        }
    }

    private static string Digits(string value) => new(value.Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x').ToArray());

    private static string MaskMobile(string digits)
    {
        var number = digits[^11..];
        return number[..3] + "****" + number[^4..];
    }

    private static string MaskId(string digits) => digits[..6] + new string('*', 8) + digits[^4..].ToUpperInvariant();

    private static bool IsBirthDate(string digits) =>
        DateOnly.TryParseExact(digits.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.Year is >= 1900 and <= 2099;
}
