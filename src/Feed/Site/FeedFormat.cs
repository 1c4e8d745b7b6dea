namespace Feed.Site;

/// <summary>The three syndication formats (<see cref="DocumentFormat.Feeds"/> has their facts).</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}
