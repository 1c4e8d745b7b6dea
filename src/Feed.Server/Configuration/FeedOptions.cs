namespace Feed.Server.Configuration;

/// <summary>
/// The "Feed" configuration section (appsettings.json, FEED__KEY environment variables,
/// --Feed:Key=value). Defaults are the initializers below; <see cref="Validate"/> runs at start,
/// and <see cref="ToSettings"/> makes the library's settings of them.
/// </summary>
public sealed partial class FeedOptions
{
    public const string Section = "Feed";

    // The defaults are FeedSettings' own, stated once there.
    static readonly FeedSettings Defaults = FeedSettings.Defaults;

    public string Title { get; set; } = Defaults.Title;
    public string Description { get; set; } = Defaults.Description;
    public string BaseUrl { get; set; } = Defaults.BaseUrl.AbsoluteUri;
    public string Language { get; set; } = Defaults.Language;
    public string? Author { get; set; }

    /// <summary>Relative to the working directory (the repository root under `dotnet run`).</summary>
    public string ItemsPath { get; set; } = "items";

    public int MaxItems { get; set; } = Defaults.MaxItems;
    public int CacheMaxAgeSeconds { get; set; } = 300;

    /// <summary>An IANA zone such as Asia/Karachi: where a date without a time or offset is placed.</summary>
    public string TimeZone { get; set; } = Defaults.TimeZone.Id;

    public string? IdAuthority { get; set; }
    public long MaxItemBytes { get; set; } = Defaults.MaxItemBytes;
    public int MaxItemFiles { get; set; } = Defaults.MaxItemFiles;

    /// <summary>The time one item may take to be parsed and rendered (see <see cref="FeedSettings.MaxItemRenderTime"/>).</summary>
    public TimeSpan MaxItemRenderTime { get; set; } = Defaults.MaxItemRenderTime;
    public string? WebSubHub { get; set; }

    /// <summary>Several WebSub hubs, comma-separated; with <see cref="WebSubHub"/>, every one is advertised and pinged.</summary>
    public string? WebSubHubs { get; set; }

    /// <summary>
    /// The base URLs of the HTTP caches in front (Varnish nodes), comma-separated: the changed
    /// documents are purged from each (HTTP PURGE) before a hub is pinged, so a hub never fetches
    /// a stale copy.
    /// </summary>
    public string? CachePurge { get; set; }

    /// <summary>RFC 3229 "A-IM: feed" deltas: off unless asked for (see <see cref="FeedSettings.DeltaFeeds"/>).</summary>
    public bool DeltaFeeds { get; set; } = Defaults.DeltaFeeds;

    /// <summary>Values the configuration binder could not convert, reported by <see cref="Validate"/> with the rest.</summary>
    internal List<string> BindingErrors { get; } = [];
    /// <summary>Publish item HTML as written instead of sanitizing it (only for a folder whose every author is trusted).</summary>
    public bool TrustedHtml { get; set; } = Defaults.TrustedHtml;

    /// <summary>An absolute URL of a square feed icon.</summary>
    public string? Icon { get; set; }

    /// <summary>An absolute URL of a wide (2:1) feed logo.</summary>
    public string? Logo { get; set; }

    /// <summary>The feeds' copyright notice, such as "© 2024 Example News".</summary>
    public string? Copyright { get; set; }

    /// <summary>Top-level folders as sections (desks) with their own pages and feeds.</summary>
    public bool Sections { get; set; } = Defaults.Sections;

    /// <summary>"full" (the default) or "summary": summaries and links only in every feed.</summary>
    public string FeedContent { get; set; } = Defaults.FeedContent.ToString().ToLowerInvariant();

    /// <summary>The podcast feed (/podcast.xml): see <see cref="PodcastOptions"/>.</summary>
    public PodcastOptions Podcast { get; set; } = new();

