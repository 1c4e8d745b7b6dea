namespace Feed.Site;

/// <summary>
/// A kind of document in the URL space: its format, the route patterns of its paths, and whether
/// readers subscribe to it. The server maps its routes from this table, and a test asks every
/// document of a built snapshot on both response roads, so a kind of document cannot be served
/// on one road and be unknown to the other.
/// </summary>
/// <param name="Name">What the kind is called.</param>
/// <param name="Format">The format its documents are served in.</param>
/// <param name="Routes">Its paths as route patterns; which of them exist only a snapshot knows.</param>
/// <param name="IsFeed">A feed a reader subscribes to: WebSub hubs are pinged about it and it names them.</param>
/// <param name="IsArchive">An RFC 5005 month: syndication, read by feed readers, but not pinged.</param>
public sealed record DocumentKind(string Name, DocumentFormat Format, IReadOnlyList<string> Routes, bool IsFeed = false, bool IsArchive = false)
{
    // The folders that hold a feed in each format: the site's, a tag's, an author's, a section's.
    static readonly string[] FeedFolders = ["", "/tags/{tag}", .. ListingKinds.Select(k => $"/{k}/{{slug}}")];

    static IEnumerable<string> ListingKinds => [Listing.AuthorKind, Listing.SectionKind];

    public static readonly DocumentKind RssFeed = FeedIn(DocumentFormat.Rss);
    public static readonly DocumentKind AtomFeed = FeedIn(DocumentFormat.Atom);
    public static readonly DocumentKind JsonFeed = FeedIn(DocumentFormat.JsonFeed);

    /// <summary>The audio stories as a podcast, when Feed:Podcast is set.</summary>
    public static readonly DocumentKind Podcast = new("podcast", DocumentFormat.Rss, [SitePaths.Podcast], IsFeed: true);

    public static readonly DocumentKind Archive = new("archive", DocumentFormat.Atom, ["/archive/{year:int}/{month:int}.xml"], IsArchive: true);
    public static readonly DocumentKind JsonArchive = new("json archive", DocumentFormat.JsonFeed, ["/archive/{year:int}/{month:int}.json"], IsArchive: true);

    /// <summary>The listings: the index, tags, authors, sections and their numbered pages, and /feeds.</summary>
    public static readonly DocumentKind Page = new("page", DocumentFormat.Html,
    [
        SitePaths.Index, "/page/{number:int}", SitePaths.Tags, "/tags/{tag}", "/tags/{tag}/page/{number:int}", SitePaths.FeedList,
        .. ListingKinds.SelectMany(k => new[] { "/" + k, $"/{k}/{{slug}}", $"/{k}/{{slug}}/page/{{number:int}}" }),
    ]);

    /// <summary>A story's own page, rendered on first request rather than with the snapshot.</summary>
    public static readonly DocumentKind Story = new("story", DocumentFormat.Html, ["/{year:int}/{month:int}/{day:int}/{**slug}"]);

    public static readonly DocumentKind Sitemap = new("sitemap", DocumentFormat.Sitemap, [SitePaths.Sitemap, "/sitemap/{number:int}.xml", SitePaths.NewsSitemap]);
    public static readonly DocumentKind FeedListOpml = new("feed list", DocumentFormat.Opml, [SitePaths.FeedListOpml]);
    public static readonly DocumentKind Robots = new("robots.txt", DocumentFormat.Text, [SitePaths.Robots]);

    static readonly DocumentKind[] Feeds = [RssFeed, AtomFeed, JsonFeed];

    public static readonly IReadOnlyList<DocumentKind> All = [RssFeed, AtomFeed, JsonFeed, Podcast, Archive, JsonArchive, Page, Story, Sitemap, FeedListOpml, Robots];

    /// <summary>A feed or an archive: a document for feed readers, which follow no HTML redirect page.</summary>
    public bool IsSyndication => IsFeed || IsArchive;

    static DocumentKind FeedIn(DocumentFormat format) =>
        new(format.Name + " feed", format, [.. FeedFolders.Select(f => $"{f}/{format.FileName}")], IsFeed: true);

    /// <summary>The kind of the document at a path (pages, stories' pages included, for any path it does not know).</summary>
    public static DocumentKind Of(string path)
    {
        if (path == SitePaths.Robots)
            return Robots;
        if (path == SitePaths.FeedListOpml)
            return FeedListOpml;
        if (path == SitePaths.NewsSitemap || path == SitePaths.Sitemap || path.StartsWith("/sitemap/", StringComparison.Ordinal))
            return Sitemap;
        if (SitePaths.IsArchive(path))
            return path.EndsWith(".json", StringComparison.Ordinal) ? JsonArchive : Archive;
        if (path == SitePaths.Podcast)
            return Podcast;
        foreach (var feed in Feeds)
        {
            if (path.Length > feed.Format.FileName!.Length && path[^(feed.Format.FileName.Length + 1)] == '/' && path.EndsWith(feed.Format.FileName, StringComparison.Ordinal))
                return feed;
        }
        return Page;
    }
}
