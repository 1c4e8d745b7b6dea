using Feed.Folder;

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
    bool _filesChanged = true;

    // What the last Apply made, kept so that the next one, told what changed, looks at that alone:
    // the files served, each story whose enclosure took its file's facts (by path, with the item
    // it was made from), each story's warnings, and the versions of the items in and out.
    AssetSet _assets = AssetSet.Empty;
    Dictionary<string, (NewsItem In, NewsItem Out)> _resolved = new(StringComparer.Ordinal);
    Dictionary<string, ItemProblem[]> _problems = new(StringComparer.Ordinal);
    long _from = -1, _version = ItemChanges.NewVersion();

    /// <summary>Looks at the folder again; the number of served files added, changed or removed.</summary>
    public int Scan()
    {
        (_files, var changed) = _scan.Scan();
        _filesChanged |= changed > 0;
        return changed;
    }

    /// <summary>
    /// The files served with <paramref name="items"/> (their page bundles), the items with their
    /// local enclosures' real lengths and types, and a warning for each file named but not served.
    /// </summary>
    public (AssetSet Assets, IReadOnlyList<NewsItem> Items, IReadOnlyList<ItemProblem> Problems) Apply(IReadOnlyList<NewsItem> items)
    {
        var (assets, result, problems, _) = Apply(items, null);
        return (assets, result, problems);
    }

    /// <summary>
    /// The same, told what changed among <paramref name="items"/> since the last call: with the
    /// served files as they were, only those stories are looked at. <c>Changes</c>: what changed
    /// among the items returned (<see cref="ItemChanges.Everything"/> when every story was looked at).
    /// </summary>
    public (AssetSet Assets, IReadOnlyList<NewsItem> Items, IReadOnlyList<ItemProblem> Problems, ItemChanges? Changes) Apply(IReadOnlyList<NewsItem> items,
        ItemChanges? changes)
    {
        var told = changes is not null && changes.From == _from && !_filesChanged;
        _from = changes?.To ?? -1;
        _filesChanged = false;
        if (told && ApplyChanged(items, changes!) is { } output)
            return (_assets, Substituted(items), [.. _problems.Values.SelectMany(p => p)], output);

        _assets = new AssetSet(_files, items, site);
        var resolved = new Dictionary<string, (NewsItem In, NewsItem Out)>(StringComparer.Ordinal);
        _problems = new(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (Resolve(item) is { } now)
                resolved[item.SourcePath] = (item, now);
            Check(item);
        }
        _resolved = resolved;
        _version = ItemChanges.NewVersion();
        return (_assets, Substituted(items), [.. _problems.Values.SelectMany(p => p)], ItemChanges.Everything(_version));
    }

    ItemChanges? ApplyChanged(IReadOnlyList<NewsItem> items, ItemChanges changes)
    {
        // A page bundle's files answer beside its story's page: a change to one lays them out again.
        if (changes.Items.Any(c => AssetSet.IsBundle(c.Key)))
            _assets = new AssetSet(_files, items, site);
        var output = new Dictionary<string, NewsItem?>(StringComparer.Ordinal);
        foreach (var (path, item) in changes.Items)
        {
            _problems.Remove(path);
            if (item is null)
            {
                _resolved.Remove(path);
                output[path] = null;
                continue;
            }
            if (Resolve(item) is { } now)
                _resolved[path] = (item, now);
            else
                _resolved.Remove(path);
            Check(item);
            output[path] = _resolved.TryGetValue(path, out var r) ? r.Out : item;
        }
        var from = _version;
        if (output.Count > 0)
            _version = ItemChanges.NewVersion();
        return new ItemChanges(from, _version, output);
    }

    // The item with its local enclosure's facts, or null when it needs none; the same object as
    // before for the same item and facts, so no document is rebuilt for nothing.
    NewsItem? Resolve(NewsItem item)
    {
        var now = _assets.WithFileFacts(item);
        if (ReferenceEquals(now, item))
            return null;
        return _resolved.TryGetValue(item.SourcePath, out var before) && ReferenceEquals(before.In, item) && before.Out.Enclosure == now.Enclosure
            ? before.Out : now;
    }

    void Check(NewsItem item)
    {
        if (!item.Draft && _assets.Check(item).ToArray() is { Length: > 0 } found)
            _problems[item.SourcePath] = found;
    }

    IReadOnlyList<NewsItem> Substituted(IReadOnlyList<NewsItem> items)
    {
        if (_resolved.Count == 0)
            return items;
        var byItem = new Dictionary<NewsItem, NewsItem>(_resolved.Count, ReferenceEqualityComparer.Instance);
        foreach (var (input, output) in _resolved.Values)
            byItem[input] = output;
        return [.. items.Select(i => byItem.GetValueOrDefault(i, i))];
    }
}
