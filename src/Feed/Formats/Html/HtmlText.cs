using System.Text;

namespace Feed.Formats.Html;

/// <summary>HTML escaping that leaves every non-ASCII character as itself (curly quotes stay curly).</summary>
public static class HtmlText
{
    /// <summary>Escapes only what text content needs (&amp;, &lt;, &gt;): plain text made HTML, quotes left readable.</summary>
    public static string EscapeText(string text) =>
        text.AsSpan().IndexOfAny("&<>") < 0 ? text
            : text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? (object)c);
        }
        return escaped.ToString();
    }
}