    /// <summary>
    /// More old feed URLs, comma-separated OLD=NEW pairs of paths (/blog/rss.xml=/feed.xml): each
    /// answers 301 to a feed of this site, beside the common ones of Hugo, Jekyll and WordPress.
    /// </summary>
    public string? FeedAliases { get; set; }

    /// <summary>
    /// A story's Jekyll <c>permalink</c> or Hugo <c>url</c>: false (the default) answers 301 from it
    /// to the story's dated page; true keeps the story at that URL.
    /// </summary>
    public bool KeepPermalinks { get; set; } = Defaults.KeepPermalinks;

    /// <summary>
    /// A robots.txt the user keeps (a file path, relative to the working directory): served as
    /// /robots.txt instead of the generated one, with the Sitemap lines it lacks added. Read
    /// again whenever it changes, at the next look at the folder.
    /// </summary>
    public string? RobotsTxt { get; set; }

    /// <summary>Google reads the first 500 KiB of a robots.txt (RFC 9309 2.5 asks crawlers to read at least that much); past it a rule would be silently lost.</summary>
    public const int MaxRobotsTxtBytes = 500 * 1024;

    /// <summary>
    /// How long the folder must be quiet after a change before a rebuild. An editor's save is a
    /// few events within a millisecond and a git checkout writes its files back to back, so 50 ms
    /// still makes either one rebuild (the interop suite runs at this value, the server tests at
    /// 100 ms); it is waiting every change pays, most of one edit's 0.1 s at 10,000 items
    /// (bench/change.py). A file still being written when it ends is read again, not published half-written.
    /// </summary>
    public TimeSpan ChangeQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Socket completions and Kestrel's request handling run inline on the socket event threads
    /// instead of hopping through the thread pool (Kestrel's UnsafePreferInlineScheduling and
    /// DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1). Safe here because no request blocks:
    /// every response is bytes already in memory. Off only to measure the difference.
    /// </summary>
    public bool InlineScheduling { get; set; } = true;

    /// <summary>
    /// Where Feed keeps what it remembers (the publication ledger, ledger.db). Default: the folder
    /// .feed-state/NAME beside the items folder NAME, which Feed never reads as items.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>
    /// Keep a start index (start-index.bin) in the state folder: each story file's size, times and
    /// inode with the story read from it, so that a restart reads and parses only the files that
    /// changed since (docs/performance.md). Off: every start reads every file.
    /// </summary>
    public bool StartIndex { get; set; } = true;

    /// <summary>
    /// A PostgreSQL connection string (Npgsql's keywords: Host=db;Database=feed;Username=feed;
    /// Password=...): the publication ledger shared by several instances over one folder
    /// (docs/scale-out.md). Unset: the embedded SQLite ledger under <see cref="StatePath"/>.
    /// </summary>
    public string? Ledger { get; set; }

    /// <summary>A story first published or changed this recently stays in the feeds whatever its date.</summary>
    public TimeSpan RecentWindow { get; set; } = Defaults.RecentWindow;

    /// <summary>At most this many stories beyond MaxItems ride on RecentWindow.</summary>
    public int MaxRecentItems { get; set; } = Defaults.MaxRecentItems;

    /// <summary>
    /// Open connections Kestrel accepts at once (and upgraded ones): past it a new connection is
    /// refused at once rather than the process running out of descriptors for everyone.
    /// </summary>
    public long MaxConcurrentConnections { get; set; } = DefaultMaxConcurrentConnections;

    public const long DefaultMaxConcurrentConnections = 10_000;

    /// <summary>
    /// The bytes that rendered item pages and bodies outside the main feeds may hold (see
    /// <see cref="RenderCache"/>), each from its second request: past it the least recently used
    /// are dropped and rendered again when asked for, so a crawler walking every page cannot grow
    /// the process.
    /// </summary>
    public long RenderCacheBytes { get; set; } = RenderCache.DefaultLimit;

    /// <summary>How often the whole folder is checked even without change events (a safety net).</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(30);
}
