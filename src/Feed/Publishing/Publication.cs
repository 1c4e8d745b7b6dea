using Feed.Folder;
using Feed.Items;
namespace Feed.Publishing;

/// <summary>
/// Which items are published at a moment: no drafts, nothing dated later than now, nothing
/// expired, one item per id, one page URL per item, newest first (by published date, then id).
/// </summary>
/// <param name="Items">What is published.</param>
/// <param name="Problems">Conflicts between files (one id, one slug).</param>
/// <param name="NextScheduled">The next moment the published set changes by itself: a held item's time or an expiry.</param>
public sealed partial record Publication(IReadOnlyList<NewsItem> Items, IReadOnlyList<ItemProblem> Problems, DateTimeOffset? NextScheduled)
{
    /// <summary>Items dated after the moment of selection, held back until their time.</summary>
    public IReadOnlyList<NewsItem> Scheduled { get; init; } = [];

    /// <summary>Items whose <c>expires</c> time has passed.</summary>
    public IReadOnlyList<NewsItem> Expired { get; init; } = [];

    /// <summary>Items marked <c>draft</c>.</summary>
    public IReadOnlyList<NewsItem> Drafts { get; init; } = [];

    /// <summary>The moment of selection: its month is the one not yet archived (<see cref="ArchivePages"/>).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// The next moment the documents change by themselves: <see cref="NextScheduled"/> (a held
    /// story, an expiry, an 'updated' that comes due), the end of the month, when the current
    /// month's document becomes an archive, or a story leaving the Google News sitemap's two days
    /// (<see cref="NewsWindow"/>).
    /// </summary>
    public DateTimeOffset? NextChange =>
        Items.Count == 0 ? NextScheduled
        : Earliest(NewsWindow.NextChange(Items, At) is { } news ? Earliest(NextScheduled, news) : NextScheduled, ArchivePages.MonthAfter(At));

    /// <summary>
    /// The selection at <paramref name="now"/>. With the <paramref name="previous"/> publication it
    /// looks at the candidates that changed since that one alone, where that comes out the same
    /// (Publication.Changed.cs); only the newest publication is built on.
    /// </summary>
    /// <param name="changes">What changed among the candidates since <paramref name="previous"/>'s, when known: nothing else is looked at.</param>
    public static Publication Select(IReadOnlyList<NewsItem> candidates, DateTimeOffset now, Publication? previous, ItemChanges? changes = null) =>
        previous?.TakeIndex() is { } index && previous.SelectChanged(candidates, now, index, changes) is { } changed
            ? changed
            : Index(Select(candidates, now), candidates, changes);

    public static Publication Select(IEnumerable<NewsItem> candidates, DateTimeOffset now)
    {
        var problems = new List<ItemProblem>();
        DateTimeOffset? next = null;
        var visible = new List<NewsItem>();
        List<NewsItem> scheduled = [], expired = [], drafts = [];
        foreach (var item in candidates)
        {
            if (HeldBack(item, now, drafts, expired, scheduled, ref next))
                continue;
            // A correction dated ahead of the clock is shown as not yet made; that time wakes the
            // service, so feed dates follow when it comes.
            if (item.Updated > now)
                next = Earliest(next, item.Updated);
            visible.Add(NotUpdatedLaterThan(now, item, problems));
        }

        var unique = DistinctPages(visible, problems);
        unique = OnePer(unique, i => i.Id, "id", problems);
        unique.Sort(NewestFirst);
        return new Publication(unique, problems, next) { Scheduled = scheduled, Expired = expired, Drafts = drafts, At = now };
    }

    /// <summary>
    /// A published story whose 'updated' is still to come (a typo: 2031 for 2021) would put every
    /// feed-level date it reaches (Atom's feed updated, RSS lastBuildDate, JSON Feed, sitemap
    /// lastmod) in the future, where no real correction could look newer: it is a warning, and
    /// the story is published with its date as its updated time. That choice depends on the file
    /// alone, so the bytes stay the same on every rebuild while the typo stands.
    /// </summary>
    static NewsItem NotUpdatedLaterThan(DateTimeOffset now, NewsItem item, List<ItemProblem> problems)
    {
        if (item.Updated <= now)
            return item;
        problems.Add(new(item.SourcePath, item.UpdatedLine,
            $"'updated' {ItemDate.Rfc3339String(item.Updated)} is later than now; the story is published with its 'date' as its updated time until then",
            ProblemLevel.Warning));
        return item with { Updated = item.Published };
    }

