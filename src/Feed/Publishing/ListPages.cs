using Feed.Site;
namespace Feed.Publishing;

/// <summary>One page of older stories in a listing (the site's or a tag's), with its neighbours' paths.</summary>
/// <param name="Number">1 for the oldest stories.</param>
/// <param name="Items">Its stories, newest first: always a full page.</param>
/// <param name="Path">Its URL path.</param>
/// <param name="Newer">The page of newer stories: the next number, or the listing's first page.</param>
/// <param name="Older">The page of older stories, or null on page 1.</param>
public sealed record ListPage(int Number, IReadOnlyList<NewsItem> Items, string Path, string Newer, string? Older);

/// <summary>
/// HTML pagination. The first page of a listing (the index, a tag page) shows the newest stories;
/// older ones are on numbered pages counted from the oldest, each holding exactly one page of
/// stories, so publishing a story moves no story to another page and leaves every numbered page's
/// bytes as they were (only the first page, and the newest numbered page's link back to it, can
/// change). Every story is on at least one page.
/// </summary>
public static class ListPages
{
    public static IReadOnlyList<ListPage> From(IReadOnlyList<NewsItem> newestFirst, int pageSize, string? tagSlug) =>
        From(newestFirst, pageSize, number => SitePaths.ListPage(tagSlug, number), SitePaths.FirstListPage(tagSlug));

    /// <summary>The numbered pages of an author's or a section's listing.</summary>
    public static IReadOnlyList<ListPage> Of(IReadOnlyList<NewsItem> newestFirst, int pageSize, Listing listing) =>
        From(newestFirst, pageSize, listing.ListPage, listing.Page);

    static List<ListPage> From(IReadOnlyList<NewsItem> newestFirst, int pageSize, Func<int, string> pathOf, string first)
    {
        var count = Count(newestFirst.Count, pageSize);
        var pages = new List<ListPage>(count);
        for (var number = count; number >= 1; number--)
        {
            var start = newestFirst.Count - number * pageSize;
            pages.Add(new ListPage(number, newestFirst.Skip(start).Take(pageSize).ToList(), pathOf(number),
                number == count ? first : pathOf(number + 1),
                number == 1 ? null : pathOf(number - 1)));
        }
        return pages;
    }

    /// <summary>The numbered page an author's or a section's first page links to as older, or null.</summary>
    public static string? OlderThanFirstOf(int itemCount, int pageSize, Listing listing) =>
        Count(itemCount, pageSize) is var count and > 0 ? listing.ListPage(count) : null;

    /// <summary>The numbered page the first page links to as older, or null when the first page shows every story.</summary>
    public static string? OlderThanFirst(int itemCount, int pageSize, string? tagSlug) =>
        Count(itemCount, pageSize) is var count and > 0 ? SitePaths.ListPage(tagSlug, count) : null;

    // Full pages of the stories the first page does not show: the first page shows pageSize of
    // them, so page k exists while its oldest story is older than every story shown first.
    static int Count(int itemCount, int pageSize) => itemCount == 0 ? 0 : (itemCount - 1) / pageSize;
}
