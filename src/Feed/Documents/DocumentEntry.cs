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

    public DocumentEntry(string path, NewsItem[] items, string key, DocumentRecipe recipe)
    {
        Items = items;
        Key = key;
        _recipe = recipe;
        Fingerprint = FingerprintOf(path, items, key);
    }

    /// <summary>
    /// A hash of everything the document's bytes are made from besides the settings: its path,
    /// key, and each item's identity, dates and file. Equal on every machine for equal inputs,
    /// without rendering anything.
    /// </summary>
    public ulong Fingerprint { get; }

    static ulong FingerprintOf(string path, NewsItem[] items, string key)
    {
        var hash = new System.IO.Hashing.XxHash3();
        Append(hash, path);
        Append(hash, key);
        Span<byte> number = stackalloc byte[8];
        foreach (var item in items)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(number, item.DocumentHash);
            hash.Append(number);
        }
        return hash.GetCurrentHashAsUInt64();
    }

    static void Append(System.IO.Hashing.XxHash3 hash, string text)
    {
        hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()));
        hash.Append([0, 0]);
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
