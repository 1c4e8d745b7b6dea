using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace Feed.Formats.Syndication;

/// <summary>
/// A <see cref="SyndicationFeed"/> to bytes: UTF-8 without a BOM, into memory (the formatters
/// only write synchronously, and Kestrel refuses synchronous writes to a response).
/// </summary>
public static class FeedWriter
{
    static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    public static byte[] Rss(SyndicationFeed feed) =>
        Write(new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false), ExtensionElements.RssNamespaces, rss: true);

    /// <summary>The podcast feed: RSS 2.0 with the itunes and podcast prefixes declared on &lt;rss&gt; too.</summary>
    public static byte[] Podcast(SyndicationFeed feed) =>
        Write(new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false), ExtensionElements.PodcastNamespaces, rss: true);

    public static byte[] Atom(SyndicationFeed feed) => Write(new Atom10FeedFormatter(feed), ExtensionElements.AtomNamespaces, rss: false);

    static byte[] Write(SyndicationFeedFormatter formatter, IReadOnlyList<(string, string)> rootNamespaces, bool rss)
    {
        using var buffer = new MemoryStream();
        using (var writer = new ProfileXmlWriter(XmlWriter.Create(buffer, Settings), rootNamespaces, rss))
        {
            formatter.WriteTo(writer);
        }
        return buffer.ToArray();
    }
}
