namespace Feed;

/// <summary>
/// Which items are published at a moment: no drafts, nothing dated later than now, one item per
/// id and per slug, newest first (by published date, then id).
/// </summary>
public sealed record Publication(IReadOnlyList<NewsItem> Items, IReadOnlyList<ItemProblem> Problems, DateTimeOffset? NextScheduled)
{
    public static Publication Select(IEnumerable<NewsItem> candidates, DateTimeOffset now)
    {
        var problems = new List<ItemProblem>();
        DateTimeOffset? next = null;
        var visible = new List<NewsItem>();
        foreach (var item in candidates)
        {
            if (item.Draft)
                continue;
            if (item.Published > now)
            {
                next = next is null || item.Published < next ? item.Published : next;
                continue;
            }
            visible.Add(item);
        }

        var unique = OnePer(visible, i => i.Id, "id", problems);
        unique = OnePer(unique, i => i.Slug, "slug (page URL)", problems);
        unique.Sort(NewestFirst);
        return new Publication(unique, problems, next);
    }

    public static int NewestFirst(NewsItem a, NewsItem b)
    {
        var byDate = b.Published.CompareTo(a.Published);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Id, b.Id);
    }

    // "The newer file wins": newer by the item's own dates, so that every machine agrees
    // (file times differ between clones); the path breaks a tie.
    static int Newer(NewsItem a, NewsItem b)
    {
        var c = a.Updated.CompareTo(b.Updated);
        if (c == 0)
            c = a.Published.CompareTo(b.Published);
        return c != 0 ? c : string.CompareOrdinal(a.SourcePath, b.SourcePath);
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
