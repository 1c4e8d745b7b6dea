using System.Text;

namespace Feed.Items.Text;

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

    /// <summary>
    /// Whether valid UTF-8 holds a character <see cref="Strip"/> removes (a control character,
    /// U+0080 to U+009F, U+FFFD to U+FFFF), looked for in the bytes without decoding them.
    /// </summary>
    public static bool MayNeedStripping(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (true)
        {
            // Printable ASCII is most of a story: one search skips it, with plain comparisons
            // (a set of bytes searched for costs byte shuffles, which the native build does slowly).
            var hit = utf8[i..].IndexOfAnyExceptInRange((byte)0x20, (byte)0x7F);
            if (hit < 0)
                return false;
            i += hit;
            var b = utf8[i];
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
                return true;
            // U+0080..U+009F are C2 80..C2 9F; U+FFFD..U+FFFF are EF BF BD..EF BF BF.
            if (b == 0xC2 && i + 1 < utf8.Length && utf8[i + 1] is >= 0x80 and <= 0x9F)
                return true;
            if (b == 0xEF && i + 2 < utf8.Length && utf8[i + 1] == 0xBF && utf8[i + 2] is >= 0xBD and <= 0xBF)
                return true;
            i++;
        }
    }

    // Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF], less [#x80-#x9F] and #xFFFD.
    static bool IsAllowedBmp(char c) =>
        c is '\t' or '\n' or '\r' or (>= '\x20' and < '\x80') or (> '\x9F' and <= '\uD7FF') or (>= '\uE000' and < '\uFFFD');
}
