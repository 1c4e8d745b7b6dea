using Feed.Site;

namespace Feed.Publishing;

/// <summary>The stories of one author or one section: its place in the URL space, its name as shown, its items newest first.</summary>
public sealed record ListedStories(Listing Listing, string Name, IReadOnlyList<NewsItem> Items);
