using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Feed.Items.Body;

/// <summary>
/// Says when a story's published text is much shorter than its source's text (the
/// silent-loss class): an element the sanitizer removes with its content, or a tag that swallows
/// what follows, took words the author wrote, and nothing else would tell. Only Markdown with raw
/// HTML (a '&lt;' in it) can lose text this way: Markdown's own markup is all allowed.
/// </summary>
public static partial class TextLoss
{
    /// <summary>Below this many characters of text a story is not judged: a short one may lose a caption honestly.</summary>
    public const int MinimumSourceText = 200;

    /// <summary>Raised when a render lost text; the server logs it as a warning.</summary>
    public static event Action<ItemProblem>? Found;

    /// <summary>Whether a body can lose text to the sanitizer at all (it holds raw HTML).</summary>
    public static bool MayLose(string markdown) => markdown.Contains('<', StringComparison.Ordinal);

    /// <summary>Compares the rendered HTML before and after sanitizing, and raises <see cref="Found"/> on a loss.</summary>
    internal static void Check(string path, string markdown, int bodyLine, string unsanitized, string published)
    {
        if (Find(path, markdown, bodyLine, unsanitized, published) is { } problem)
            Found?.Invoke(problem);
    }

    /// <summary>
    /// The warning when the published text is under half of the source's text (both without markup)
    /// and the source holds at least <see cref="MinimumSourceText"/> characters of it; else null.
    /// </summary>
    internal static ItemProblem? Find(string path, string markdown, int bodyLine, string unsanitized, string published)
    {
        var source = PlainText(unsanitized);
        if (source.Length < MinimumSourceText)
            return null;
        var kept = PlainText(published);
        if (kept.Length * 2 >= source.Length)
            return null;
        // Where the loss starts: the first character the published text no longer has.
        var common = source.AsSpan().CommonPrefixLength(kept);
        var from = source[common..].TrimStart();
        var words = from[..Math.Min(from.Length, 40)].TrimEnd();
        var line = LineOf(markdown, words);
        return new ItemProblem(path, line is { } l ? bodyLine + l : null, string.Create(CultureInfo.InvariantCulture,
            $"loses text when published: {kept.Length:N0} of its {source.Length:N0} characters of text remain, from \"{words}\" on; an element the sanitizer removes with its content (script, style, textarea, title, iframe...) took them: write a tag you mean as text as `<tag>` in backticks or &lt;tag&gt;, or close it"),
            ProblemLevel.Warning);
    }

    // The line (from 0) where the lost words are in the Markdown, found by their first word.
    static int? LineOf(string markdown, string words)
    {
        var first = words.Split(' ', 2)[0];
        if (first.Length == 0)
            return null;
        var at = markdown.IndexOf(first, StringComparison.Ordinal);
        return at < 0 ? null : markdown.AsSpan(0, at).Count('\n');
    }

    static string PlainText(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
