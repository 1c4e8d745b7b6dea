using System.Globalization;

namespace Feed.Site;

/// <summary>
/// The URL space, in one place: every path Feed serves, its absolute URL and the file an export
/// writes it to (what each kind of path is, its format and routes, <see cref="DocumentKind"/> says).
/// Pages, feeds, export, WebSub pings and the endpoints all ask here; nothing else builds a path.
/// </summary>
public static class SitePaths
{
    public const string Rss = "/feed.xml";
    public const string Atom = "/atom.xml";
    public const string Json = "/feed.json";

    /// <summary>The audio stories as a podcast (RSS 2.0 with Apple's and the Podcasting 2.0 tags), when Feed:Podcast is set.</summary>
    public const string Podcast = "/podcast.xml";
    public const string Index = "/";
    public const string Health = "/healthz";

    /// <summary>Every tag with its count of stories.</summary>
    public const string Tags = "/tags";

    /// <summary>Every page, for search engines (https://www.sitemaps.org/protocol.html).</summary>
    public const string Sitemap = "/sitemap.xml";

    /// <summary>The HTML answer to a browser's request for an unknown path, exported for static hosts that serve it so.</summary>
    public const string NotFoundFile = "404.html";

    /// <summary>The route of the item URLs of earlier versions (/items/SLUG), redirected to today's.</summary>
    public const string LegacyItemRoute = "/items/{slug}";

    /// <summary>The folder of a feed: "/" for the site's, "/tags/SLUG/" for a tag's.</summary>
    public static string FeedFolder(string? tagSlug) => tagSlug is null ? "/" : $"/tags/{tagSlug}/";

    public static string Feed(string? tagSlug, FeedFormat format) =>
        FeedFolder(tagSlug) + DocumentFormat.Of(format).FileName;

    public static string TagPage(string slug) => "/tags/" + slug;

    /// <summary>An author's page, /authors/SLUG (the slug of the byline's name); bylines and JSON-LD link here.</summary>
    public static string AuthorPage(string slug) => Listing.Author(slug).Page;

    /// <summary>Every feed of the site, as a page and as OPML 2.0.</summary>
    public const string FeedList = "/feeds";

    public const string FeedListOpml = "/feeds.opml";

    /// <summary>Google News sitemap: the stories of the last two days.</summary>
    public const string NewsSitemap = "/sitemap-news.xml";

    public const string Robots = "/robots.txt";

    /// <summary>
    /// One page of older stories: /page/N for the site, /tags/SLUG/page/N for a tag. Numbered from
    /// the oldest (page 1 holds the oldest stories), so a page keeps its stories as new ones are
    /// published: only the first page (the index or the tag page) moves.
    /// </summary>
    public static string ListPage(string? tagSlug, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{(tagSlug is null ? "" : TagPage(tagSlug))}/page/{number}");

    /// <summary>One part of a sitemap too large for one file: /sitemap/N.xml, listed by the index at /sitemap.xml.</summary>
    public static string SitemapPart(int number) => string.Create(CultureInfo.InvariantCulture, $"/sitemap/{number}.xml");

    /// <summary>The first page of a listing: the index for the site, the tag page for a tag.</summary>
    public static string FirstListPage(string? tagSlug) => tagSlug is null ? Index : TagPage(tagSlug);

    /// <summary>RFC 5005 archive of one calendar month (UTC): /archive/2024/06.xml.</summary>
    public static string Archive(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"/archive/{year:D4}/{month:D2}.xml");

    /// <summary>The same month as JSON Feed, paged through next_url: /archive/2024/06.json.</summary>
    public static string ArchiveJson(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"/archive/{year:D4}/{month:D2}.json");

    /// <summary>
    /// An item's page: /YYYY/MM/DD/SLUG, dated by the published instant's UTC date, the news
    /// convention. It depends on the item's own file alone, so no other file can move it.
    /// </summary>
    public static string Item(DateTimeOffset published, string slugPath)
    {
        var utc = published.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"/{utc:yyyy}/{utc:MM}/{utc:dd}/{slugPath}");
    }

    /// <summary>True for a path of the form <see cref="Item"/> makes, /YYYY/MM/DD/SLUG.</summary>
    public static bool IsDatedItem(string pagePath) =>
        pagePath.Length > 12 && pagePath[0] == '/' && pagePath[5] == '/' && pagePath[8] == '/' && pagePath[11] == '/'
        && pagePath.AsSpan(1, 4).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>
    /// A path a story or feed had on an earlier site, as front matter or settings write it
    /// ("/2024/03/flood/", "old-story.html", "/feed/"), in the form requests arrive in: from the
    /// root, percent-decoded, without a trailing slash (either form then finds it). Null when it
    /// is not a path on this site: a URL, a query, "..", the site's root.
    /// </summary>
    public static string? OldPath(string text)
    {
        if (text.Length == 0 || text.Contains("://", StringComparison.Ordinal) || text.StartsWith("//", StringComparison.Ordinal)
            || text.AsSpan().IndexOfAny("?#\\ \t") >= 0)
            return null;
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return null;
        }
        var path = "/" + decoded.Trim('/');
        return path == "/" || path.Split('/').Any(s => s is "." or "..") || path.AsSpan().IndexOfAny('\0', '\r', '\n') >= 0 ? null : path;
    }

    /// <summary>The absolute URL of a path, each segment percent-encoded (RFC 3986 3.3).</summary>
    public static Uri Absolute(Uri baseUrl, string path) => new(baseUrl, Escape(path)[1..]);

    public static string Escape(string path) =>
        // Slugs are nearly always unreserved characters already (RFC 3986 2.3), which escaping leaves as they are.
        path.AsSpan().ContainsAnyExcept(Unreserved) ? string.Join('/', path.Split('/').Select(Uri.EscapeDataString)) : path;

    static readonly System.Buffers.SearchValues<char> Unreserved =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");

    public static bool IsArchive(string path) => path.StartsWith("/archive/", StringComparison.Ordinal);

    /// <summary>
    /// Where an export writes a path's document: pages become index.html in their folder, so
    /// /tags/x and /2024/06/27/x work on hosts that serve a folder's index.html.
    /// </summary>
    public static string ExportFile(string path) =>
        DocumentKind.Of(path).Format == DocumentFormat.Html ? (path == Index ? "index.html" : path[1..] + "/index.html") : path[1..];
}
