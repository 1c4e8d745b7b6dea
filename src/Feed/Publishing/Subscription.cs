namespace Feed.Publishing;

/// <summary>
/// The stories a subscription document (a main, tag, author or section feed) carries: the newest
/// <see cref="FeedSettings.MaxItems"/>, and every older-dated story that Feed first published or
/// saw change within <see cref="FeedSettings.RecentWindow"/>, up to
/// <see cref="FeedSettings.MaxRecentItems"/> of them, newest first. A reader that polls within
/// the window misses no late story, bulk addition or correction.
/// </summary>
public static class Subscription
{
    public static IReadOnlyList<NewsItem> Of(IReadOnlyList<NewsItem> newestFirst, FeedSettings settings, DateTimeOffset now)
    {
        var newest = Math.Min(settings.MaxItems, newestFirst.Count);
        var since = now - settings.RecentWindow;
        List<NewsItem>? carried = null;
        for (var i = newest; i < newestFirst.Count && (carried?.Count ?? newest) < newest + settings.MaxRecentItems; i++)
        {
            if (newestFirst[i].Noticed > since)
                (carried ??= [.. newestFirst.Take(newest)]).Add(newestFirst[i]);
        }
        return carried ?? (newest == newestFirst.Count ? newestFirst : [.. newestFirst.Take(newest)]);
    }

    /// <summary>
    /// The same, from <paramref name="recent"/>: every story of <paramref name="newestFirst"/> first
    /// published or changed within the window, newest first (kept from snapshot to snapshot, so the
    /// whole list is not looked through).
    /// </summary>
    public static IReadOnlyList<NewsItem> Of(IReadOnlyList<NewsItem> newestFirst, FeedSettings settings, IReadOnlyList<NewsItem> recent)
    {
        var newest = Math.Min(settings.MaxItems, newestFirst.Count);
        List<NewsItem>? carried = null;
        if (newest > 0)
        {
            var last = newestFirst[newest - 1];
            foreach (var item in recent)
            {
                if ((carried?.Count ?? newest) >= newest + settings.MaxRecentItems)
                    break;
                if (Publication.NewestFirst(item, last) > 0)
                    (carried ??= [.. newestFirst.Take(newest)]).Add(item);
            }
        }
        return carried ?? (newest == newestFirst.Count ? newestFirst : [.. newestFirst.Take(newest)]);
    }

    /// <summary>The stories first published or changed within the window at <paramref name="now"/>, newest first.</summary>
    public static List<NewsItem> Recent(IEnumerable<NewsItem> newestFirst, FeedSettings settings, DateTimeOffset now)
    {
        var since = now - settings.RecentWindow;
        return [.. newestFirst.Where(i => i.Noticed > since)];
    }

    /// <summary>How many recent stories the cap left out (for a warning).</summary>
    public static int LeftOut(IReadOnlyList<NewsItem> newestFirst, FeedSettings settings, DateTimeOffset now)
    {
        var since = now - settings.RecentWindow;
        var recent = newestFirst.Skip(settings.MaxItems).Count(i => i.Noticed > since);
        return Math.Max(0, recent - settings.MaxRecentItems);
    }

    /// <summary>When the next story carried by the window leaves it (the document changes then), or null.</summary>
    public static DateTimeOffset? NextChange(IReadOnlyList<NewsItem> carried, FeedSettings settings)
    {
        DateTimeOffset? next = null;
        for (var i = settings.MaxItems; i < carried.Count; i++)
        {
            var leaves = carried[i].Noticed!.Value + settings.RecentWindow;
            if (next is null || leaves < next)
                next = leaves;
        }
        return next;
    }
}
