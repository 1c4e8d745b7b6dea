using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Feed.Items;
using Feed.Items.Text;
using Feed.Site;

namespace Feed.Formats.Html;

/// <summary>
/// schema.org JSON-LD for the pages (Google's article structured data): a NewsArticle on every
/// story page, a WebSite on the index. Written into a &lt;script type="application/ld+json"&gt;
/// data block, which browsers never run, so the pages' script-free CSP does not block it.
/// </summary>
public static class StructuredData
{
    static readonly JsonWriterOptions Options = new()
    {
        // The encoder escapes '<', '>', '&', quotes and '+' as \uXXXX whatever else it lets through,
        // so no text (a title holding "</script>") can close the block; letters of every script
        // stay as they are.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <param name="item">The story.</param>
    /// <param name="settings">The site settings (publisher name and logo, language).</param>
    /// <param name="canonical">The page's canonical URL (the external link when there is one).</param>
    public static string NewsArticle(NewsItem item, FeedSettings settings, Uri canonical) => Write(json =>
    {
        json.WriteString("@type", "NewsArticle");
        json.WriteString("headline", item.Title);
        if (item.Summary.Length > 0)
            json.WriteString("description", item.Summary);
        if (item.Image is { } image)
        {
            json.WriteStartObject("image");
            json.WriteString("@type", "ImageObject");
            json.WriteString("url", image.Url.AbsoluteUri);
            if (image.Width is { } width)
                json.WriteNumber("width", width);
            if (image.Height is { } height)
                json.WriteNumber("height", height);
            if (!string.IsNullOrWhiteSpace(image.Alt))
                json.WriteString("caption", image.Alt);
            json.WriteEndObject();
        }
        json.WriteString("datePublished", ItemDate.Rfc3339String(item.Published));
        json.WriteString("dateModified", ItemDate.Rfc3339String(item.Updated));
        json.WriteStartArray("author");
        foreach (var author in item.Authors)
        {
            json.WriteStartObject();
            json.WriteString("@type", "Person");
            json.WriteString("name", author.Name);
            if (Slug.From(author.Name) is { Length: > 0 } slug)
                json.WriteString("url", SitePaths.Absolute(settings.BaseUrl, SitePaths.AuthorPage(slug)).AbsoluteUri);
            if (author.Uri is { } own)
                json.WriteString("sameAs", own.AbsoluteUri);
            json.WriteEndObject();
        }
        // Google asks for an author; a story without a byline is the newsroom's own.
        if (item.Authors.Count == 0)
            Organization(json, settings);
        json.WriteEndArray();
        json.WritePropertyName("publisher");
        Organization(json, settings);
        json.WriteStartObject("mainEntityOfPage");
        json.WriteString("@type", "WebPage");
        json.WriteString("@id", canonical.AbsoluteUri);
        json.WriteEndObject();
        json.WriteString("url", canonical.AbsoluteUri);
        json.WriteString("inLanguage", item.Language ?? settings.Language);
        if (item.Tags.Count > 0)
            json.WriteString("keywords", string.Join(", ", item.Tags));
    });

    /// <summary>The index page: the site itself (schema.org WebSite).</summary>
    public static string WebSite(FeedSettings settings) => Write(json =>
    {
        json.WriteString("@type", "WebSite");
        json.WriteString("name", settings.Title);
        json.WriteString("url", settings.BaseUrl.AbsoluteUri);
        if (settings.Description.Length > 0)
            json.WriteString("description", settings.Description);
        json.WriteString("inLanguage", settings.Language);
        json.WritePropertyName("publisher");
        Organization(json, settings);
    });

    static void Organization(Utf8JsonWriter json, FeedSettings settings)
    {
        json.WriteStartObject();
        json.WriteString("@type", "Organization");
        json.WriteString("name", settings.Title);
        json.WriteString("url", settings.BaseUrl.AbsoluteUri);
        if ((settings.Logo ?? settings.Icon) is { } logo)
        {
            json.WriteStartObject("logo");
            json.WriteString("@type", "ImageObject");
            json.WriteString("url", logo.AbsoluteUri);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            body(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The data block as it goes into a page's head.</summary>
    public static void AppendScript(StringBuilder html, string json) =>
        html.Append("<script type=\"application/ld+json\">").Append(json).Append("</script>\n");
}
