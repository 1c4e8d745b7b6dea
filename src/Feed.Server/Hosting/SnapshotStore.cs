using Feed.Documents;

namespace Feed.Server.Hosting;

/// <summary>
/// What is served now: the current snapshot, swapped whole with one reference assignment, and a
/// signal for those that follow changes (WebSub, health, tests). Responses read only this.
/// </summary>
public sealed class SnapshotStore
{
    readonly TaskCompletionSource _firstBuild = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile FeedSnapshot? _current;
    TaskCompletionSource<FeedSnapshot> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What is served now; null until the first build is done.</summary>
    public FeedSnapshot? Current => _current;

    /// <summary>Completes when the first snapshot is served.</summary>
    public Task FirstBuild => _firstBuild.Task;

    /// <summary>Completes with the next snapshot to be served after this moment.</summary>
    public Task<FeedSnapshot> Next => Volatile.Read(ref _next).Task;

    /// <summary>Raised after each swap with the snapshot replaced (null the first time) and the new one.</summary>
    public event Action<FeedSnapshot?, FeedSnapshot>? Changed;

    public void Publish(FeedSnapshot snapshot)
    {
        var previous = _current;
        _current = snapshot; // a request sees the old snapshot or the new one, whole
        _firstBuild.TrySetResult();
        Changed?.Invoke(previous, snapshot);
        Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(snapshot);
    }
}
