using Feed.Formats;
using Feed.Items;
namespace Feed;

/// <summary>
/// The site-wide settings that shape every document, already validated and typed. The server
/// builds this once from its configuration; tests build it directly. The initializers here are
/// the defaults, the only place they are stated (the server's options read them from
/// <see cref="Defaults"/>).
/// </summary>
public sealed record FeedSettings
{
    /// <summary>Every setting at its default.</summary>
    public static readonly FeedSettings Defaults = new();

    public string Title { get; init; } = "Feed";
    public string Description { get; init; } = "The latest stories.";

    /// <summary>Absolute, ending in '/'. Every link in every document starts here.</summary>
    public Uri BaseUrl { get; init; } = new("http://localhost:5000/");

    public string Language { get; init; } = "en";

    /// <summary>Feed-level author; RFC 4287 4.1.1 needs one when an entry has none.</summary>
    public string? Author { get; init; }

    public int MaxItems { get; init; } = 50;

    /// <summary>
    /// A story first published or changed this recently stays in the feeds whatever its date, so a
    /// late story, a bulk pull and a correction to an old story reach every subscriber.
    /// </summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromHours(48);

    /// <summary>At most this many stories beyond <see cref="MaxItems"/> ride on <see cref="RecentWindow"/>.</summary>
    public int MaxRecentItems { get; init; } = 500;

    /// <summary>Where a date without a time or offset is placed.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The tag URI authority (RFC 4151); by default the host of <see cref="BaseUrl"/>.</summary>
    public string? IdAuthority { get; init; }

    public long MaxItemBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// The time one item may take to be parsed and rendered (docs/security.md): past it the
    /// item is refused with a message naming the file, and the others are published.
    /// </summary>
    public TimeSpan MaxItemRenderTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many item files are read at most: a bound on memory whatever lands in the folder.</summary>
    public int MaxItemFiles { get; init; } = 200_000;

    /// <summary>The first WebSub hub, or null (<see cref="WebSubHubs"/> holds them all).</summary>
    public Uri? WebSubHub
    {
        get => WebSubHubs.Count > 0 ? WebSubHubs[0] : null;
        init => WebSubHubs = value is null ? [] : [value];
    }

    /// <summary>Every WebSub hub: each is advertised (rel="hub") and told of every change.</summary>
    public IReadOnlyList<Uri> WebSubHubs
    {
        get => _hubs.Length == 0 ? [] : [.. _hubs.Split('\n').Select(u => new Uri(u))];
        init => _hubs = string.Join('\n', value.Select(u => u.AbsoluteUri));
    }

    // Held as text, so that two settings with the same hubs are equal (a record compares a list by reference).
    readonly string _hubs = "";

    /// <summary>URLs in one sitemap file: the protocol's limit (sitemaps.org); not configurable, tests lower it.</summary>
    public int MaxSitemapUrls { get; init; } = SitemapWriter.MaxUrls;

    /// <summary>
    /// RFC 3229 "A-IM: feed" deltas. Off by default: feedparser sends A-IM: feed on every request
    /// and rss2email, built on it, takes the 226 answer for an error.
    /// </summary>
    public bool DeltaFeeds { get; init; }

    public string EffectiveIdAuthority => IdAuthority ?? TagUri.AuthorityFromHost(BaseUrl) ?? BaseUrl.IdnHost;
    /// <summary>Publish item HTML as written (scripts included) instead of sanitizing it to the aggregator allowlist.</summary>
    public bool TrustedHtml { get; init; }

    /// <summary>A square image for the feed (Atom icon, JSON Feed icon and favicon; RSS image when there is no logo).</summary>
    public Uri? Icon { get; init; }

    /// <summary>A wide image for the feed, about 2:1 (Atom logo, RSS image).</summary>
    public Uri? Logo { get; init; }

    /// <summary>The feeds' copyright notice (RSS copyright, Atom rights, JSON Feed _copyright), when set.</summary>
    public string? Copyright { get; init; }

    /// <summary>Every top-level folder of the items folder is a section (a desk) with its pages and feeds; false turns them off.</summary>
    public bool Sections { get; init; } = true;

    /// <summary>Full content in every feed (the default), or summaries and links only.</summary>
    public FeedContent FeedContent { get; init; } = FeedContent.Full;

    /// <summary>The text of the robots.txt the user keeps (Feed:RobotsTxt), served with the Sitemap lines added; null: a generated one.</summary>
    public string? RobotsTxt { get; init; }

    /// <summary>The podcast feed's channel settings (<c>/podcast.xml</c>); null: no podcast feed.</summary>
    public PodcastSettings? Podcast { get; init; }

    /// <summary>
    /// More old feed URLs, each answering 301 to a feed of the site (<c>Feed:FeedAliases</c>), beside
    /// the common ones of other tools (<see cref="Site.MigrationRedirects"/>).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> FeedAliases
    {
        get => _aliases.Length == 0 ? [] : [.. _aliases.Split('\n').Select(p => p.Split('\t')).Select(p => KeyValuePair.Create(p[0], p[1]))];
        init => _aliases = string.Join('\n', value.Select(p => $"{p.Key}\t{p.Value}"));
    }

    // Held as text, as the hubs are: equal settings compare equal and print the same.
    readonly string _aliases = "";

    /// <summary>
    /// A Jekyll <c>permalink</c> or Hugo <c>url</c>: false (the default) answers 301 from it to the
    /// story's dated page; true keeps the story at that URL.
    /// </summary>
    public bool KeepPermalinks { get; init; }


    public string EffectiveAuthor => Author ?? Title;

    public Uri Url(string relative) => new(BaseUrl, relative);

    /// <summary>The RFC 4287 id of the site's feed (null) or a tag's.</summary>
    public string FeedId(string? tagSlug) => TagUri.ForFeed(EffectiveIdAuthority, tagSlug);
}
