namespace Forum.Core.Notifications;

/// <summary>The first lines of a complaint, as a mail quotes them: a few lines, a few hundred characters, never cut mid-character.</summary>
public static class MailExcerpt
{
    public const int MaxLines = 4;
    public const int MaxChars = 280;

    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .ToList();
        var excerpt = string.Join("\n", lines.Take(MaxLines));
        var cut = lines.Count > MaxLines;
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(excerpt);
        var length = 0;
        var end = 0;
        while (elements.MoveNext())
        {
            if (length == MaxChars)
            {
                cut = true;
                break;
            }

            length++;
            end = elements.ElementIndex + elements.GetTextElement().Length;
        }

        return excerpt[..end] + (cut ? "…" : "");
    }
}
