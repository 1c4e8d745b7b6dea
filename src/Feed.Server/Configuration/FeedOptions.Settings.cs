namespace Feed.Server.Configuration;

/// <summary>What the keys say, typed: the library's settings, the hubs, caches, aliases and the state folder.</summary>
public sealed partial class FeedOptions
{
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

    static Feed.FeedContent? ParseFeedContent(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "full" => Feed.FeedContent.Full,
        "summary" => Feed.FeedContent.Summary,
        _ => null,
    };

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

    /// <summary>The hubs of <see cref="WebSubHub"/> and <see cref="WebSubHubs"/>, in order, each once.</summary>
    public IReadOnlyList<Uri> HubUrls() =>
        [.. List(WebSubHub).Concat(List(WebSubHubs)).Select(u => new Uri(u)).Distinct()];

    /// <summary>The caches of <see cref="CachePurge"/>, each ending in '/'.</summary>
    public IReadOnlyList<Uri> CacheUrls() => [.. List(CachePurge).Select(u => new Uri(u.EndsWith('/') ? u : u + "/"))];

    static IEnumerable<string> List(string? commaSeparated) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
}
