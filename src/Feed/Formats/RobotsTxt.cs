using System.Text;
using Feed.Site;

namespace Feed.Formats;

/// <summary>/robots.txt (RFC 9309): every path may be crawled, and both sitemaps are named (sitemaps.org, "Specifying the Sitemap location").</summary>
public static class RobotsTxt
{
    public static byte[] Write(FeedSettings settings) => Encoding.UTF8.GetBytes(
        "User-agent: *\nAllow: /\n\n"
        + $"Sitemap: {SitePaths.Absolute(settings.BaseUrl, SitePaths.Sitemap).AbsoluteUri}\n"
        + $"Sitemap: {SitePaths.Absolute(settings.BaseUrl, SitePaths.NewsSitemap).AbsoluteUri}\n");
}
