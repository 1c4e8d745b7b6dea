namespace Feed.Ledger;

/// <summary>
/// The last WebSub ping of each feed: the fingerprint of the document the hubs were told of. The
/// publisher records it from its own thread, so these members lock.
/// </summary>
public sealed partial class LedgerMemory
{
    readonly Dictionary<string, ulong> _pings = new(StringComparer.Ordinal);
    readonly Dictionary<string, ulong> _unsavedPings = new(StringComparer.Ordinal);

    /// <summary>Whether any ping was ever recorded; without one, every feed is news after a start.</summary>
    public bool HasPings
    {
        get
        {
            lock (_pings)
                return _pings.Count > 0;
        }
    }

    /// <summary>The fingerprint of the document last pinged at this path, or null.</summary>
    public ulong? LastPinged(string path)
    {
        lock (_pings)
            return _pings.TryGetValue(path, out var fingerprint) ? fingerprint : null;
    }

    /// <summary>Records that the hubs were told of these documents (path, fingerprint).</summary>
    public void Pinged(IEnumerable<KeyValuePair<string, ulong>> documents)
    {
        lock (_pings)
        {
            foreach (var (path, fingerprint) in documents)
            {
                if (_pings.TryGetValue(path, out var before) && before == fingerprint)
                    continue;
                _pings[path] = fingerprint;
                _unsavedPings[path] = fingerprint;
            }
        }
    }

    /// <summary>A ping another instance recorded (a shared ledger's re-read).</summary>
    public void MergePing(string path, ulong fingerprint)
    {
        lock (_pings)
        {
            if (!_unsavedPings.ContainsKey(path))
                _pings[path] = fingerprint;
        }
    }

    bool PingsUnsaved
    {
        get
        {
            lock (_pings)
                return _unsavedPings.Count > 0;
        }
    }

    KeyValuePair<string, ulong>[] UnsavedPings()
    {
        lock (_pings)
            return [.. _unsavedPings];
    }

    KeyValuePair<string, ulong>[] AllPings()
    {
        lock (_pings)
            return [.. _pings];
    }

    void SavedPings(IReadOnlyList<KeyValuePair<string, ulong>>? saved)
    {
        lock (_pings)
        {
            foreach (var (path, fingerprint) in saved ?? [])
            {
                if (_unsavedPings.TryGetValue(path, out var now) && now == fingerprint)
                    _unsavedPings.Remove(path);
            }
        }
    }

    void TakePings(LedgerMemory earlier, bool asUnsaved)
    {
        foreach (var (path, fingerprint) in earlier.AllPings())
        {
            lock (_pings)
            {
                _pings[path] = fingerprint;
                if (asUnsaved)
                    _unsavedPings[path] = fingerprint;
            }
        }
    }
}
