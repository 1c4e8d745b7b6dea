namespace Feed.Documents;

/// <summary>
/// The documents of one snapshot by path. Built with the previous set at hand, so that a document
/// whose items and key did not change is carried over as it is (rendered or not): a change costs
/// work in proportion to what it touched.
/// </summary>
public sealed class DocumentSet
{
    readonly Dictionary<string, DocumentEntry> _entries;

    DocumentSet(Dictionary<string, DocumentEntry> entries) => _entries = entries;

    public DocumentEntry? this[string path] => _entries.GetValueOrDefault(path);

    public IEnumerable<string> Paths => _entries.Keys;

    /// <summary>The paths that are new or were rebuilt since <paramref name="previous"/>, without rendering anything.</summary>
    public IEnumerable<string> ChangedSince(DocumentSet previous) =>
        _entries.Where(e => !(previous._entries.TryGetValue(e.Key, out var old) && ReferenceEquals(old, e.Value))).Select(e => e.Key);

    /// <summary>
    /// A hash of every document's <see cref="DocumentEntry.Fingerprint"/>: equal fingerprints
    /// (with equal settings) mean equal bytes, on any machine, without rendering anything.
    /// </summary>
    public ulong Fingerprint()
    {
        ulong combined = 0;
        foreach (var entry in _entries.Values)
            combined += entry.Fingerprint * 0x9E3779B97F4A7C15UL; // order-free: the same set in any order
        return combined;
    }

    /// <summary>Paths that <paramref name="previous"/> had and this set has not.</summary>
    public IEnumerable<string> RemovedSince(DocumentSet previous) => previous._entries.Keys.Where(p => !_entries.ContainsKey(p));

    /// <summary>Collects a set; holds the previous one only while building.</summary>
    public sealed class Builder(DocumentSet? reusable)
    {
        readonly Dictionary<string, DocumentEntry> _entries = new(StringComparer.Ordinal);

        /// <summary>The paths added from now on are also written here (null: not recorded).</summary>
        public List<string>? Recording { get; set; }

        public void Add(string path, IReadOnlyList<NewsItem> items, string key, DocumentRecipe recipe)
        {
            _entries[path] = reusable?._entries.GetValueOrDefault(path) is { } old && old.Shows(items, key)
                ? old
                : new DocumentEntry(path, [.. items], key, recipe);
            Recording?.Add(path);
        }

        /// <summary>Carries the previous set's documents at these paths over as they are, all or none; false when it lacked one.</summary>
        public bool Reuse(IReadOnlyList<string> paths)
        {
            if (reusable is null || !paths.All(reusable._entries.ContainsKey))
                return false;
            foreach (var path in paths)
                _entries[path] = reusable._entries[path];
            return true;
        }

        public DocumentSet Build()
        {
            reusable = null;
            return new DocumentSet(_entries);
        }
    }
}
