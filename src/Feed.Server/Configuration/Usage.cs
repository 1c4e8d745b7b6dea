namespace Feed.Server.Configuration;

/// <summary>What the command line accepts, and the one check Kestrel would otherwise fail with a stack trace.</summary>
public static class Usage
{
    public const string Text = """
        Feed serves a folder of news stories as RSS, Atom and JSON Feed.

        Usage:
          Feed.Server [--urls=http://localhost:5000] [--Feed:Key=value ...]   serve the items folder
          Feed.Server export OUTDIR [--Feed:Key=value ...]                      write the site as files
          Feed.Server migrate-ledger FROM TO                                     copy a ledger (ledger.db <-> PostgreSQL)
          Feed.Server --help                                                    show this text

        Settings (appsettings.json, FEED__KEY environment variables or --Feed:Key=value):
          Title, Description, BaseUrl, Language, Author, ItemsPath, MaxItems, CacheMaxAgeSeconds,
          TimeZone, IdAuthority, MaxItemBytes, MaxItemFiles, MaxItemRenderTime, WebSubHub, WebSubHubs,
          CachePurge, DeltaFeeds, TrustedHtml, Icon, Logo, StatePath, StartIndex, RecentWindow, MaxRecentItems,
          Copyright, Sections, FeedContent (full or summary), RobotsTxt (a robots.txt file to serve),
          ChangeQuietPeriod, RescanInterval,
          InlineScheduling, MaxConcurrentConnections, RenderCacheBytes, FeedAliases (OLD=NEW paths), KeepPermalinks,
          Podcast (Podcast:Image, Podcast:Category, Podcast:OwnerEmail, Podcast:Explicit, Podcast:OwnerName,
          Podcast:Locked: the podcast feed /podcast.xml),
          Ledger (a PostgreSQL connection string, Host=db;Database=feed;Username=feed: one ledger
          shared by several instances; unset: SQLite under StatePath). See docs/configuration.md.
        """;

    /// <summary>Why a Urls value (addresses separated by ';') cannot be listened on, or null when it can.</summary>
    public static string? BadUrls(string? urls)
    {
        if (string.IsNullOrWhiteSpace(urls))
            return null;
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                var address = BindingAddress.Parse(url);
                if (address.Scheme is not ("http" or "https") || address.Port is < 0 or > 65535)
                    return $"'{url}' must be http://HOST:PORT, such as http://localhost:5000";
            }
            catch (FormatException e)
            {
                return $"'{url}' is not an address ({e.Message}); use http://HOST:PORT, such as http://localhost:5000";
            }
        }
        return null;
    }
}
