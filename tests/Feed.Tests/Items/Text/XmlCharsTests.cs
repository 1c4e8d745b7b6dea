using Feed.Items.Text;
namespace Feed.Tests.Items.Text;

public class XmlCharsTests
{
    [Theory]
    [InlineData("bell \u0007 here", "bell  here")]
    [InlineData("not a char \uFFFE", "not a char ")]
    [InlineData("C1 control \u0085 and \u009F", "C1 control  and ")]
    [InlineData("replacement \uFFFD mark", "replacement  mark")]
    [InlineData("emoji 📰 and Urdu اُردو stay", "emoji 📰 and Urdu اُردو stay")]
    [InlineData("no-break\u00A0space stays", "no-break\u00A0space stays")]
    [InlineData("tab\tline\ncr\r del\u007F kept", "tab\tline\ncr\r del\u007F kept")]
    [InlineData("edges \u00A0\uD7FF\uE000\uFFFC kept, \u0080\uFFFF\u0000 gone", "edges \u00A0\uD7FF\uE000\uFFFC kept,  gone")]
    [InlineData("lone \uD83D high, lone \uDCF0 low", "lone  high, lone  low")]
    [InlineData("a long run of plain text past one vector, then a bell at its very end\u0007", "a long run of plain text past one vector, then a bell at its very end")]
    [InlineData("اردو کی ایک لمبی سطر جو ایک ویکٹر سے لمبی ہے\u0085", "اردو کی ایک لمبی سطر جو ایک ویکٹر سے لمبی ہے")]
    public void Strip_removes_what_xml_forbids_or_validators_flag(string text, string expected) =>
        Assert.Equal(expected, XmlChars.Strip(text));

    [Fact]
    public void Strip_keeps_exactly_the_allowed_characters_of_random_text()
    {
        // The vectorized scan against the rule written out one character at a time.
        var random = new Random(14);
        char[] pool = ['a', ' ', '\t', '\n', '\r', '\u0001', '\u007F', '\u0080', '\u009F', '\u00A0', 'ü', 'ا', '\uD7FF',
            '\uD83D', '\uDCF0', '\uE000', '\uFFFC', '\uFFFD', '\uFFFE', '\uFFFF'];
        for (var n = 0; n < 2_000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => pool[random.Next(pool.Length)]).ToArray());
            Assert.Equal(Reference(text), XmlChars.Strip(text));
        }
    }

    [Fact]
    public void The_look_in_the_bytes_says_whether_strip_would_change_random_text()
    {
        var random = new Random(26);
        string[] pool = ["a", " ", "\t", "\n", "\r", "\u0001", "\u001F", "\u007F", "\u0080", "\u009F", "\u00A0", "\u00C2", "ü", "ń", "ا",
            "\uD7FF", "\uD83D\uDCF0", "\uE000", "\uFEFF", "\uFFBF", "\uFFFC", "\uFFFD", "\uFFFE", "\uFFFF", new string('x', 40)];
        for (var n = 0; n < 5_000; n++)
        {
            // Mostly printable text with a rare odd character, as stories are, and some short runs of anything.
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => random.Next(4) == 0 ? pool[random.Next(pool.Length)] : pool[^1]));
            if (random.Next(3) == 0)
                text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pool[random.Next(pool.Length)]));
            var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            Assert.Equal(!ReferenceEquals(XmlChars.Strip(text), text), XmlChars.MayNeedStripping(utf8));
        }
    }

    static string Reference(string text)
    {
        var kept = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                kept.Append(c).Append(text[++i]);
            else if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c < 0x80) || (c > 0x9F && c < 0xD800) || (c >= 0xE000 && c < 0xFFFD))
                kept.Append(c);
        }
        return kept.ToString();
    }
}
