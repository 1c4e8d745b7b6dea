using System.Text;
using System.Xml;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Formats;

/// <summary>
/// /feeds.opml: every feed of the site as an OPML 2.0 subscription list (http://opml.org/spec2.opml),
/// which feed readers import (newsboat -i, Feedly, NetNewsWire): one outline per feed, type="rss"
/// (OPML's type for any feed), its RSS URL, grouped in an outline per kind as readers' folders.
/// </summary>
public static class OpmlWriter
{
    public static byte[] Write(IReadOnlyList<FeedListEntry> entries, FeedSettings settings)
    {
        var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("opml");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("head");
            xml.WriteElementString("title", $"{settings.Title}: every feed");
            xml.WriteElementString("docs", "http://opml.org/spec2.opml");
            xml.WriteEndElement();
            xml.WriteStartElement("body");
            foreach (var group in entries.GroupBy(e => e.Group))
            {
                var nested = group.Key is not ("Site" or "Podcast");
                if (nested)
                {
                    xml.WriteStartElement("outline");
                    xml.WriteAttributeString("text", group.Key);
                }
                foreach (var entry in group)
                {
                    xml.WriteStartElement("outline");
                    xml.WriteAttributeString("type", "rss");
                    xml.WriteAttributeString("text", entry.Title);
                    xml.WriteAttributeString("title", entry.Title);
                    xml.WriteAttributeString("xmlUrl", SitePaths.Absolute(settings.BaseUrl, entry.Feeds.Single(f => f.Format == FeedFormat.Rss).Path).AbsoluteUri);
                    xml.WriteAttributeString("htmlUrl", SitePaths.Absolute(settings.BaseUrl, entry.Page).AbsoluteUri);
                    xml.WriteEndElement();
                }
                if (nested)
                    xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return output.ToArray();
    }
}
