using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml.Linq;

namespace Feed.Formats.Syndication;

/// <summary>
/// The extension elements Feed adds to the formatters' output (content:encoded, dc:creator,
/// Media RSS, atom:link, the RSS enclosure). Each is an <see cref="XElement"/> handed over
/// through an <see cref="System.Xml.XmlReader"/>: the formatters' object-based extensions go
/// through DataContractSerializer, which native AOT cannot use.
/// </summary>
public static class ExtensionElements
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    public const string MediaNamespace = "http://search.yahoo.com/mrss/";

    /// <summary>The prefixes every RSS document declares on &lt;rss&gt; (as the RSS Profile asks).</summary>
    public static readonly IReadOnlyList<(string Prefix, string Namespace)> RssNamespaces =
    [
        ("atom", AtomNamespace), ("content", ContentNamespace), ("dc", DublinCoreNamespace), ("media", MediaNamespace),
    ];

    /// <summary>Apple's podcast tags (https://help.apple.com/itc/podcasts_connect/#/itcb54353390).</summary>
    public const string ItunesNamespace = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    /// <summary>The Podcasting 2.0 namespace (https://podcastindex.org/namespace/1.0).</summary>
    public const string PodcastNamespace = "https://podcastindex.org/namespace/1.0";

    /// <summary>The prefixes the podcast feed declares on &lt;rss&gt;: the news feeds' and the two podcast namespaces.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Namespace)> PodcastNamespaces =
        [.. RssNamespaces, ("itunes", ItunesNamespace), ("podcast", PodcastNamespace)];

    /// <summary>The prefixes every Atom document declares on &lt;feed&gt;.</summary>
    public static readonly IReadOnlyList<(string Prefix, string Namespace)> AtomNamespaces = [("media", MediaNamespace)];

    /// <param name="element">The element to write.</param>
    /// <param name="prefixed">
    /// Whether it keeps its usual prefix (media:content, atom:link in RSS); false for an element
    /// of the document's own default namespace, such as Atom's icon in an Atom feed.
    /// </param>
    public static SyndicationElementExtension Of(XElement element, bool prefixed = true)
    {
        // The prefix travels with the element, so it is written as media:content, not with a
        // default namespace of its own; ProfileXmlWriter drops the repeated declaration.
        if (prefixed && element.Name.NamespaceName is { Length: > 0 } ns && Prefix(ns) is { } prefix)
            element.SetAttributeValue(XNamespace.Xmlns + prefix, ns);
        return new SyndicationElementExtension(element.CreateReader());
    }

    static string? Prefix(string ns) =>
        PodcastNamespaces.FirstOrDefault(n => n.Namespace == ns).Prefix;

    public static SyndicationElementExtension Element(string ns, string name, string text) =>
        Of(new XElement(XName.Get(name, ns), text));

    /// <summary>
    /// The lead image as Media RSS (https://www.rssboard.org/media-rss): media:content with
    /// medium="image" and a media:thumbnail, with width and height when the front matter gives
    /// them, as MSN, Flipboard and Google News read a lead image.
    /// </summary>
    public static IEnumerable<SyndicationElementExtension> Media(NewsItem item)
    {
        if (MediaEnclosure(item) is { } enclosure)
            yield return enclosure;
        if (item.Image is not { } image)
            yield break;
        // The image's alt text as its media:description (Media RSS: a description of this media
        // object, plain text), which MSN and Flipboard show as the caption.
        yield return Of(new XElement(XName.Get("content", MediaNamespace),
            new XAttribute("url", image.Url.AbsoluteUri), new XAttribute("medium", "image"), Size(image),
            string.IsNullOrWhiteSpace(image.Alt) ? null
                : new XElement(XName.Get("description", MediaNamespace), new XAttribute("type", "plain"), image.Alt)));
        yield return Of(new XElement(XName.Get("thumbnail", MediaNamespace),
            new XAttribute("url", image.Url.AbsoluteUri), Size(image)));
    }

    /// <summary>
    /// An audio or video enclosure with a known running time, as Media RSS media:content with its
    /// duration in seconds (https://www.rssboard.org/media-rss#optional-attributes): readers that
    /// show a length read it there. Written before the lead image, which readers look for by medium.
    /// </summary>
    static SyndicationElementExtension? MediaEnclosure(NewsItem item)
    {
        if (item is not { Enclosure: { } enclosure, Duration: { } duration })
            return null;
        var medium = enclosure.MediaType.StartsWith("audio/", StringComparison.Ordinal) ? "audio"
            : enclosure.MediaType.StartsWith("video/", StringComparison.Ordinal) ? "video" : null;
        if (medium is null)
            return null;
        return Of(new XElement(XName.Get("content", MediaNamespace),
            new XAttribute("url", enclosure.Url.AbsoluteUri), new XAttribute("type", enclosure.MediaType), new XAttribute("medium", medium),
            enclosure.Length > 0 ? new XAttribute("fileSize", enclosure.Length.ToString(CultureInfo.InvariantCulture)) : null,
            new XAttribute("duration", Items.MediaDuration.Seconds(duration))));
    }

    static IEnumerable<XAttribute> Size(LeadImage image)
    {
        if (image.Width is { } width)
            yield return new XAttribute("width", width.ToString(CultureInfo.InvariantCulture));
        if (image.Height is { } height)
            yield return new XAttribute("height", height.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>An RFC 822 date as the RSS Profile writes it: a numeric zone, "+0000" for UTC.</summary>
    public static string Rfc822(DateTimeOffset time) =>
        time.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
        + (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    public static SyndicationElementExtension AtomLink(string rel, Uri href, string? type) =>
        Of(new XElement(XName.Get("link", AtomNamespace),
            new XAttribute("href", href.AbsoluteUri),
            new XAttribute("rel", rel),
            type is null ? null : new XAttribute("type", type)));

    /// <summary>
    /// RSS 2.0's enclosure, written here because the formatter leaves out length when it is 0,
    /// and RSS 2.0 requires it: the RSS Profile says length="0" when the size is unknown.
    /// </summary>
    public static SyndicationElementExtension RssEnclosure(Enclosure enclosure) =>
        Of(new XElement("enclosure",
            new XAttribute("url", enclosure.Url.AbsoluteUri),
            new XAttribute("length", enclosure.Length.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("type", enclosure.MediaType)));
}
