using Feed.Site;
namespace Feed.Publishing;

/// <summary>
/// One month's document (UTC): an RFC 5005 archive once the month is over, a growing page of the
/// current month until then.
/// </summary>
/// <param name="Year">The month's year.</param>
/// <param name="Month">The month, 1 to 12.</param>
/// <param name="Items">Every story published that month, newest first.</param>
/// <param name="PreviousPath">The month before, when there is a story that early.</param>
/// <param name="NextPath">The month after, when this one is over (the next is then an archive or the current month's page).</param>
/// <param name="IsComplete">The month is over: an archive (fh:archive), whose entries change only with its own stories.</param>
public sealed record ArchivePage(int Year, int Month, IReadOnlyList<NewsItem> Items, string? PreviousPath, string? NextPath, bool IsComplete)
{
    public string Path => SitePaths.Archive(Year, Month);

    /// <summary>The same month as JSON Feed, reached through next_url.</summary>
    public string JsonPath => SitePaths.ArchiveJson(Year, Month);

    /// <summary>
    /// The updated time of the document when the month has no story (RFC 4287 4.2.15 asks for one):
    /// its last second once it is over, its first while it runs; never in the future, and the same
    /// on every rebuild.
    /// </summary>
    public DateTimeOffset EmptyUpdated
    {
        get
        {
            var start = new DateTimeOffset(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);
            return IsComplete ? start.AddMonths(1).AddSeconds(-1) : start;
        }
    }
}

/// <summary>
/// RFC 5005 section 4 (archived feeds), one document per calendar month. An item's month is fixed
/// by its own date, so adding, deleting or back-dating a story changes only the month that covers
/// its date. Every month from the oldest story's to the current one has a document, empty ones
/// included, so links never skip a month and a story in an empty month changes no neighbour.
/// Only a month that is over is an archive, which a reader may cache for good: the current
/// month's document keeps growing, so it is a plain page, linked as the newest archive's
/// next-archive at the URL it keeps when its month ends. A reader that walks prev-archive from
/// the subscription feed meets every story, each in one month's document.
/// </summary>
public static class ArchivePages
{
    /// <summary>The monthly documents, oldest first, the last one the current month's.</summary>
    /// <param name="newestFirst">What is published.</param>
    /// <param name="now">The moment of publication: its month is the current one.</param>
    public static IReadOnlyList<ArchivePage> From(IReadOnlyList<NewsItem> newestFirst, DateTimeOffset now)
    {
        var pages = new List<ArchivePage>();
        if (newestFirst.Count == 0)
            return pages;
        var byMonth = newestFirst.GroupBy(i => MonthIndex(i.Published)).ToDictionary(g => g.Key, g => g.ToList());
        var first = byMonth.Keys.Min();
        var current = Math.Max(MonthIndex(now), byMonth.Keys.Max());
        for (var month = first; month <= current; month++)
        {
            pages.Add(new ArchivePage(month / 12, month % 12 + 1, byMonth.GetValueOrDefault(month) ?? [],
                month > first ? Path(month - 1) : null, month < current ? Path(month + 1) : null, IsComplete: month < current));
        }
        return pages;
    }

    /// <summary>
    /// The months of a publication selected from the one <paramref name="before"/> was made for,
    /// or null (then <see cref="From"/>): within the same current month, when every changed story
    /// falls in a month that already has a document and the oldest month keeps a story.
    /// </summary>
    internal static IReadOnlyList<ArchivePage>? Update(IReadOnlyList<ArchivePage> before, PublicationDelta delta, DateTimeOffset now)
    {
        if (before.Count == 0 || MonthIndex(now) != MonthIndex(delta.FromAt) || MonthIndex(now) != before[^1].Year * 12 + before[^1].Month - 1)
            return null;
        var first = before[0].Year * 12 + before[0].Month - 1;
        if (delta.Came.Any(i => MonthIndex(i.Published) < first))
            return null;
        var byPath = before.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var pages = Regrouping.Apply(before, p => p.Path, p => p.Items, item => [Path(MonthIndex(item.Published))],
            (path, items) => byPath[path] with { Items = items }, delta);
        return pages is null || pages.Count != before.Count || pages[0].Items.Count == 0 ? null : pages;
    }

    /// <summary>When the current month's document becomes an archive: the first instant of the next month (UTC).</summary>
    public static DateTimeOffset MonthAfter(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    static string Path(int month) => SitePaths.Archive(month / 12, month % 12 + 1);

    static int MonthIndex(DateTimeOffset published)
    {
        var utc = published.UtcDateTime;
        return utc.Year * 12 + utc.Month - 1;
    }
}
