using System.Globalization;

namespace Forum.Core.Companies;

/// <summary>
/// A name stored in Chinese and English (companies, projects, categories are data, so their names live in the
/// database rather than in resource files). <see cref="ToString"/> picks by the current UI culture.
/// </summary>
public readonly record struct LocalizedName(string Chinese, string English)
{
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh" || string.IsNullOrWhiteSpace(English) ? Chinese : English;

    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
