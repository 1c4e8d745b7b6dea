using System.Text;
using System.Xml;
using Feed.Items;
using Feed.Site;

namespace Feed.Formats;

/// <summary>
/// /sitemap.xml (https://www.sitemaps.org/protocol.html): every page once, item pages with the
/// time their story last changed. Feeds are not pages and are left out.
/// </summary>
public static class SitemapWriter
{
    const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The protocol's limit of URLs in one sitemap file; past it, /sitemap.xml is an index of parts.</summary>
    public const int MaxUrls = 50_000;

    /// <summary>
    /// The pages split into sitemap files of at most <paramref name="maxUrls"/> URLs: one part
    /// when they fit, so /sitemap.xml is the sitemap itself; else parts for an index.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<string> Pages, IReadOnlyList<NewsItem> Items)> Parts(
        IReadOnlyList<string> pages, IReadOnlyList<NewsItem> items, int maxUrls = MaxUrls)
    {
        var parts = new List<(IReadOnlyList<string>, IReadOnlyList<NewsItem>)>();
        for (var start = 0; start == 0 || start < pages.Count + items.Count; start += maxUrls)
        {
            var end = Math.Min(start + maxUrls, pages.Count + items.Count);
            var partPages = pages.Skip(start).Take(Math.Max(0, Math.Min(end, pages.Count) - start)).ToList();
            var itemStart = Math.Max(0, start - pages.Count);
            var partItems = items.Skip(itemStart).Take(Math.Max(0, end - pages.Count - itemStart)).ToList();
            parts.Add((partPages, partItems));
        }
        return parts;
    }

    /// <summary>A sitemap index (sitemaps.org, "Using Sitemap index files") of <paramref name="parts"/> parts.</summary>
    public static byte[] WriteIndex(int parts, FeedSettings settings)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("sitemapindex", Namespace);
            for (var part = 1; part <= parts; part++)
            {
                xml.WriteStartElement("sitemap", Namespace);
                xml.WriteElementString("loc", Namespace, SitePaths.Absolute(settings.BaseUrl, SitePaths.SitemapPart(part)).AbsoluteUri);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return output.ToArray();
    }

    /// <param name="pages">The paths of the listing pages (index, tags, tag pages, numbered pages).</param>
    /// <param name="items">Every published item, each listed at its page.</param>
    /// <param name="settings">The site settings, for absolute URLs.</param>
    public static byte[] Write(IEnumerable<string> pages, IReadOnlyList<NewsItem> items, FeedSettings settings)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("urlset", Namespace);
            if (items.Any(i => Images(i).Any()))
                xml.WriteAttributeString("xmlns", "image", null, ImageNamespace);
            foreach (var path in pages)
                Url(xml, SitePaths.Absolute(settings.BaseUrl, path), null, null);
            foreach (var item in items)
                Url(xml, item.PageUrl, item.Updated, item);
            xml.WriteEndElement();
        }
        return output.ToArray();
    }

    // Google's image sitemap extension: the pictures a page shows, so image search finds the
    // files beside the stories (https://developers.google.com/search/docs/crawling-indexing/sitemaps/image-sitemaps).
    const string ImageNamespace = "http://www.google.com/schemas/sitemap-image/1.1";

    /// <summary>A story's lead image and the images of its body, each once.</summary>
    static IEnumerable<Uri> Images(NewsItem item) =>
        item.Media.Where(m => m.What != "enclosure").Select(m => m.Url).Distinct();

    static void Url(XmlWriter xml, Uri location, DateTimeOffset? lastModified, NewsItem? item)
    {
        xml.WriteStartElement("url", Namespace);
        xml.WriteElementString("loc", Namespace, location.AbsoluteUri);
        // W3C Datetime, as the protocol asks.
        if (lastModified is { } time)
            xml.WriteElementString("lastmod", Namespace, ItemDate.Rfc3339String(time));
        foreach (var image in item is null ? [] : Images(item))
        {
            xml.WriteStartElement("image", "image", ImageNamespace);
            xml.WriteElementString("image", "loc", ImageNamespace, image.AbsoluteUri);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}
