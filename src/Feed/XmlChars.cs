using System.Text;

namespace Feed;

/// <summary>
/// Removes what XML 1.0 forbids (2.2 Char), so no item can make a feed malformed, and what it
/// discourages and feed validators flag (the W3C validator's BadCharacters): the C1 controls
/// U+0080 to U+009F, which are Windows-1252 text decoded wrongly, and U+FFFD, the mark of a
/// character already lost (a lone surrogate's entity decodes to it).
/// </summary>
public static class XmlChars
{
    public static string Strip(string text)
    {
        var firstBad = IndexOfForbidden(text);
        if (firstBad < 0)
            return text;

        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (IsAllowedBmp(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    /// <summary>
    /// The first character to remove, or -1. Runs of plain ASCII and of the BMP letters below
    /// the surrogates (almost every character of real text) are skipped with vectorized range
    /// scans; only the characters between runs are looked at one by one. A cold start reads
    /// every item's whole text through here once.
    /// </summary>
    static int IndexOfForbidden(string text)
    {
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            var run = c switch
            {
                >= '\x20' and < '\x80' => span[i..].IndexOfAnyExceptInRange('\x20', '\x7F'),
                > '\x9F' and <= '\uD7FF' => span[i..].IndexOfAnyExceptInRange('\xA0', '\uD7FF'),
                _ => 0,
            };
            if (run < 0)
                return -1;
            if (run > 0)
            {
                i += run;
                continue;
            }
            if (IsAllowedBmp(c))
                i++;
            else if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                i += 2;
            else
                return i;
        }
        return -1;
    }

    // Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF], less [#x80-#x9F] and #xFFFD.
    static bool IsAllowedBmp(char c) =>
        c is '\t' or '\n' or '\r' or (>= '\x20' and < '\x80') or (> '\x9F' and <= '\uD7FF') or (>= '\uE000' and < '\uFFFD');
}
