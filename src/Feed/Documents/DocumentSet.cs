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

    /// <summary>Paths that <paramref name="previous"/> had and this set has not.</summary>
    public IEnumerable<string> RemovedSince(DocumentSet previous) => previous._entries.Keys.Where(p => !_entries.ContainsKey(p));

    /// <summary>Collects a set; holds the previous one only while building.</summary>
    public sealed class Builder(DocumentSet? reusable)
    {
        readonly Dictionary<string, DocumentEntry> _entries = new(StringComparer.Ordinal);

        public void Add(string path, IReadOnlyList<NewsItem> items, string key, DocumentRecipe recipe) =>
            _entries[path] = reusable?._entries.GetValueOrDefault(path) is { } old && old.Shows(items, key)
                ? old
                : new DocumentEntry([.. items], key, recipe);

        public DocumentSet Build()
        {
            reusable = null;
            return new DocumentSet(_entries);
        }
    }
}
