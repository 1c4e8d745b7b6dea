using Feed.Folder;
namespace Feed.Items.Body;

/// <summary>
/// Where an <see cref="ItemFolder"/>'s Markdown bodies wait to be rendered: a
/// <see cref="BodyStore"/>, made for the first one and replaced by a compacted copy when edits
/// have left it mostly dead bytes. Where no store can be made, bodies stay in memory.
/// </summary>
internal sealed class WaitingBodies : IDisposable
{
    readonly Lock _lock = new();
    BodyStore? _store;
    bool _failed;
    long _lengthChecked;

    /// <summary>Below this a store is never compacted: a few megabytes of dead bytes cost nothing.</summary>
    public long CompactAbove { get; set; } = 64L << 20;

    /// <summary>Moves a parsed body to disk; called from every core while a folder is read.</summary>
    public void Add(PendingBody body)
    {
        var store = _store;
        if (store is null)
        {
            lock (_lock)
            {
                if (_store is null && !_failed)
                {
                    _store = BodyStore.TryCreate();
                    _failed = _store is null;
                }
                store = _store;
            }
        }
        if (store is null)
            return;
        try
        {
            body.MoveTo(store);
        }
        catch (IOException)
        {
            // A full disk: this body stays in memory.
        }
    }

    /// <summary>
    /// Every edit appends the new body and leaves the old one dead; once most of the store is
    /// dead, the <paramref name="live"/> bodies are copied to a new store. The old one is not
    /// closed: an item of an older snapshot may still be read from it; it closes when the last
    /// such item is collected.
    /// </summary>
    public void Compact(IEnumerable<PendingBody> live)
    {
        var store = _store;
        // Bytes die only when new ones are written: the live ones are counted again only after
        // the store has grown by a quarter since they last were.
        if (store is null || store.Length < CompactAbove || store.Length < _lengthChecked + _lengthChecked / 4)
            return;
        _lengthChecked = store.Length;
        var bodies = live.Where(b => b.Store == store).ToList();
        if (store.Length <= 2 * bodies.Sum(b => (long)b.Length))
            return;
        if (BodyStore.TryCreate() is not { } fresh)
            return;
        try
        {
            foreach (var body in bodies)
                body.MoveTo(fresh);
            _store = fresh;
            _lengthChecked = fresh.Length;
        }
        catch (IOException)
        {
            // Bodies already moved are readable from the new store, the rest from the old one.
        }
    }

    public void Dispose() => _store?.Dispose();
}
