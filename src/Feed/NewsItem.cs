using Feed.Assets;
using Feed.Items.Body;
using Feed.Site;
namespace Feed;

/// <summary>One story, fully derived from its file: everything a feed or page shows of it.</summary>
public sealed record NewsItem
{
    /// <summary>An absolute URI that never changes (RFC 4287 4.2.6); a tag URI unless the file sets one.</summary>
    public required string Id { get; init; }
    /// <summary>True when the front matter states the id; false when Feed minted it from the file.</summary>
    public bool HasOwnId { get; init; }

    /// <summary>True when the front matter states the slug: a change of it moves the story's URL (the old one answers 301).</summary>
    public bool HasOwnSlug { get; init; }

    /// <summary>
    /// True when the file gives no date: the story is dated when Feed first published it (the
    /// ledger remembers when), never by the file's modification time, which git and copies move.
    /// </summary>
    public bool Undated { get; init; }

    /// <summary>A hash of the file's bytes: tells an edit from a touch, and a renamed file from a new story.</summary>
    public ulong ContentHash { get; init; }

    /// <summary>
    /// When Feed first published this story or last saw its file change, from the ledger; null
    /// when unknown. A story noticed within the recent window stays in the feeds whatever its date.
    /// </summary>
    public DateTimeOffset? Noticed { get; init; }

    /// <summary>The front matter's slug, or the file's folders and name made URL-safe ("desk2/budget").</summary>
    public required string Slug { get; init; }

    /// <summary>True when the page is the front matter's own (a kept <c>permalink</c> or <c>url</c>), not the dated one.</summary>
    public bool HasOwnPage { get; init; }

    /// <summary>The item's page below the site, /YYYY/MM/DD/SLUG (see <see cref="SitePaths.Item"/>).</summary>
    public required string PagePath { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset Published { get; init; }
    public required DateTimeOffset Updated { get; init; }

    /// <summary>The front matter line that gives <see cref="Updated"/>, when it does (for warnings).</summary>
    public int? UpdatedLine { get; init; }

    Uri? _pageUrl;
    Uri? _site;

    /// <summary>
    /// The item's own page on this site, absolute: given, or made from <see cref="SiteUrl"/> and
    /// <see cref="PagePath"/> each time it is asked for (a document render), so that 100,000
    /// items at start hold no Uri each that only their page and the sitemap need.
    /// </summary>
    public Uri PageUrl
    {
        get => _pageUrl ?? SitePaths.Absolute(_site ?? throw new InvalidOperationException("an item needs PageUrl or SiteUrl"), PagePath);
        init => _pageUrl = value;
    }

    /// <summary>The site's base URL (Feed:BaseUrl), which <see cref="PageUrl"/> is made from when not given.</summary>
    public Uri SiteUrl
    {
        init => _site = value;
    }

    /// <summary>The front matter's <c>link</c>: a canonical URL elsewhere.</summary>
    public Uri? ExternalUrl { get; init; }

    /// <summary>Where a reader goes for the story: the external URL if given, else the item's page.</summary>
    public Uri Link => ExternalUrl ?? PageUrl;

    public IReadOnlyList<Person> Authors { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required string Summary { get; init; }

    BodyHtml _content = BodyHtml.Empty;

    /// <summary>The body as HTML with absolute URLs, safe to put in XML.</summary>
    public string ContentHtml
    {
        get => _content.Html;
        init => _content = BodyHtml.Of(value);
    }

    /// <summary>
    /// Renders <see cref="ContentHtml"/> when a document first shows it, instead of now: a cold
    /// start over 100,000 items renders only the bodies that the feeds being served show. The
    /// render is held in the bounded <see cref="RenderCache"/> unless the story is in the main
    /// feeds (<see cref="Body"/>), so it must give the same HTML every time.
    /// </summary>
    public Func<string> RenderContent
    {
        init => _content = BodyHtml.Rendered(value);
    }

    /// <summary>The body's HTML and whether it is kept (see <see cref="BodyHtml"/>).</summary>
    public BodyHtml Body
    {
        get => _content;
        init => _content = value;
    }

    /// <summary>The Markdown body while it waits to be rendered (see <see cref="RenderContent"/>), or null.</summary>
    public PendingBody? PendingBody { get; init; }

    public LeadImage? Image { get; init; }
    public Enclosure? Enclosure { get; init; }

    /// <summary>The lead image, the enclosure and the body's images, with the lines that name them (checked against the files served).</summary>
    public IReadOnlyList<MediaReference> Media { get; init; } = [];

    /// <summary>BCP 47 language of this item when it differs from the feed's.</summary>
    public string? Language { get; init; }

    public bool Draft { get; init; }

    /// <summary>When the story leaves the feeds and pages (front matter <c>expires</c>), if ever.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The running time of the enclosure (front matter <c>duration</c>): itunes:duration and Media RSS.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The story's transcript (podcast:transcript), when it has one.</summary>
    public Transcript? Transcript { get; init; }

    /// <summary>
    /// Paths the story had on an earlier site (Hugo <c>aliases</c>, Jekyll <c>redirect_from</c>,
    /// and a <c>permalink</c> or <c>url</c> it does not keep), each with its front matter line:
    /// each answers 301 to the story's page.
    /// </summary>
    public IReadOnlyList<(string Path, int Line)> Aliases { get; init; } = [];

    /// <summary>The file it came from, relative to the items folder, with '/' separators.</summary>
    public required string SourcePath { get; init; }
}

/// <summary>An author (RFC 4287 3.2 person construct).</summary>
public sealed record Person(string Name, string? Email = null, Uri? Uri = null);

/// <summary>A media file attached to an item (RSS enclosure, Atom rel="enclosure", JSON Feed attachment).</summary>
public sealed record Enclosure(Uri Url, string MediaType, long Length);
