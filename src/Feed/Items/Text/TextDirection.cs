namespace Feed.Items.Text;

/// <summary>
/// The writing direction of a BCP 47 language tag, for HTML's <c>dir</c>: a page whose language
/// is Urdu or Arabic must say <c>dir="rtl"</c>, or browsers align and order it left to right.
/// </summary>
public static class TextDirection
{
    // Languages written right to left in their usual script (primary subtags, ISO 639).
    static readonly HashSet<string> RightToLeftLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks", "lrc",
        "mzn", "nqo", "pnb", "prs", "ps", "sd", "sdh", "skr", "syr", "ug", "ur", "yi",
    };

    // Script subtags (ISO 15924) written right to left; a script subtag overrides the language's
    // usual script, so "ku-Arab" is rtl and "az-Latn" or "ur-Latn" is not.
    static readonly HashSet<string> RightToLeftScripts = new(StringComparer.OrdinalIgnoreCase)
    {
        "Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi",
    };

    /// <summary>"rtl" or "ltr".</summary>
    public static string Of(string languageTag)
    {
        var subtags = languageTag.Split('-');
        if (subtags.Length > 1 && subtags[1].Length == 4 && subtags[1].All(char.IsAsciiLetter))
            return RightToLeftScripts.Contains(subtags[1]) ? "rtl" : "ltr";
        return RightToLeftLanguages.Contains(subtags[0]) ? "rtl" : "ltr";
    }

    public static bool IsRightToLeft(string languageTag) => Of(languageTag) == "rtl";
}
