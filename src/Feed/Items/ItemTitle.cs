using System.Buffers;
using Feed.Items.Text;

namespace Feed.Items;

/// <summary>A title as readers' lists show it: one line of plain text.</summary>
internal static class ItemTitle
{
    // U+202A-202E (embeddings, overrides) and U+2066-2069 (isolates): in a plain-text title they
    // reorder what a reader's list shows. The marks U+200E and U+200F stay: they only set a
    // direction, and right-to-left titles may need them.
    static readonly SearchValues<char> BidiControls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>The title with XML-forbidden characters and bidirectional controls removed, whitespace collapsed.</summary>
    public static string Clean(string title) => TextCut.CollapseWhitespace(WithoutBidiControls(XmlChars.Strip(title)));

    // The range first: a plain comparison, where the set costs byte shuffles in the native build.
    static string WithoutBidiControls(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u202A', '\u2069') < 0 || text.AsSpan().IndexOfAny(BidiControls) < 0
            ? text
            : string.Concat(text.Where(c => !BidiControls.Contains(c)));
}
