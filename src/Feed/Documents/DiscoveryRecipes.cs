using Feed.Formats;
using Feed.Site;

namespace Feed.Documents;

/// <summary>/sitemap-news.xml: the stories of the news window.</summary>
public sealed record NewsSitemapRecipe(IReadOnlyList<NewsItem> Stories, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(NewsSitemapWriter.Write(Stories, Settings), SitePaths.SitemapMediaType, compressNow: false);
}

/// <summary>/robots.txt: both sitemaps.</summary>
public sealed record RobotsRecipe(FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(RobotsTxt.Write(Settings), SitePaths.TextMediaType, compressNow: false);
}
