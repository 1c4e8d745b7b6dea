namespace Feed.Documents;

/// <summary>
/// A map from page paths to values, made for one snapshot from the previous one's: a snapshot
/// selected from the previous publication holds only the paths that changed, over the previous
/// map, so a change does not hash 100,000 paths again. Every so often the layers are folded into
/// one, so a lookup stays a few probes and a replaced story is not held for long. Immutable once
/// made: the snapshot being served reads it while the next one is built.
/// </summary>
sealed class LayeredMap<TValue> where TValue : class
{
    // Past this many layers, or this share of changed paths, the next map is folded into one.
    const int MaxDepth = 16;

    readonly Dictionary<string, TValue?> _here; // null: the path left in this layer
    readonly LayeredMap<TValue>? _below;
    readonly int _depth;

    LayeredMap(Dictionary<string, TValue?> here, LayeredMap<TValue>? below, int depth, int count) =>
        (_here, _below, _depth, Count) = (here, below, depth, count);

    public int Count { get; }

    public IEqualityComparer<string> Comparer => _here.Comparer;

    /// <summary>A map of one layer that takes <paramref name="entries"/> as its own (no copy; no null values).</summary>
    public static LayeredMap<TValue> Of(Dictionary<string, TValue?> entries) => new(entries, null, 0, entries.Count);

    /// <summary>This map with <paramref name="removed"/> taken out and <paramref name="added"/> put in (added last).</summary>
    public LayeredMap<TValue> With(IEnumerable<string> removed, IEnumerable<KeyValuePair<string, TValue>> added)
    {
        var here = new Dictionary<string, TValue?>(Comparer);
        var count = Count;
        foreach (var key in removed)
        {
            if (TryGetValue(key, out _) && (!here.TryGetValue(key, out var was) || was is not null))
                count--;
            here[key] = null;
        }
        foreach (var (key, value) in added)
        {
            var present = here.TryGetValue(key, out var was) ? was is not null : TryGetValue(key, out _);
            if (!present)
                count++;
            here[key] = value;
        }
        var layered = new LayeredMap<TValue>(here, this, _depth + 1, count);
        return _depth + 1 >= MaxDepth || here.Count > Count / 8 ? layered.Folded() : layered;
    }

    public bool TryGetValue(string key, out TValue value)
    {
        for (var map = this; map is not null; map = map._below)
        {
            if (map._here.TryGetValue(key, out var found))
            {
                value = found!;
                return found is not null;
            }
        }
        value = null!;
        return false;
    }

    public TValue? GetValueOrDefault(string key) => TryGetValue(key, out var value) ? value : null;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Every path and its value, each once.</summary>
    public IEnumerable<KeyValuePair<string, TValue>> Entries => Folded()._here.Select(p => KeyValuePair.Create(p.Key, p.Value!));

    LayeredMap<TValue> Folded()
    {
        if (_below is null)
            return this;
        var layers = new List<LayeredMap<TValue>>();
        for (var map = this; map is not null; map = map._below)
            layers.Add(map);
        var here = new Dictionary<string, TValue?>(layers[^1]._here, Comparer);
        for (var i = layers.Count - 2; i >= 0; i--)
        {
            foreach (var (key, value) in layers[i]._here)
            {
                if (value is null)
                    here.Remove(key);
                else
                    here[key] = value;
            }
        }
        return new(here, null, 0, here.Count);
    }
}
