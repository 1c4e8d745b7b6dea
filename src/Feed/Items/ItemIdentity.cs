using Feed.Site;

namespace Feed.Items;

/// <summary>
/// Who a story is on the web: its id, its slug and its page. Minted once by the parser from the
/// story's own file (its path and front matter, never which other files exist); afterwards only
/// the publication's "-2" for a shared page and the ledger's memory change it, through this type.
/// </summary>
public readonly record struct ItemIdentity
{
    /// <summary>An absolute URI that never changes (RFC 4287 4.2.6); a tag URI unless the file states one.</summary>
    public required string Id { get; init; }

    /// <summary>The front matter's slug, or the file's folders and name made URL-safe ("desk2/budget").</summary>
    public required string Slug { get; init; }

    /// <summary>The page below the site, /YYYY/MM/DD/SLUG (see <see cref="SitePaths.Item"/>), or a kept permalink.</summary>
    public required string PagePath { get; init; }

    /// <summary>Feed:BaseUrl, which <see cref="PageUrl"/> is made from.</summary>
    public required Uri Site { get; init; }

    /// <summary>The RFC 4151 authority minted ids are in (Feed:IdAuthority, or the site's host).</summary>
    public required string Authority { get; init; }

    /// <summary>True when the front matter states the id.</summary>
    public bool HasOwnId { get; init; }

    /// <summary>True when the front matter states the slug.</summary>
    public bool HasOwnSlug { get; init; }

    /// <summary>True when the page is the front matter's own (a kept <c>permalink</c> or <c>url</c>), not the dated one.</summary>
    public bool HasOwnPage { get; init; }

    /// <summary>
    /// The page, absolute: made each time it is asked for (a document render), so that 100,000
    /// items at start hold no Uri each that only their page and the sitemap need.
    /// </summary>
    public Uri PageUrl => SitePaths.Absolute(Site, PagePath);

    /// <summary>
    /// A story's identity from its file: the dated page of <paramref name="slug"/> (or the kept
    /// <paramref name="ownPage"/>), and the stated id or one minted from the day and slug.
    /// </summary>
    public static ItemIdentity Mint(FeedSettings settings, DateTimeOffset published, string slug, string? ownId, bool hasOwnSlug, string? ownPage)
    {
        var authority = settings.EffectiveIdAuthority;
        return new ItemIdentity
        {
            Id = ownId ?? TagUri.ForItem(authority, published, slug),
            Slug = slug,
            // Dated by the published instant's UTC day, like the id, so no other file can move it.
            PagePath = ownPage ?? SitePaths.Item(published, slug.Length > 0 ? slug : "-"),
            Site = settings.BaseUrl,
            Authority = authority,
            HasOwnId = ownId is not null,
            HasOwnSlug = hasOwnSlug,
            HasOwnPage = ownPage is not null,
        };
    }

    /// <summary>The identity under another slug on the same day: its dated page and, unless the file states one, the id minted from it.</summary>
    public ItemIdentity WithSlug(string slug, DateTimeOffset published) => this with
    {
        Slug = slug,
        PagePath = SitePaths.Item(published, slug),
        Id = HasOwnId ? Id : TagUri.ForItem(Authority, published, slug),
    };
}
