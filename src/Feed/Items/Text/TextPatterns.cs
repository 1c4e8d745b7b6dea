using System.Text.RegularExpressions;

namespace Feed.Items.Text;

/// <summary>The small syntax checks that item files and settings share.</summary>
public static partial class TextPatterns
{
    /// <summary>An RFC 3986 scheme ("https:", "mailto:", "tag:"): the text is an absolute URI, not a path.</summary>
    public static bool HasScheme(string text) => Scheme().IsMatch(text);

    /// <summary>A BCP 47 language tag such as en or ur-PK.</summary>
    public static bool IsLanguageTag(string text) => LanguageTag().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
