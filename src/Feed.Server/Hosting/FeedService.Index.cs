using System.Diagnostics;

namespace Feed.Server.Hosting;

// The start index (ItemFolder.IndexPath): said after the start's pass and written after it, then
// after a walk of the whole folder (the rescan, off the hot path: never after a change the watcher
// named, which a newsroom makes several times a minute) at most once a minute, and at a stop;
// never on the scanning thread.
public sealed partial class FeedService
{
    static readonly TimeSpan IndexInterval = TimeSpan.FromMinutes(1);

    Task _indexSave = Task.CompletedTask;
    long _indexSavedAt = long.MinValue;

    bool _indexReported;

    // Said once, after the start's pass (before its first publish, so that a start's log tells it).
    void ReportIndex(int files)
    {
        if (_indexReported || _folder.IndexPath is not { } index)
            return;
        _indexReported = true;
        if (_folder.IndexOutdated)
            Log.IndexOutdated(logger, index);
        else if (_folder.IndexUnused is { } why)
            Log.IndexUnused(logger, index, why);
        if (_folder.FilesFromIndex > 0)
            Log.FromIndex(logger, _folder.FilesFromIndex, files, index);
    }

    void SaveIndexWhenDue(bool walked)
    {
        if (!_folder.IndexStale || !_indexSave.IsCompleted
            || (_indexSavedAt != long.MinValue && (!walked || Stopwatch.GetElapsedTime(_indexSavedAt) < IndexInterval)))
            return;
        _indexSavedAt = Stopwatch.GetTimestamp();
        var write = _folder.TakeIndex();
        _indexSave = Task.Run(() => SaveIndex(write));
    }

    void SaveIndex(Feed.Folder.ItemFolder.IndexWrite write)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var files = write.Save();
            Log.IndexSaved(logger, _folder.IndexPath!, files, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.IndexNotSaved(logger, _folder.IndexPath!, e.Message);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Only once the scanning loop has ended: the index is taken from the folder's own state.
        if (ExecuteTask is not { IsCompleted: true })
            return;
        await _indexSave.WaitAsync(cancellationToken);
        if (_folder.IndexStale)
            SaveIndex(_folder.TakeIndex());
    }
}
