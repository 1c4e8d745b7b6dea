using Feed.Publishing;

namespace Feed.Documents;

/// <summary>
/// The documents each tag, author and section had in one snapshot (feeds, first page, numbered
/// pages), with the stories they were made from: the next snapshot carries those of every
/// listing whose stories did not change over by reference, without laying them out again, so a
/// change costs the listings it touched.
/// </summary>
sealed class ListingMemo
{
    readonly Dictionary<string, Listed> _listings = new(StringComparer.Ordinal);

    /// <summary>The publication the groups below were made for (<see cref="Publication.Serial"/>).</summary>
    public long Serial { get; init; }

    public IReadOnlyList<Tag> Tags { get; set; } = [];

    public IReadOnlyList<ListedStories> Authors { get; set; } = [];

    public IReadOnlyList<ListedStories> Sections { get; set; } = [];

    public IReadOnlyList<ArchivePage> Archives { get; set; } = [];

    /// <summary>The stories within the recent window, newest first (<see cref="Subscription.Recent"/>).</summary>
    public IReadOnlyList<NewsItem> Recent { get; set; } = [];

    /// <summary>What changed since the publication <paramref name="before"/> was laid out for, when this one was selected from it.</summary>
    public static PublicationDelta? Since(ListingMemo? before, Publication publication) =>
        before is not null && publication.Delta is { } delta && delta.From == before.Serial ? delta : null;

    /// <param name="Name">The name the documents show.</param>
    /// <param name="Items">The listing's stories, newest first.</param>
    /// <param name="ValidUntil">
    /// When the documents change by themselves (a story leaving a feed's recent window), or null:
    /// until then the same stories give the same documents.
    /// </param>
    /// <param name="Paths">Its documents.</param>
    /// <param name="Pages">Its pages, for the sitemaps.</param>
    /// <param name="Source">The list the stories came in: a group no changed story belongs to comes again as the same list.</param>
    sealed record Listed(string Name, NewsItem[] Items, DateTimeOffset? ValidUntil, string[] Paths, string[] Pages, IReadOnlyList<NewsItem> Source);

    /// <summary>
    /// Carries over the documents the listing had in <paramref name="before"/> when its name and
    /// stories are the same and their time has not come; adds its pages to <paramref name="pages"/>.
    /// </summary>
    public bool Reuse(ListingMemo? before, string key, string name, IReadOnlyList<NewsItem> items, DateTimeOffset at, DocumentSet.Builder set,
        List<string> pages)
    {
        if (before?._listings.GetValueOrDefault(key) is not { } listed || listed.Name != name || listed.ValidUntil <= at || !ReferenceEquals(listed.Source, items) && !Same(listed.Items, items)
            || !set.Reuse(listed.Paths))
            return false;
        pages.AddRange(listed.Pages);
        _listings[key] = listed;
        return true;
    }

    /// <summary>Starts recording the documents a listing adds to <paramref name="set"/>.</summary>
    public static (List<string> Paths, int FirstPage) Begin(DocumentSet.Builder set, List<string> pages)
    {
        set.Recording = [];
        return (set.Recording, pages.Count);
    }

    /// <summary>Remembers what the listing added since <see cref="Begin"/>.</summary>
    public void Remember(string key, string name, IReadOnlyList<NewsItem> items, DateTimeOffset? validUntil, DocumentSet.Builder set,
        (List<string> Paths, int FirstPage) recorded, List<string> pages)
    {
        set.Recording = null;
        _listings[key] = new Listed(name, [.. items], validUntil, [.. recorded.Paths], [.. pages.Skip(recorded.FirstPage)], items);
    }

    static bool Same(NewsItem[] before, IReadOnlyList<NewsItem> now)
    {
        if (before.Length != now.Count)
            return false;
        for (var i = 0; i < before.Length; i++)
        {
            if (!ReferenceEquals(before[i], now[i]))
                return false;
        }
        return true;
    }
}
