using System.Globalization;
using System.Text;

namespace Feed.Formats.Html;

/// <summary>
/// An enclosure in a story's page: played there (&lt;audio controls&gt; or &lt;video controls&gt;,
/// which the pages' policy allows: media-src), and offered as a download whatever its kind.
/// </summary>
public static class MediaPlayer
{
    /// <summary>"audio" or "video" for a type a page plays, else null.</summary>
    public static string? ElementOf(string mediaType) =>
        mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? "audio"
        : mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) ? "video"
        : null;

    public static void Append(StringBuilder html, Enclosure enclosure)
    {
        var url = HtmlText.Escape(enclosure.Url.AbsoluteUri);
        var element = ElementOf(enclosure.MediaType);
        html.Append("<figure class=\"enclosure\">");
        // preload="metadata": the length and first frame, not the whole file, for every reader of the page.
        if (element is not null)
            html.Append('<').Append(element).Append(" controls preload=\"metadata\" src=\"").Append(url).Append("\"></").Append(element).Append('>');
        html.Append("<figcaption><a href=\"").Append(url).Append("\" download type=\"").Append(HtmlText.Escape(enclosure.MediaType)).Append("\">Download the ")
            .Append(element ?? "file");
        if (enclosure.Length > 0)
            html.Append(" (").Append(Size(enclosure.Length)).Append(')');
        html.Append("</a></figcaption></figure>\n");
    }

    static string Size(long bytes) =>
        bytes >= 1_000_000 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_000_000.0:0.#} MB")
        : bytes >= 1_000 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_000.0:0.#} kB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
