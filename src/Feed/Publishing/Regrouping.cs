namespace Feed.Publishing;

/// <summary>
/// Groups of stories (tags, authors, sections, months) brought up to date from the stories that
/// left and came since the publication they were made for: a group no changed story belongs to
/// is kept as it was, by reference, so the documents laid out from it are carried over.
/// </summary>
static class Regrouping
{
    /// <param name="before">The groups made for the earlier publication, ordered by key (ordinal).</param>
    /// <param name="keyOf">A group's key.</param>
    /// <param name="itemsOf">A group's stories, newest first.</param>
    /// <param name="keysOf">The keys of the groups a story belongs to, each once.</param>
    /// <param name="make">A group from its key and stories, or null to drop it (no story left in it).</param>
    /// <param name="delta">What changed.</param>
    /// <returns>The groups for the later publication, in the same order; null when a story is not where the earlier groups say.</returns>
    public static List<TGroup>? Apply<TGroup>(IReadOnlyList<TGroup> before, Func<TGroup, string> keyOf, Func<TGroup, IReadOnlyList<NewsItem>> itemsOf,
        Func<NewsItem, IEnumerable<string>> keysOf, Func<string, List<NewsItem>, TGroup?> make, PublicationDelta delta) where TGroup : class
    {
        var changed = new SortedDictionary<string, List<NewsItem>>(StringComparer.Ordinal);
        foreach (var item in delta.Left)
        {
            foreach (var key in keysOf(item))
            {
                var items = Stories(key);
                var at = items.BinarySearch(item, Publication.ByNewest);
                if (at < 0 || !ReferenceEquals(items[at], item))
                    return null;
                items.RemoveAt(at);
            }
        }
        foreach (var item in delta.Came)
        {
            foreach (var key in keysOf(item))
            {
                var items = Stories(key);
                var at = items.BinarySearch(item, Publication.ByNewest);
                if (at >= 0)
                    return null;
                items.Insert(~at, item);
            }
        }

        var result = new List<TGroup>(before.Count + changed.Count);
        var i = 0;
        foreach (var (key, items) in changed)
        {
            while (i < before.Count && string.CompareOrdinal(keyOf(before[i]), key) < 0)
                result.Add(before[i++]);
            if (i < before.Count && keyOf(before[i]) == key)
                i++;
            if (make(key, items) is { } group)
                result.Add(group);
        }
        while (i < before.Count)
            result.Add(before[i++]);
        return result;

        List<NewsItem> Stories(string key)
        {
            if (!changed.TryGetValue(key, out var items))
            {
                var at = Find(key);
                changed[key] = items = at >= 0 ? [.. itemsOf(before[at])] : [];
            }
            return items;
        }

        int Find(string key)
        {
            int low = 0, high = before.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                var c = string.CompareOrdinal(keyOf(before[mid]), key);
                if (c == 0)
                    return mid;
                if (c < 0)
                    low = mid + 1;
                else
                    high = mid - 1;
            }
            return -1;
        }
    }
}
