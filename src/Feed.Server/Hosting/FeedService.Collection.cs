namespace Feed.Server.Hosting;

// Memory a publish leaves behind.
public sealed partial class FeedService
{
    long _collectedAt = long.MinValue;

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
