using System.Text;
using System.Xml;

namespace Feed;

/// <summary>
/// /sitemap.xml (https://www.sitemaps.org/protocol.html): every page once, item pages with the
/// time their story last changed. Feeds are not pages and are left out.
/// </summary>
public static class SitemapWriter
{
    const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <param name="pages">The paths of the listing pages (index, tags, tag pages, numbered pages).</param>
    /// <param name="items">Every published item, each listed at its page.</param>
    /// <param name="settings">The site settings, for absolute URLs.</param>
    public static byte[] Write(IEnumerable<string> pages, IReadOnlyList<NewsItem> items, FeedSettings settings)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("urlset", Namespace);
            foreach (var path in pages)
                Url(xml, SitePaths.Absolute(settings.BaseUrl, path), null);
            foreach (var item in items)
                Url(xml, item.PageUrl, item.Updated);
            xml.WriteEndElement();
        }
        return output.ToArray();
    }

    static void Url(XmlWriter xml, Uri location, DateTimeOffset? lastModified)
    {
        xml.WriteStartElement("url", Namespace);
        xml.WriteElementString("loc", Namespace, location.AbsoluteUri);
        // W3C Datetime, as the protocol asks.
        if (lastModified is { } time)
            xml.WriteElementString("lastmod", Namespace, ItemDate.Rfc3339String(time));
        xml.WriteEndElement();
    }
}
