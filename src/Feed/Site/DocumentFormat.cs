namespace Feed.Site;

/// <summary>
/// A format Feed serves documents in, as Hugo's output formats are: the one table of formats'
/// names, media types, feed file names, link relations and metrics kinds. Content-Type headers,
/// the type of a page's feed links, a feed's file name and the metrics' kind tag are all read here.
/// </summary>
/// <param name="Name">As a subscribe link names it: "RSS", "Atom", "JSON Feed".</param>
/// <param name="MediaType">The Content-Type served, with its charset.</param>
/// <param name="MetricsKind">The value of the feed.document.kind tag its responses are counted under.</param>
/// <param name="FileName">The file a feed's folder holds it as (/tags/SLUG/feed.xml); null for a format that is not a feed's.</param>
/// <param name="Rel">The relation a page links to it with; null when pages do not link to it.</param>
public sealed record DocumentFormat(string Name, string MediaType, string MetricsKind, string? FileName = null, string? Rel = null)
{
    public static readonly DocumentFormat Rss = new("RSS", "application/rss+xml; charset=utf-8", "rss", "feed.xml", "alternate");
    public static readonly DocumentFormat Atom = new("Atom", "application/atom+xml; charset=utf-8", "atom", "atom.xml", "alternate");
    public static readonly DocumentFormat JsonFeed = new("JSON Feed", "application/feed+json; charset=utf-8", "json", "feed.json", "alternate");
    public static readonly DocumentFormat Html = new("HTML", "text/html; charset=utf-8", "html");
    public static readonly DocumentFormat Sitemap = new("Sitemap", "application/xml; charset=utf-8", "sitemap");
    // The feed list and robots.txt are counted with the pages.
    public static readonly DocumentFormat Opml = new("OPML", "text/x-opml; charset=utf-8", "html");
    public static readonly DocumentFormat Text = new("Text", "text/plain; charset=utf-8", "html");

    /// <summary>The three formats of every feed, in <see cref="FeedFormat"/>'s order, which is the order pages offer them in.</summary>
    public static readonly IReadOnlyList<DocumentFormat> Feeds = [Rss, Atom, JsonFeed];

    /// <summary>The same three, as the writers know them.</summary>
    public static readonly IReadOnlyList<FeedFormat> FeedFormats = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.Json];

    public static readonly IReadOnlyList<DocumentFormat> All = [Rss, Atom, JsonFeed, Html, Sitemap, Opml, Text];

    /// <summary>The media type without its parameters, as a link's type attribute writes it.</summary>
    public string Type { get; } = MediaType.Split(';')[0];

    /// <summary>Feeds and archives: documents for programs, which other origins may fetch (CORS).</summary>
    public bool IsForPrograms => FileName is not null;

    public static DocumentFormat Of(FeedFormat format) => Feeds[(int)format];

    /// <summary>The format served with this media type, or null.</summary>
    public static DocumentFormat? OfMediaType(string mediaType)
    {
        // Representations carry the table's own strings, so a reference comparison nearly always decides.
        foreach (var format in All)
        {
            if (ReferenceEquals(format.MediaType, mediaType))
                return format;
        }
        foreach (var format in All)
        {
            if (format.MediaType == mediaType)
                return format;
        }
        return null;
    }
}
