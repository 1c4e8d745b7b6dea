using System.Buffers;
using Feed.Folder;
namespace Feed.Items.Body;

/// <summary>
/// Where an <see cref="ItemFolder"/>'s Markdown bodies wait to be rendered: a
/// <see cref="BodyStore"/>, made for the first one and replaced by a compacted copy when edits
/// have left it mostly dead bytes. Where no store can be made, bodies stay in memory. Bodies are
/// written in batches: one write per megabyte rather than one per body (100,000 writes at
/// 100,000 items, 4% of a cold start's time in the kernel).
/// </summary>
internal sealed class WaitingBodies : IDisposable
{
    readonly Lock _lock = new();
    BodyStore? _store;
    bool _failed;
    long _lengthChecked;
    int _looks; // calls of Compact since the store was made

    /// <summary>Below this a store is never compacted: a few megabytes of dead bytes cost nothing.</summary>
    public long CompactAbove { get; set; } = 64L << 20;

    /// <summary>Bodies are written in batches of about this many bytes: one write each, not one per body.</summary>
    public const int BatchBytes = 1 << 20;

    // The batch being filled: the bodies and where each starts in the buffer. Its bodies stay
    // readable from memory until the batch is written and they are pointed at the store.
    List<(PendingBody Body, int Offset)> _batch = [];
    byte[]? _buffer;
    int _used;

    /// <summary>
    /// Queues a parsed body to be moved to disk; called from every core while a folder is read.
    /// A full batch is written at once; the last, partial one when the scan ends (<see cref="Compact"/>).
    /// </summary>
    public void Add(PendingBody body)
    {
        var store = Store();
        if (store is null)
            return;
        if (body.Length >= BatchBytes / 4)
        {
            Move(body, store); // a long story goes on its own
            return;
        }
        List<(PendingBody, int)>? full = null;
        byte[]? fullBuffer = null;
        var fullLength = 0;
        lock (_lock)
        {
            if (_buffer is not null && _used + body.Length > _buffer.Length)
            {
                (full, fullBuffer, fullLength) = (_batch, _buffer, _used);
                (_batch, _buffer, _used) = ([], null, 0);
            }
            // Pooled: a fresh megabyte per batch was 400 large-object allocations at a start
            // over 100,000 items, each counting toward the collections of the whole heap.
            _buffer ??= ArrayPool<byte>.Shared.Rent(BatchBytes);
            body.Utf8().Span.CopyTo(_buffer.AsSpan(_used));
            _batch.Add((body, _used));
            _used += body.Length;
        }
        if (full is not null)
            Write(store, full, fullBuffer!, fullLength);
    }

    /// <summary>Writes the partial batch, if any.</summary>
    public void Flush()
    {
        if (_store is not { } store)
            return;
        List<(PendingBody, int)> batch;
        byte[]? buffer;
        int length;
        lock (_lock)
        {
            (batch, buffer, length) = (_batch, _buffer, _used);
            (_batch, _buffer, _used) = ([], null, 0);
        }
        if (buffer is not null)
            Write(store, batch, buffer, length);
    }

    BodyStore? Store()
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
        return store;
    }

    static void Write(BodyStore store, List<(PendingBody Body, int Offset)> batch, byte[] buffer, int length)
    {
        long start;
        try
        {
            start = store.Append(buffer.AsSpan(0, length));
        }
        catch (IOException)
        {
            return; // a full disk: these bodies stay in memory
        }
        finally
        {
            // Each body keeps its own bytes until it is pointed at the store: the batch's copy is done with.
            ArrayPool<byte>.Shared.Return(buffer);
        }
        foreach (var (body, offset) in batch)
            body.StoredAt(store, start + offset);
    }

    static void Move(PendingBody body, BodyStore store)
    {
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
        // Called once a scan is done: the bodies of its last, partial batch go to disk first.
        Flush();
        var store = _store;
        if (store is null)
            return;
        // A store's first look follows the one pass that made it, which wrote one body a file:
        // none is dead yet, and counting them (every story, at a start) would only say so.
        var onePass = ++_looks == 1;
        // Bytes die only when new ones are written: the live ones are counted again only after
        // the store has grown by a quarter since they last were.
        if (store.Length < CompactAbove || store.Length < _lengthChecked + _lengthChecked / 4)
            return;
        _lengthChecked = store.Length;
        if (onePass)
            return;
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
            (_lengthChecked, _looks) = (fresh.Length, 1);
        }
        catch (IOException)
        {
            // Bodies already moved are readable from the new store, the rest from the old one.
        }
    }

    public void Dispose() => _store?.Dispose();
}
