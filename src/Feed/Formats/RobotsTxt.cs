using System.Text;
using Feed.Site;

namespace Feed.Formats;

/// <summary>
/// /robots.txt (RFC 9309): every path may be crawled, and both sitemaps are named (sitemaps.org,
/// "Specifying the Sitemap location"); or the robots.txt the user keeps (Feed:RobotsTxt), as it
/// is, with the Sitemap lines it does not already have added at the end.
/// </summary>
public static class RobotsTxt
{
    public static byte[] Write(FeedSettings settings)
    {
        string[] sitemaps =
        [
            SitePaths.Absolute(settings.BaseUrl, SitePaths.Sitemap).AbsoluteUri,
            SitePaths.Absolute(settings.BaseUrl, SitePaths.NewsSitemap).AbsoluteUri,
        ];
        if (settings.RobotsTxt is not { } own)
            return Encoding.UTF8.GetBytes("User-agent: *\nAllow: /\n\n" + string.Concat(sitemaps.Select(s => $"Sitemap: {s}\n")));
        own = own.TrimStart('\uFEFF');
        var text = new StringBuilder(own);
        var named = SitemapsNamed(own);
        var missing = sitemaps.Where(s => !named.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            if (text.Length > 0 && text[^1] != '\n')
                text.Append('\n');
            // A Sitemap line belongs to no group (RFC 9309 2.2.4); the blank line keeps it clear of the last one for a human reader.
            if (text.Length > 0)
                text.Append('\n');
            foreach (var sitemap in missing)
                text.Append("Sitemap: ").Append(sitemap).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The sitemap URLs a robots.txt already names: "Sitemap:" lines, the field name in any case, comments cut off.</summary>
    static HashSet<string> SitemapsNamed(string text)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#', 2)[0].Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("sitemap", StringComparison.OrdinalIgnoreCase))
                named.Add(line[(colon + 1)..].Trim());
        }
        return named;
    }
}
