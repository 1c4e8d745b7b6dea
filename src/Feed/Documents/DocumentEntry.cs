namespace Feed.Documents;

/// <summary>
/// One document of a snapshot: the items it shows, a key for everything else it depends on, and
/// its representation, rendered once, when first asked for. A failed render is not remembered:
/// the next request tries again.
/// </summary>
public sealed class DocumentEntry
{
    readonly Lock _lock = new();
    DocumentRecipe? _recipe;
    Representation? _rendered;

    public DocumentEntry(NewsItem[] items, string key, DocumentRecipe recipe)
    {
        Items = items;
        Key = key;
        _recipe = recipe;
    }

    public NewsItem[] Items { get; }

    public string Key { get; }

    public bool IsRendered => Volatile.Read(ref _rendered) is not null;

    public Representation Document
    {
        get
        {
            if (Volatile.Read(ref _rendered) is { } done)
                return done;
            lock (_lock)
            {
                if (_rendered is null)
                {
                    _rendered = _recipe!.Render();
                    _recipe = null; // the bytes are all that is needed from now on
                }
                return _rendered;
            }
        }
    }

    /// <summary>Whether this entry can stand for a document of these items and key.</summary>
    public bool Shows(IReadOnlyList<NewsItem> items, string key)
    {
        if (Key != key || Items.Length != items.Count)
            return false;
        for (var i = 0; i < Items.Length; i++)
        {
            if (!ReferenceEquals(Items[i], items[i]))
                return false;
        }
        return true;
    }
}
