using Feed.Items;
using Feed.Items.Text;

namespace Feed.Server.Configuration;

/// <summary>Every problem with the keys' values, one line each, naming the key: start-up refuses to run with any.</summary>
public sealed partial class FeedOptions
{
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
}
