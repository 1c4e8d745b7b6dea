using System.Text;
using System.Xml;
using Feed.Items;

namespace Feed.Formats;

/// <summary>
/// /sitemap-news.xml, a Google News sitemap: the sitemaps.org urlset with one news:news per story
/// (publication name and language, publication date, title).
/// </summary>
public static class NewsSitemapWriter
{
    const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    public static byte[] Write(IReadOnlyList<NewsItem> stories, FeedSettings settings)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("urlset", Namespace);
            xml.WriteAttributeString("xmlns", "news", null, NewsNamespace);
            foreach (var item in stories)
            {
                xml.WriteStartElement("url", Namespace);
                xml.WriteElementString("loc", Namespace, item.PageUrl.AbsoluteUri);
                xml.WriteStartElement("news", "news", NewsNamespace);
                xml.WriteStartElement("news", "publication", NewsNamespace);
                xml.WriteElementString("news", "name", NewsNamespace, settings.Title);
                xml.WriteElementString("news", "language", NewsNamespace, Language(item.Language ?? settings.Language));
                xml.WriteEndElement();
                xml.WriteElementString("news", "publication_date", NewsNamespace, ItemDate.Rfc3339String(item.Published));
                xml.WriteElementString("news", "title", NewsNamespace, item.Title);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return output.ToArray();
    }

    /// <summary>
    /// Google News wants an ISO 639 code ("en", "ur"), except zh-cn and zh-tw for Chinese in its
    /// two scripts; a BCP 47 tag is cut to its language.
    /// </summary>
    public static string Language(string tag)
    {
        var lower = tag.ToLowerInvariant();
        if (lower.StartsWith("zh", StringComparison.Ordinal))
            return lower.Contains("-tw", StringComparison.Ordinal) || lower.Contains("-hk", StringComparison.Ordinal) || lower.Contains("-hant", StringComparison.Ordinal) ? "zh-tw" : "zh-cn";
        var dash = lower.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? lower : lower[..dash];
    }
}
