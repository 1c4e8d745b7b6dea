namespace Feed.Assets;

/// <summary>
/// The served files of one items folder across rebuilds: scans them (<see cref="AssetScan"/>),
/// gives local enclosures their files' facts and checks what stories name. A story whose facts
/// did not change keeps its object, so no document is rebuilt for nothing. One caller at a time.
/// </summary>
public sealed class AssetCatalog(string root, Uri site)
{
    readonly AssetScan _scan = new(root);
    IReadOnlyList<AssetFile> _files = [];
    Dictionary<NewsItem, NewsItem> _resolved = new(ReferenceEqualityComparer.Instance);

    /// <summary>Looks at the folder again; the number of served files added, changed or removed.</summary>
    public int Scan()
    {
        (_files, var changed) = _scan.Scan();
        return changed;
    }

    /// <summary>
    /// The files served with <paramref name="items"/> (their page bundles), the items with their
    /// local enclosures' real lengths and types, and a warning for each file named but not served.
    /// </summary>
    public (AssetSet Assets, IReadOnlyList<NewsItem> Items, IReadOnlyList<ItemProblem> Problems) Apply(IReadOnlyList<NewsItem> items)
    {
        var assets = new AssetSet(_files, items, site);
        var resolved = new Dictionary<NewsItem, NewsItem>(items.Count, ReferenceEqualityComparer.Instance);
        var result = new List<NewsItem>(items.Count);
        var problems = new List<ItemProblem>();
        foreach (var item in items)
        {
            var now = assets.WithFileFacts(item);
            if (!ReferenceEquals(now, item) && _resolved.TryGetValue(item, out var before) && before.Enclosure == now.Enclosure)
                now = before;
            resolved[item] = now;
            result.Add(now);
            if (!item.Draft)
                problems.AddRange(assets.Check(item));
        }
        _resolved = resolved;
        return (assets, result, problems);
    }
}
