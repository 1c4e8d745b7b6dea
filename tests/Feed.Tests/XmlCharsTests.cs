namespace Feed.Tests;

public class XmlCharsTests
{
    [Theory]
    [InlineData("bell \u0007 here", "bell  here")]
    [InlineData("not a char \uFFFE", "not a char ")]
    [InlineData("C1 control \u0085 and \u009F", "C1 control  and ")]
    [InlineData("replacement \uFFFD mark", "replacement  mark")]
    [InlineData("emoji 📰 and Urdu اُردو stay", "emoji 📰 and Urdu اُردو stay")]
    [InlineData("no-break\u00A0space stays", "no-break\u00A0space stays")]
    public void Strip_removes_what_xml_forbids_or_validators_flag(string text, string expected) =>
        Assert.Equal(expected, XmlChars.Strip(text));
}
