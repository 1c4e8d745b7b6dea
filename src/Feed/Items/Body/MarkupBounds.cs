using System.Buffers;
using System.Globalization;

namespace Feed.Items.Body;

/// <summary>
/// A cheap look at a Markdown body, before Markdig or the sanitizer starts, for the shapes known
/// to cost them time out of proportion to the text: HTML nested deeper than any story
/// needs (250,000 nested &lt;b&gt; took the sanitizer 199 s and 365 MB) and long runs of link
/// openers never closed ("[a](" repeated: 160 KB took Markdig 17 s). Neither can be cancelled
/// once started, so such a body is refused here. One pass over the UTF-8 bytes, skipping to the
/// few bytes that matter.
/// </summary>
internal static class MarkupBounds
{
    /// <summary>Open HTML elements at once; articles nest a dozen or so.</summary>
    public const int MaxHtmlDepth = 1_000;

    /// <summary>Link destinations opened and not closed in one paragraph; a 1,000-link run costs Markdig milliseconds.</summary>
    public const int MaxUnclosedLinks = 1_000;

    static readonly SearchValues<byte> Interesting = SearchValues.Create("<])\n"u8);

    // Elements that never hold others: an opening tag is not a level.
    static readonly string[] Void = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

    /// <summary>Why <paramref name="utf8"/> would take too long to render, with its 0-based line, or null.</summary>
    public static (int Line, string Message)? Check(ReadOnlySpan<byte> utf8)
    {
        int depth = 0, unclosed = 0, line = 0, lineStart = 0;
        var at = 0;
        while (true)
        {
            var next = utf8[at..].IndexOfAny(Interesting);
            if (next < 0)
                return null;
            at += next;
            switch (utf8[at])
            {
                case (byte)'\n':
                    // A blank line ends the paragraph, and Markdig's search for link ends with it.
                    if (utf8[lineStart..at].Trim(" \t\r"u8).IsEmpty)
                        unclosed = 0;
                    line++;
                    lineStart = at + 1;
                    break;
                case (byte)')' when unclosed > 0:
                    unclosed--;
                    break;
                case (byte)']' when at + 1 < utf8.Length && utf8[at + 1] == '(':
                    if (++unclosed > MaxUnclosedLinks)
                        return (line, string.Create(CultureInfo.InvariantCulture,
                            $"opens more than {MaxUnclosedLinks:N0} links ('](') in one paragraph without closing them, which would take too long to render (Feed:MaxItemRenderTime); close each with ')'"));
                    break;
                case (byte)'<' when at + 1 < utf8.Length:
                    if (utf8[at + 1] == '/')
                    {
                        depth = Math.Max(0, depth - 1);
                    }
                    else if (char.IsAsciiLetter((char)utf8[at + 1]) && !IsVoid(utf8[(at + 1)..]) && ++depth > MaxHtmlDepth)
                    {
                        return (line, string.Create(CultureInfo.InvariantCulture,
                            $"nests HTML elements more than {MaxHtmlDepth:N0} deep, which would take too long to render (Feed:MaxItemRenderTime); simplify the markup"));
                    }
                    break;
            }
            at++;
        }
    }

    static bool IsVoid(ReadOnlySpan<byte> from)
    {
        var length = 0;
        while (length < from.Length && length <= 6 && char.IsAsciiLetterOrDigit((char)from[length]))
            length++;
        if (length > 6)
            return false;
        Span<char> name = stackalloc char[length];
        for (var i = 0; i < length; i++)
            name[i] = (char)from[i];
        foreach (var element in Void)
        {
            if (name.Equals(element, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
