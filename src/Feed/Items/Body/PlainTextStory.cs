using System.Text;
using System.Text.RegularExpressions;
using Feed.Formats.Html;
using Feed.Items.Text;

namespace Feed.Items.Body;

/// <summary>
/// Wire copy as it arrives (docs/items.md): an optional headline line, then paragraphs
/// separated by blank lines, a short line with no closing punctuation between two paragraphs
/// read as a subheading.
/// </summary>
public static partial class PlainTextStory
{
    const int SubheadingMaxLength = 100;

    /// <summary>
    /// The optional date marker that opens a wire story: "date 2024-06-27", "Date: 2024-06-27",
    /// or a date-time, with an offset or read in the configured zone ("date 2024-06-27T13:00:00+05:00").
    /// </summary>
    [GeneratedRegex(@"\A\s*date(?:[ \t]*:[ \t]*|[ \t]+)(?<date>" + ItemDate.DayPattern + "(?:" + ItemDate.TimeSeparator + ItemDate.TimePattern
        + "(?:[ ]?(?:" + ItemDate.OffsetPattern + @"))?)?)(?=\s|\z)[ \t]*", RegexOptions.IgnoreCase)]
    public static partial Regex DateMarker();

    /// <summary>Renders the story; no title is derived (the front matter gives one).</summary>
    public static StoryBody Read(string text) => Read(text, deriveTitle: false);

    /// <param name="text">The story, after any front matter and date marker.</param>
    /// <param name="deriveTitle">
    /// True when the story must give the title (returned as <see cref="StoryBody.Heading"/>): a
    /// headline line, which then leaves the body; else the first sentence, cut as a headline,
    /// which leaves the body too when it is the whole title, so the title is never read twice.
    /// </param>
    public static StoryBody Read(string text, bool deriveTitle)
    {
        var raw = BlankLines().Split(text.Trim()).Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        var paragraphs = raw.Select(TextCut.CollapseWhitespace).ToList();
        string? title = null;
        if (deriveTitle && paragraphs.Count > 0)
        {
            if (paragraphs.Count > 1 && IsHeadline(raw[0], paragraphs[0]))
            {
                title = paragraphs[0];
                paragraphs.RemoveAt(0);
            }
            else
            {
                var sentence = TextCut.FirstSentence(paragraphs[0]);
                var whole = TextCut.WithoutFinalStop(sentence);
                title = TextCut.TitleFrom(paragraphs[0]);
                var rest = paragraphs[0][sentence.Length..].Trim();
                if (title == whole && rest.Length > 0)
                    paragraphs[0] = rest;
                else if (title == whole && paragraphs.Count > 1)
                    paragraphs.RemoveAt(0);
            }
        }

        var html = new StringBuilder();
        string? firstParagraph = null;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var paragraph = paragraphs[i];
            if (i > 0 && i < paragraphs.Count - 1 && IsSubheading(paragraph))
            {
                html.Append("<h2>").Append(HtmlText.Escape(paragraph)).Append("</h2>\n");
                continue;
            }
            firstParagraph ??= paragraph;
            html.Append("<p>").Append(HtmlText.Escape(paragraph)).Append("</p>\n");
        }
        return new StoryBody(html.ToString(), title, firstParagraph);
    }

    // "A first line that is short, has no closing punctuation and is followed by a blank line".
    static bool IsHeadline(string raw, string line) =>
        !raw.Trim().Contains('\n', StringComparison.Ordinal) && line.Length <= TextCut.TitleLength && !TextCut.HasClosingPunctuation(line);

    static bool IsSubheading(string paragraph) =>
        paragraph.Length <= SubheadingMaxLength && !TextCut.HasClosingPunctuation(paragraph);

    [GeneratedRegex(@"\r?\n[ \t]*\r?\n\s*")]
    private static partial Regex BlankLines();
}
