using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Feed;

/// <summary>
/// Rendered item pages and bodies, bounded by bytes (Feed:RenderCacheBytes): the least recently
/// used go when the bound is passed, and are rendered again, to the same bytes, when next asked
/// for. A crawler that walks every page of 100,000 stories would otherwise leave every one of them
/// on the heap until its story changed. The feeds, the listings and the newest stories' pages and
/// bodies are not kept here: the snapshot holds them for its whole life.
/// </summary>
/// <remarks>
/// A render is held from its second request on, not its first: the first only leaves a mark (a
/// hash in a fixed table with about as many slots as the cache holds renders). A crawler asks for
/// each of 100,000 pages once per walk, farther apart than any cache of this size could bridge, so
/// holding its renders never saved a render; it only filled the cache with renders that lived just
/// long enough to reach the collector's oldest generation and die there, where the process kept
/// their memory. Unheld, they die young, at the cost of a young collection. A page asked for again
/// while its mark is still in the table (within about the cache's capacity of other renders) is
/// held from then on, as the least recently used cache would have kept it.
/// An entry is keyed by the objects it was rendered from, compared by reference: an edited story
/// is a new item, so it can never be given its old render; the old one is simply never asked for
/// again and ages out. A hit is one lock-free dictionary read and one timestamp write; only a
/// miss that passes the bound takes the lock, and then evicts down to nine tenths of the bound,
/// so the sort that finds the oldest runs once per many misses, not once per miss.
/// </remarks>
public sealed class RenderCache(long limit)
{
    /// <summary>The default bound, 128 MB: about 15,000 item pages with their bodies.</summary>
    public const long DefaultLimit = 128L << 20;

    /// <summary>The process's cache: item bodies are rendered from any document, on any snapshot.</summary>
    public static RenderCache Shared { get; } = new(DefaultLimit);

    // Roughly what a held item page with its body costs: the table has a slot per such render.
    const long BytesPerSlot = 8 << 10;

    readonly ConcurrentDictionary<Key, Entry> _entries = new();
    volatile int[] _seen = Marks(limit);
    readonly Lock _evicting = new();
    long _bytes;
    long _limit = limit;
    long _evictions;

    /// <summary>The bound in bytes; lowering it takes effect at the next render. The marks of first requests start afresh.</summary>
    public long Limit
    {
        get => Volatile.Read(ref _limit);
        set
        {
            Volatile.Write(ref _limit, value);
            _seen = Marks(value);
        }
    }

    static int[] Marks(long limit) => new int[(int)Math.Clamp(limit / BytesPerSlot, 64, 1 << 20)];

    /// <summary>The bytes held now, as counted for the bound.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>How many renders are held now.</summary>
    public int Count => _entries.Count;

    /// <summary>How many renders were dropped to keep under the bound since the start.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>How many first requests the cache remembers at most (the slots of its fixed table).</summary>
    public int Remembered => _seen.Length;

    /// <summary>
    /// The render of <paramref name="owner"/> (with <paramref name="context"/>, such as the
    /// settings a page is rendered with), made by <paramref name="render"/> when it is not held.
    /// Held from the key's second request within about the cache's capacity; concurrent callers for
    /// a held key share one render.
    /// </summary>
    /// <param name="size">The bytes a render holds, for the bound.</param>
    public T GetOrAdd<TState, T>(object owner, object? context, TState state, Func<TState, T> render, Func<T, long> size) where T : class
    {
        var key = new Key(owner, context);
        if (_entries.TryGetValue(key, out var entry) && entry.Value is T hit)
        {
            entry.LastUsed = Stopwatch.GetTimestamp();
            return hit;
        }
        if (FirstRequest(key))
            return render(state);
        entry = _entries.GetOrAdd(key, static _ => new Entry());
        T value;
        lock (entry)
        {
            if (entry.Value is T held)
            {
                value = held;
            }
            else
            {
                try
                {
                    value = render(state);
                }
                catch
                {
                    // Nothing is held for a render that failed: the next caller tries again.
                    _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
                    throw;
                }
                entry.Size = size(value) + EntryOverhead;
                entry.Value = value;
                Interlocked.Add(ref _bytes, entry.Size);
            }
            entry.LastUsed = Stopwatch.GetTimestamp();
        }
        if (Bytes > Limit)
            Evict();
        return value;
    }

    /// <summary>The render held for <paramref name="owner"/> and <paramref name="context"/>, or null (without rendering).</summary>
    public T? Find<T>(object owner, object? context) where T : class =>
        _entries.TryGetValue(new Key(owner, context), out var entry) ? entry.Value as T : null;

    // True the first time a key is asked for (as far as the table remembers), marking it: a key is
    // remembered until another whose hash falls in the same slot is asked for. A stale or colliding
    // mark only holds a render that was asked for once; races lose a mark, never a render.
    bool FirstRequest(Key key)
    {
        var hash = key.GetHashCode();
        var seen = _seen;
        ref var slot = ref seen[(uint)hash % (uint)seen.Length];
        var mark = hash | 1; // never 0, an empty slot
        if (Volatile.Read(ref slot) == mark)
            return false;
        Volatile.Write(ref slot, mark);
        return true;
    }

    // The dictionary's node, the entry and the key: what an entry costs besides its value.
    const long EntryOverhead = 96;

    void Evict()
    {
        while (Bytes > Limit)
        {
            // One evictor at a time. A render that finds another at work leaves it to it: that
            // one looks at the total again once it is done, after this render's bytes were added.
            if (!_evicting.TryEnter())
                return;
            long freed;
            try
            {
                freed = EvictOldest(Bytes - Limit / 10 * 9);
            }
            finally
            {
                _evicting.Exit();
            }
            if (freed == 0)
                return; // nothing to drop now but renders in progress
        }
    }

    // Frees about this many bytes, oldest first by the use times seen when it starts; it stops at
    // its quota, so an entry used since then (at the young end of the list) is not reached.
    long EvictOldest(long bytes)
    {
        var held = new List<(long LastUsed, Key Key, Entry Entry)>(_entries.Count);
        foreach (var (key, entry) in _entries)
        {
            if (entry.Value is not null)
                held.Add((entry.LastUsed, key, entry));
        }
        held.Sort(static (a, b) => a.LastUsed.CompareTo(b.LastUsed));
        var freed = 0L;
        foreach (var (_, key, entry) in held)
        {
            if (freed >= bytes)
                break;
            // A hit racing this removal still gets its value; the next asks render again.
            if (_entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry)))
            {
                freed += entry.Size;
                Interlocked.Add(ref _bytes, -entry.Size);
                Interlocked.Increment(ref _evictions);
            }
        }
        return freed;
    }

    sealed class Entry
    {
        public volatile object? Value;
        public long Size;
        public long LastUsed;
    }

    /// <summary>Compared by reference: equal values of an edited item are still another item.</summary>
    readonly struct Key(object owner, object? context) : IEquatable<Key>
    {
        readonly object _owner = owner;
        readonly object? _context = context;

        public bool Equals(Key other) => ReferenceEquals(_owner, other._owner) && ReferenceEquals(_context, other._context);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() =>
            RuntimeHelpers.GetHashCode(_owner) * 31 + (_context is null ? 0 : RuntimeHelpers.GetHashCode(_context));
    }
}
