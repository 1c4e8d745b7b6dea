namespace Feed.Folder;

/// <summary>
/// The items that changed, by source path, from one version of a list of items to the next: what
/// each step of a rebuild (the folder, identities, media, selection) hands the next, so that a
/// change costs what it touched. A step that last saw version <see cref="From"/> brings its own
/// state up to <see cref="To"/> from these alone; any other looks at every item.
/// </summary>
/// <param name="From">The version the changes start from.</param>
/// <param name="To">The version they lead to.</param>
/// <param name="Items">Each changed path with its item now, or null where it left.</param>
public sealed record ItemChanges(long From, long To, IReadOnlyDictionary<string, NewsItem?> Items)
{
    static long s_versions;

    /// <summary>
    /// A list at version <paramref name="to"/> whose changes are not known (every item was looked
    /// at): the next step looks at every item too, and follows on from there.
    /// </summary>
    public static ItemChanges Everything(long to) => new(long.MinValue, to, new Dictionary<string, NewsItem?>());

    /// <summary>A version no list of items had before: versions of different steps never meet.</summary>
    public static long NewVersion() => Interlocked.Increment(ref s_versions);

    /// <summary>These changes followed by <paramref name="later"/>, or <paramref name="later"/> alone when they do not follow on.</summary>
    public ItemChanges Then(ItemChanges later)
    {
        if (later.From != To)
            return later;
        var items = new Dictionary<string, NewsItem?>(Items, StringComparer.Ordinal);
        foreach (var (path, item) in later.Items)
            items[path] = item;
        return new ItemChanges(From, later.To, items);
    }
}
