namespace Feed.Server.Hosting;

// Memory a publish leaves behind.
public sealed partial class FeedService
{
    long _collectedAt = long.MinValue;
    bool _startCollected;

    /// <summary>
    /// What the start's pass made for itself alone (the start index's entries, the files' bytes,
    /// the pass's lists) dies when the pass ends, by then in the oldest generation. A background
    /// collection begun there returns it on the other core while the pass is published, and the
    /// publish reuses that memory instead of growing past it: a 100,000-story restart peaked at
    /// 417-423 MB with it, 437-468 MB without, in no more time (docs/performance.md).
    /// </summary>
    void CollectAfterStart()
    {
        if (_startCollected)
            return;
        _startCollected = true;
        GC.Collect(2, GCCollectionMode.Forced, blocking: false);
    }

    /// <summary>
    /// A replaced snapshot's documents (and a cold start's scaffolding) have lived long enough to
    /// reach the collector's oldest generation, whose own budget leaves them for minutes: at
    /// 100,000 stories, 50 edits left 115 MB more resident memory behind them (bench/crawl.py).
    /// A background collection after a publish, at most every two seconds, returns it while
    /// requests go on being served.
    /// </summary>
    void CollectReplaced()
    {
        if (_collectedAt != long.MinValue && time.GetElapsedTime(_collectedAt) < TimeSpan.FromSeconds(2))
            return;
        _collectedAt = time.GetTimestamp();
        GC.Collect(2, GCCollectionMode.Forced, blocking: false);
    }
}
