using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace Feed;

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
        Write(new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false));

    public static byte[] Atom(SyndicationFeed feed) => Write(new Atom10FeedFormatter(feed));

    static byte[] Write(SyndicationFeedFormatter formatter)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            formatter.WriteTo(writer);
        }
        return buffer.ToArray();
    }
}
