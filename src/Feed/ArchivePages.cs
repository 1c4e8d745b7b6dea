namespace Feed;

/// <summary>One RFC 5005 archive document: a fixed page of the history, numbered from the oldest.</summary>
public sealed record ArchivePage(int Number, IReadOnlyList<NewsItem> Items)
{
    public string Path => $"/archive/{Number}.xml";
}

/// <summary>
/// RFC 5005 section 4 (archived feeds). Items are cut into pages of a fixed size counted from the
/// oldest, so a new story never moves an old one: once a page is full its content is fixed. The
/// newest, partial page is not published: its items are all in the subscription feed, which
/// shows more than a page holds. A reader that follows prev-archive from the subscription feed
/// meets every item; the pages themselves never repeat one.
/// </summary>
public static class ArchivePages
{
    /// <summary>The full pages, oldest first.</summary>
    public static IReadOnlyList<ArchivePage> From(IReadOnlyList<NewsItem> newestFirst, int pageSize)
    {
        var full = newestFirst.Count / pageSize;
        var pages = new List<ArchivePage>(full);
        for (var page = 0; page < full; page++)
        {
            // Page 1 holds the oldest pageSize items; each page lists its items newest first.
            var oldestIndex = newestFirst.Count - 1 - page * pageSize;
            var items = new NewsItem[pageSize];
            for (var i = 0; i < pageSize; i++)
                items[i] = newestFirst[oldestIndex - (pageSize - 1) + i];
            pages.Add(new ArchivePage(page + 1, items));
        }
        return pages;
    }
}
