namespace Feed.Publishing;

/// <summary>
/// The stories a Google News sitemap lists: those published in the last two days, at most
/// 1,000, newest first (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
/// Only stories whose canonical page is on this site: a story whose canonical link is elsewhere
/// belongs in that site's sitemap.
/// </summary>
public static class NewsWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(48);

    public const int MaxStories = 1_000;

    /// <param name="newestFirst">The published stories.</param>
    /// <param name="at">The moment of selection; null lists none (no clock, no news).</param>
    public static IReadOnlyList<NewsItem> Stories(IReadOnlyList<NewsItem> newestFirst, DateTimeOffset? at)
    {
        if (at is not { } now)
            return [];
        var stories = new List<NewsItem>();
        foreach (var item in newestFirst)
        {
            if (item.Published <= now - Length || stories.Count == MaxStories)
                break;
            if (item.ExternalUrl is null)
                stories.Add(item);
        }
        return stories;
    }

    /// <summary>When the oldest story of the window leaves it, so the sitemap follows the clock with no edit; null when the window is empty.</summary>
    public static DateTimeOffset? NextChange(IReadOnlyList<NewsItem> newestFirst, DateTimeOffset? at)
    {
        if (at is not { } now)
            return null;
        DateTimeOffset? oldest = null;
        foreach (var item in newestFirst)
        {
            if (item.Published <= now - Length)
                break;
            oldest = item.Published;
        }
        return oldest + Length;
    }
}
