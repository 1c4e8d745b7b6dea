using Feed.Site;

namespace Feed.Publishing;

/// <summary>One feed of the site, in its three formats: its name, its page and the folder of its feed files.</summary>
/// <param name="Group">"Site", "Podcast", "Sections", "Authors" or "Tags".</param>
/// <param name="Name">The feed's subject as shown ("Jane Doe", "world").</param>
/// <param name="Title">The feed's own title.</param>
/// <param name="Page">Its HTML page.</param>
/// <param name="Feeds">Its feeds' paths by format (the podcast has RSS only).</param>
public sealed record FeedListEntry(string Group, string Name, string Title, string Page, IReadOnlyList<(FeedFormat Format, string Path)> Feeds);

/// <summary>Every feed of the site, for /feeds and /feeds.opml: the site's, the podcast, then each section's, author's and tag's.</summary>
public static class FeedList
{
    public static IReadOnlyList<FeedListEntry> From(FeedSettings settings, IReadOnlyList<ListedStories> sections, IReadOnlyList<ListedStories> authors,
        IReadOnlyList<Tag> tags)
    {
        var entries = new List<FeedListEntry>
        {
            new("Site", settings.Title, settings.Title, SitePaths.Index, [.. DocumentFormat.FeedFormats.Select(f => (f, SitePaths.Feed(null, f)))]),
        };
        if (settings.Podcast is not null)
            entries.Add(new("Podcast", "Podcast", $"{settings.Title} (podcast)", SitePaths.Index, [(FeedFormat.Rss, SitePaths.Podcast)]));
        foreach (var (group, listed) in new[] { ("Sections", sections), ("Authors", authors) })
        {
            entries.AddRange(listed.Select(l => new FeedListEntry(group, l.Name, $"{settings.Title}: {l.Name}", l.Listing.Page,
                [.. DocumentFormat.FeedFormats.Select(f => (f, l.Listing.Feed(f)))])));
        }
        entries.AddRange(tags.Select(t => new FeedListEntry("Tags", t.Name, $"{settings.Title}: {t.Name}", SitePaths.TagPage(t.Slug),
            [.. DocumentFormat.FeedFormats.Select(f => (f, SitePaths.Feed(t.Slug, f)))])));
        return entries;
    }
}
