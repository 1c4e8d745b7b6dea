using Feed.Publishing;

namespace Feed.Documents;

// What a snapshot selected from the previous publication takes over from the previous snapshot,
// brought up to date with the stories that left and came: its page lookups and recent window.
public sealed partial class FeedSnapshot
{
    // Each story by its page. Selected from the publication served before: that one's map with
    // the stories that left and came laid over it, not 100,000 pages hashed again.
    static LayeredMap<NewsItem> PagesOf(Publication publication, FeedSnapshot? before)
    {
        if (before is null || publication.Delta is not { } delta || delta.From != before.Publication.Serial)
        {
            var byPath = new Dictionary<string, NewsItem?>(publication.Items.Count, StringComparer.Ordinal);
            foreach (var item in publication.Items)
                byPath.Add(item.PagePath, item); // one story per page (Publication.Select)
            return LayeredMap<NewsItem>.Of(byPath);
        }
        return before._byPath.With(delta.Left.Select(i => i.PagePath), delta.Came.Select(i => KeyValuePair.Create(i.PagePath, i)));
    }

    // The stories within the recent window. Selected from the publication laid out before: that
    // one's, less what left the window or the folder, and what came, not every story looked at.
    static List<NewsItem> RecentOf(Publication publication, FeedSettings settings, ListingMemo? before)
    {
        if (ListingMemo.Since(before, publication) is not { } delta)
            return Subscription.Recent(publication.Items, settings, publication.At);
        var left = new HashSet<NewsItem>(delta.Left, ReferenceEqualityComparer.Instance);
        var recent = Subscription.Recent(before!.Recent.Where(i => !left.Contains(i)).Concat(delta.Came), settings, publication.At);
        recent.Sort(Publication.NewestFirst);
        return recent;
    }

    /// <summary>How many story pages share one path compared ignoring case.</summary>
    sealed record PageCount(int Pages)
    {
        public static readonly PageCount One = new(1); // almost every page
    }

    // The same, compared ignoring case, for the migration redirects: two pages may differ in case alone.
    static LayeredMap<PageCount> PagesIgnoringCase(Publication publication, FeedSnapshot? before)
    {
        if (before is null || publication.Delta is not { } delta || delta.From != before.Publication.Serial)
        {
            var pages = new Dictionary<string, PageCount?>(publication.Items.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var item in publication.Items)
                pages[item.PagePath] = pages.TryGetValue(item.PagePath, out var shared) ? new PageCount(shared!.Pages + 1) : PageCount.One;
            return LayeredMap<PageCount>.Of(pages);
        }
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in delta.Left)
            counts[item.PagePath] = (counts.TryGetValue(item.PagePath, out var n) ? n : before._pagesIgnoringCase.GetValueOrDefault(item.PagePath)?.Pages ?? 0) - 1;
        foreach (var item in delta.Came)
            counts[item.PagePath] = (counts.TryGetValue(item.PagePath, out var n) ? n : before._pagesIgnoringCase.GetValueOrDefault(item.PagePath)?.Pages ?? 0) + 1;
        return before._pagesIgnoringCase.With(counts.Where(c => c.Value <= 0).Select(c => c.Key),
            counts.Where(c => c.Value > 0).Select(c => KeyValuePair.Create(c.Key, c.Value == 1 ? PageCount.One : new PageCount(c.Value))));
    }
}
