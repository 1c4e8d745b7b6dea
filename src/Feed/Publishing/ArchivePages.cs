using Feed.Site;
namespace Feed.Publishing;

/// <summary>One RFC 5005 archive document: every item published in one calendar month (UTC).</summary>
public sealed record ArchivePage(int Year, int Month, IReadOnlyList<NewsItem> Items, string? PreviousPath)
{
    public string Path => SitePaths.Archive(Year, Month);
}

/// <summary>
/// RFC 5005 section 4 (archived feeds), one document per calendar month. An item's archive is
/// fixed by its own date, so adding, deleting or back-dating a story changes only the month that
/// covers its date. Every month from the oldest story's to the newest story's has a document,
/// empty ones included, so that a story in a month that was empty changes no neighbour's
/// prev-archive link; no document links forward (next-archive is optional), so a new month
/// changes none of the old ones. A reader that walks prev-archive from the subscription feed
/// meets every story exactly once.
/// </summary>
public static class ArchivePages
{
    /// <summary>The monthly documents, oldest first.</summary>
    public static IReadOnlyList<ArchivePage> From(IReadOnlyList<NewsItem> newestFirst)
    {
        var pages = new List<ArchivePage>();
        if (newestFirst.Count == 0)
            return pages;
        var byMonth = newestFirst.GroupBy(i => MonthIndex(i.Published)).ToDictionary(g => g.Key, g => g.ToList());
        var first = byMonth.Keys.Min();
        var last = byMonth.Keys.Max();
        string? previous = null;
        for (var month = first; month <= last; month++)
        {
            var page = new ArchivePage(month / 12, month % 12 + 1, byMonth.GetValueOrDefault(month) ?? [], previous);
            pages.Add(page);
            previous = page.Path;
        }
        return pages;
    }

    static int MonthIndex(DateTimeOffset published)
    {
        var utc = published.UtcDateTime;
        return utc.Year * 12 + utc.Month - 1;
    }
}