    /// <summary>
    /// Puts a draft, an expired or a scheduled item in its list and returns true; moves
    /// <paramref name="next"/> to its time when that wakes the service. False: it is published.
    /// </summary>
    static bool HeldBack(NewsItem item, DateTimeOffset now, List<NewsItem> drafts, List<NewsItem> expired, List<NewsItem> scheduled,
        ref DateTimeOffset? next)
    {
        if (item.Draft)
        {
            drafts.Add(item);
            return true;
        }
        if (item.Expires <= now)
        {
            expired.Add(item);
            return true;
        }
        // docs/items.md: an item with 'expires' leaves the feeds at that time, so
        // that time wakes the service like a scheduled one.
        if (item.Expires is { } expires)
            next = Earliest(next, expires);
        if (item.Published <= now)
            return false;
        scheduled.Add(item);
        next = Earliest(next, item.Published);
        return true;
    }

    /// <summary>Newest first, as a comparer for binary searches in a publication's items.</summary>
    internal static readonly Comparer<NewsItem> ByNewest = Comparer<NewsItem>.Create(NewestFirst);

    static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    public static int NewestFirst(NewsItem a, NewsItem b)
    {
        var byDate = b.Published.CompareTo(a.Published);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Id, b.Id);
    }

    // "The newer file wins": newer by the item's own dates, so that every machine agrees
    // (file times differ between clones); the path breaks a tie.
    public static int Newer(NewsItem a, NewsItem b)
    {
        var c = a.Updated.CompareTo(b.Updated);
        if (c == 0)
            c = a.Published.CompareTo(b.Published);
        return c != 0 ? c : string.CompareOrdinal(a.SourcePath, b.SourcePath);
    }

    /// <summary>
    /// Pages and minted ids come from each file alone, so two files collide only when they say the
    /// same slug on the same day, or their names differ only in case, punctuation or extension
    /// (budget.md, Budget.txt). Both are published, never one dropped: the first by path keeps the
    /// URL and each other gets "-2", "-3" (and its minted id with it), with a warning to set a slug.
    /// </summary>
    static List<NewsItem> DistinctPages(List<NewsItem> items, List<ItemProblem> problems)
    {
        // One pass to find whether any page is shared (almost never): grouping 100,000 items
        // to find none was a good part of a cold start's selection.
        var taken = new HashSet<string>(items.Count, StringComparer.Ordinal);
        HashSet<string>? shared = null;
        foreach (var item in items)
        {
            if (!taken.Add(item.PagePath))
                (shared ??= new(StringComparer.Ordinal)).Add(item.PagePath);
        }
        if (shared is null)
            return items;
        var groups = items.Where(i => shared.Contains(i.PagePath)).GroupBy(i => i.PagePath, StringComparer.Ordinal).ToList();
        var renamed = new Dictionary<NewsItem, NewsItem>(ReferenceEqualityComparer.Instance);
        foreach (var group in groups)
        {
            // A story the ledger remembers keeps its page; among the rest, the first by path.
            var byPath = group.OrderBy(i => i.Noticed is null).ThenBy(i => i.SourcePath, StringComparer.Ordinal).ToList();
            foreach (var item in byPath.Skip(1))
            {
                ItemIdentity identity;
                var n = 2;
                do
                    identity = item.Identity.WithSlug($"{item.Slug}-{n++}", item.Published);
                while (taken.Contains(identity.PagePath));
                taken.Add(identity.PagePath);
                renamed[item] = item with { Identity = identity };
                problems.Add(new(item.SourcePath, null,
                    $"has the same page {item.PagePath} as {byPath[0].SourcePath}; its page is {identity.PagePath} (set 'slug:' in one of them to choose)",
                    ProblemLevel.Warning));
            }
        }
        return items.Select(i => renamed.GetValueOrDefault(i, i)).ToList();
    }

    static List<NewsItem> OnePer(List<NewsItem> items, Func<NewsItem, string> key, string what, List<ItemProblem> problems)
    {
        var winners = new Dictionary<string, NewsItem>(StringComparer.Ordinal);
        List<(NewsItem Loser, string Key)>? losers = null;
        foreach (var item in items)
        {
            var k = key(item);
            if (!winners.TryGetValue(k, out var other))
            {
                winners[k] = item;
                continue;
            }
            var (winner, loser) = Newer(item, other) > 0 ? (item, other) : (other, item);
            winners[k] = winner;
            (losers ??= []).Add((loser, k));
        }
        if (losers is null)
            return items.Count == winners.Count ? items : [.. winners.Values];

        foreach (var (loser, k) in losers.OrderBy(l => l.Loser.SourcePath, StringComparer.Ordinal))
        {
            var winner = winners[k];
            problems.Add(new(loser.SourcePath, null,
                $"has the same {what} '{k}' as {winner.SourcePath}; the newer one, {winner.SourcePath}, is published and this one is not", ProblemLevel.Warning));
            problems.Add(new(winner.SourcePath, null,
                $"has the same {what} '{k}' as {loser.SourcePath}; this one is newer and is published", ProblemLevel.Warning));
        }
        return [.. winners.Values];
    }
}
