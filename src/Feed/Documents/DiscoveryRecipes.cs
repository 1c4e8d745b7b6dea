using Feed.Formats;
using Feed.Formats.Html;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Documents;

/// <summary>/sitemap-news.xml: the stories of the news window.</summary>
public sealed record NewsSitemapRecipe(IReadOnlyList<NewsItem> Stories, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(NewsSitemapWriter.Write(Stories, Settings), DocumentFormat.Sitemap.MediaType, compressNow: false);
}

/// <summary>/robots.txt: both sitemaps.</summary>
public sealed record RobotsRecipe(FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(RobotsTxt.Write(Settings), DocumentFormat.Text.MediaType, compressNow: false);
}

/// <summary>/feeds: every feed with its subscribe links.</summary>
public sealed record FeedListRecipe(IReadOnlyList<FeedListEntry> Entries, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.FeedListPage(Entries, Settings), DocumentFormat.Html.MediaType, compressNow: false);
}

/// <summary>/feeds.opml: the same list as OPML 2.0.</summary>
public sealed record OpmlRecipe(IReadOnlyList<FeedListEntry> Entries, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(OpmlWriter.Write(Entries, Settings), DocumentFormat.Opml.MediaType, compressNow: false);
}
