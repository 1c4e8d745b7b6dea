using System.Text;
using System.Text.RegularExpressions;

namespace Feed;

/// <summary>
/// Wire copy as it arrives: paragraphs separated by blank lines, and a short line with no
/// closing punctuation between two paragraphs read as a subheading.
/// </summary>
public static partial class PlainTextStory
{
    const int SubheadingMaxLength = 100;

    /// <summary>The optional "date YYYY-MM-DD" marker that opens a wire story.</summary>
    [GeneratedRegex(@"\A\s*date[ \t]+(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?=\s|\z)[ \t]*", RegexOptions.IgnoreCase)]
    public static partial Regex DateMarker();

    public static StoryBody Read(string text)
    {
        var paragraphs = Paragraphs(text);
        var html = new StringBuilder();
        string? firstParagraph = null;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var paragraph = paragraphs[i];
            if (i > 0 && i < paragraphs.Count - 1 && IsSubheading(paragraph))
            {
                html.Append("<h2>").Append(Html.Escape(paragraph)).Append("</h2>\n");
                continue;
            }
            firstParagraph ??= paragraph;
            html.Append("<p>").Append(Html.Escape(paragraph)).Append("</p>\n");
        }
        return new StoryBody(html.ToString(), Heading: null, firstParagraph);
    }

    static List<string> Paragraphs(string text) =>
        BlankLines().Split(text.Trim())
            .Select(TextCut.CollapseWhitespace)
            .Where(p => p.Length > 0)
            .ToList();

    static bool IsSubheading(string paragraph) =>
        paragraph.Length <= SubheadingMaxLength && char.IsLetterOrDigit(paragraph[^1]);

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n\s*")]
    private static partial Regex BlankLines();
}
