namespace Feed.Formats.Html;

/// <summary>
/// Open Graph's og:locale (https://ogp.me, "language_TERRITORY") from a BCP 47 language tag:
/// en-US is en_US. A tag without a region says no territory, and Open Graph has no form for a
/// bare language, so it gives none (readers then assume en_US, as for a page without one).
/// </summary>
public static class OpenGraphLocale
{
    public static string? Of(string language)
    {
        var parts = language.Split('-');
        if (parts.Length < 2 || parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
            return null;
        // The region is the first two-letter (or three-digit) subtag after the language and an
        // optional script: zh-Hant-TW is zh_TW.
        var region = parts.Skip(1).FirstOrDefault(p => (p.Length == 2 && p.All(char.IsAsciiLetter)) || (p.Length == 3 && p.All(char.IsAsciiDigit)));
        return region is null ? null : parts[0].ToLowerInvariant() + "_" + region.ToUpperInvariant();
    }
}
