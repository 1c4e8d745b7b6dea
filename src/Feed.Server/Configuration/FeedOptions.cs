using Feed.Items;

namespace Feed.Server.Configuration;

/// <summary>
/// The "Feed" configuration section (appsettings.json, FEED__KEY environment variables,
/// --Feed:Key=value). Defaults are the initializers below; <see cref="Validate"/> runs at start.
/// </summary>
public sealed class FeedOptions
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

    /// <summary>The hubs of <see cref="WebSubHub"/> and <see cref="WebSubHubs"/>, in order, each once.</summary>
    public IReadOnlyList<Uri> HubUrls() =>
        [.. List(WebSubHub).Concat(List(WebSubHubs)).Select(u => new Uri(u)).Distinct()];

    /// <summary>The caches of <see cref="CachePurge"/>, each ending in '/'.</summary>
    public IReadOnlyList<Uri> CacheUrls() => [.. List(CachePurge).Select(u => new Uri(u.EndsWith('/') ? u : u + "/"))];

    static IEnumerable<string> List(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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

    /// <summary>The pairs of <see cref="FeedAliases"/> with each old path as requests give it, or null when one is not a pair of paths.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? FeedAliasPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in List(FeedAliases))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || Feed.Site.SitePaths.OldPath(parts[0]) is not { } old || Feed.Site.SitePaths.OldPath(parts[1]) is not { } target)
                return null;
            pairs.Add(KeyValuePair.Create(old, target));
        }
        return pairs;
    }

    /// <summary>Why the podcast feed is off although Feed:Podcast is set, in one line; null when it is on or not asked for.</summary>
    public string? PodcastProblem()
    {
        Podcast.ToSettings(Author ?? Title, out var problem);
        return problem;
    }

    /// <summary>
    /// A robots.txt the user keeps (a file path, relative to the working directory): served as
    /// /robots.txt instead of the generated one, with the Sitemap lines it lacks added. Read
    /// again whenever it changes, at the next look at the folder.
    /// </summary>
    public string? RobotsTxt { get; set; }

    /// <summary>Google reads the first 500 KiB of a robots.txt (RFC 9309 2.5 asks crawlers to read at least that much); past it a rule would be silently lost.</summary>
    public const int MaxRobotsTxtBytes = 500 * 1024;

    /// <summary>
    /// How long the folder must be quiet after a change before a rebuild. 100 ms still makes an
    /// editor's save or a burst of hundreds of writes one rebuild (the server tests run at this
    /// value), and keeps one edit at 10,000 items near a quarter of a second (bench/change.py).
    /// </summary>
    public TimeSpan ChangeQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

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

    /// <summary>The folder the ledger lives in: <see cref="StatePath"/>, else .feed-state/NAME beside the items folder.</summary>
    public string StateFolder(string itemsFolder)
    {
        if (!string.IsNullOrWhiteSpace(StatePath))
            return Path.GetFullPath(StatePath, Environment.CurrentDirectory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(itemsFolder, Environment.CurrentDirectory));
        var parent = Path.GetDirectoryName(full);
        if (parent is not null)
            return Path.Combine(parent, ".feed-state", Path.GetFileName(full));
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } x
            ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(xdg, "feed");
    }

    /// <summary>The Cache-Control of every document but full archive pages.</summary>
    public string CacheControl => $"public, max-age={CacheMaxAgeSeconds}";

    /// <summary>Every problem with these values, one line each, naming the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(BindingErrors);
        void Check(bool ok, string key, string rule, object? value)
        {
            if (!ok)
                errors.Add($"{Section}:{key} {rule} (got '{value}').");
        }

        Check(!string.IsNullOrWhiteSpace(Title), nameof(Title), "must not be empty", Title);
        Check(Description is not null, nameof(Description), "must be set", Description);
        Uri? baseUri = IsWebUrl(BaseUrl, out var parsed) ? parsed : null;
        Check(baseUri is not null && baseUri.Query.Length == 0 && baseUri!.Fragment.Length == 0, nameof(BaseUrl),
            "must be an absolute http or https URL with no query, such as https://news.example.com/", BaseUrl);
        Check(TextPatterns.IsLanguageTag(Language ?? ""), nameof(Language), "must be a language tag such as en or ur-PK", Language);
        Check(!string.IsNullOrWhiteSpace(ItemsPath), nameof(ItemsPath), "must name a folder", ItemsPath);
        Check(MaxItems is >= 1 and <= 10_000, nameof(MaxItems), "must be between 1 and 10000", MaxItems);
        Check(CacheMaxAgeSeconds is >= 0 and <= 31_536_000, nameof(CacheMaxAgeSeconds), "must be between 0 and 31536000 (a year)", CacheMaxAgeSeconds);
        Check(FindZone(TimeZone) is not null, nameof(TimeZone), "must be an IANA time zone such as UTC or Asia/Karachi", TimeZone);
        Check(string.IsNullOrWhiteSpace(IdAuthority) ? baseUri is null || TagUri.AuthorityFromHost(baseUri) is not null : TagUri.IsAuthority(IdAuthority),
            nameof(IdAuthority), string.IsNullOrWhiteSpace(IdAuthority)
                ? $"must be set: the host of Feed:BaseUrl cannot be a tag URI authority (RFC 4151 needs a domain name or an email address, such as news.example.com)"
                : "must be an ASCII domain name (an IDN in punycode, xn--...) or an email address, as in tag:example.com,2024-06-27:story (RFC 4151)",
            IdAuthority ?? baseUri?.Host);
        Check(MaxItemBytes is >= 1 and <= int.MaxValue, nameof(MaxItemBytes), "must be between 1 and 2147483647 bytes", MaxItemBytes);
        Check(MaxItemFiles >= 1, nameof(MaxItemFiles), "must be at least 1", MaxItemFiles);
        Check(MaxItemRenderTime >= TimeSpan.FromMilliseconds(10) && MaxItemRenderTime <= TimeSpan.FromMinutes(1), nameof(MaxItemRenderTime),
            "must be between 00:00:00.010 and 00:01:00", MaxItemRenderTime);
        Check(WebSubHub is null || IsWebUrl(WebSubHub, out _), nameof(WebSubHub), "must be an absolute http or https URL", WebSubHub);
        Check(List(WebSubHubs).All(u => IsWebUrl(u, out _)), nameof(WebSubHubs), "must be absolute http or https URLs separated by commas", WebSubHubs);
        Check(List(CachePurge).All(u => IsWebUrl(u, out var cache) && cache.Query.Length == 0), nameof(CachePurge),
            "must be absolute http or https base URLs of the caches, separated by commas, such as http://10.0.0.5:6081/", CachePurge);
        Check(Icon is null || IsWebUrl(Icon, out _), nameof(Icon), "must be an absolute http or https URL", Icon);
        Check(Logo is null || IsWebUrl(Logo, out _), nameof(Logo), "must be an absolute http or https URL", Logo);
        var robotsProblem = RobotsTxt is null ? null : RobotsTxtProblem(RobotsTxt);
        Check(robotsProblem is null, nameof(RobotsTxt), $"must name a readable UTF-8 text file of at most {MaxRobotsTxtBytes / 1024} KiB: {robotsProblem}", RobotsTxt);
        Check(ParseFeedContent(FeedContent) is not null, nameof(FeedContent), "must be full or summary", FeedContent);
        Check(ChangeQuietPeriod >= TimeSpan.Zero && ChangeQuietPeriod <= TimeSpan.FromMinutes(1), nameof(ChangeQuietPeriod),
            "must be between 00:00:00 and 00:01:00", ChangeQuietPeriod);
        Check(StatePath is null || !string.IsNullOrWhiteSpace(StatePath), nameof(StatePath), "must name a folder", StatePath);
        Check(Ledger is null || IsConnectionString(Ledger), nameof(Ledger),
            "must be a PostgreSQL connection string such as Host=db;Database=feed;Username=feed", Redacted(Ledger));
        Check(RecentWindow >= TimeSpan.Zero && RecentWindow <= TimeSpan.FromDays(365), nameof(RecentWindow),
            "must be between 00:00:00 and 365.00:00:00", RecentWindow);
        Check(MaxRecentItems is >= 0 and <= 100_000, nameof(MaxRecentItems), "must be between 0 and 100000", MaxRecentItems);
        Check(RescanInterval >= TimeSpan.FromSeconds(1), nameof(RescanInterval), "must be at least 00:00:01", RescanInterval);
        Check(RenderCacheBytes is >= 1L << 20 and <= 1L << 40, nameof(RenderCacheBytes), "must be between 1048576 (1 MB) and 1099511627776 (1 TB) bytes",
            RenderCacheBytes);
        Check(MaxConcurrentConnections is >= 1 and <= 1_000_000, nameof(MaxConcurrentConnections), "must be between 1 and 1000000", MaxConcurrentConnections);
        Check(FeedAliasPairs() is not null, nameof(FeedAliases), "must be OLD=NEW pairs of paths separated by commas, such as /blog/rss.xml=/feed.xml", FeedAliases);
        return errors;
    }

    /// <summary>The typed settings the library works with. Call only after <see cref="Validate"/> passed.</summary>
    public FeedSettings ToSettings()
    {
        var baseUrl = BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/";
        return new FeedSettings
        {
            Title = Title,
            Description = Description,
            BaseUrl = new Uri(baseUrl),
            Language = Language,
            Author = string.IsNullOrWhiteSpace(Author) ? null : Author,
            MaxItems = MaxItems,
            RecentWindow = RecentWindow,
            MaxRecentItems = MaxRecentItems,
            TimeZone = FindZone(TimeZone)!,
            IdAuthority = string.IsNullOrWhiteSpace(IdAuthority) ? null : IdAuthority,
            MaxItemBytes = MaxItemBytes,
            MaxItemFiles = MaxItemFiles,
            MaxItemRenderTime = MaxItemRenderTime,
            WebSubHubs = HubUrls(),
            DeltaFeeds = DeltaFeeds,
            TrustedHtml = TrustedHtml,
            Icon = Icon is null ? null : new Uri(Icon),
            Logo = Logo is null ? null : new Uri(Logo),
            Copyright = string.IsNullOrWhiteSpace(Copyright) ? null : Copyright,
            Sections = Sections,
            FeedContent = ParseFeedContent(FeedContent)!.Value,
            RobotsTxt = RobotsTxtPath is { } robots ? File.ReadAllText(robots) : null,
            Podcast = Podcast.ToSettings(string.IsNullOrWhiteSpace(Author) ? Title : Author, out _),
            FeedAliases = FeedAliasPairs()!,
            KeepPermalinks = KeepPermalinks,
        };
    }

    /// <summary>The full path of <see cref="RobotsTxt"/>, or null when none is set.</summary>
    public string? RobotsTxtPath => string.IsNullOrWhiteSpace(RobotsTxt) ? null : Path.GetFullPath(RobotsTxt, Environment.CurrentDirectory);

    /// <summary>Why the robots.txt at <paramref name="path"/> cannot be served, or null when it can.</summary>
    public static string? RobotsTxtProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return "no path given";
        var full = Path.GetFullPath(path, Environment.CurrentDirectory);
        try
        {
            using var stream = File.OpenRead(full);
            if (stream.Length > MaxRobotsTxtBytes)
                return $"{full} has {stream.Length} bytes; crawlers stop reading at {MaxRobotsTxtBytes}, so the rules past it would be lost";
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return null;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return $"{full} is not UTF-8 text (RFC 9309 2.3: robots.txt is UTF-8)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e is FileNotFoundException or DirectoryNotFoundException ? $"{full} does not exist" : $"{full} cannot be read ({e.Message})";
        }
    }

    static Feed.FeedContent? ParseFeedContent(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "full" => Feed.FeedContent.Full,
        "summary" => Feed.FeedContent.Summary,
        _ => null,
    };

    static bool IsConnectionString(string text)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(new Npgsql.NpgsqlConnectionStringBuilder(text).Host);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }

    // A connection string in a message never shows its password.
    static string? Redacted(string? text) =>
        text is null ? null : System.Text.RegularExpressions.Regex.Replace(text, "(?i)(password|pwd)\\s*=[^;]*", "$1=...");

    static bool IsWebUrl(string? text, out Uri uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri!) && uri.Scheme is "http" or "https" && text!.Contains("://", StringComparison.Ordinal);

    static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
