using System.Diagnostics;
using System.Threading.Channels;
using Feed;
using Microsoft.Extensions.Options;

namespace Feed.Server;

/// <summary>
/// The hosted service that owns the feeds: it builds a snapshot at start, watches the items
/// folder, rebuilds after each burst of changes (and when a scheduled item comes due), and
/// swaps in each new snapshot with one reference assignment.
/// </summary>
public sealed class FeedService : BackgroundService
{
    readonly FeedOptions _options;
    readonly FeedSettings _settings;
    readonly TimeProvider _time;
    readonly ILogger<FeedService> _logger;
    readonly WebSubPublisher _webSub;
    readonly ItemFolder _folder;
    readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly TaskCompletionSource _firstBuild = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile FeedSnapshot? _current;
    FileSystemWatcher? _watcher;
    HashSet<ItemProblem> _publicationProblems = [];
    bool _folderGone;

    public FeedService(IOptions<FeedOptions> options, TimeProvider time, ILogger<FeedService> logger, WebSubPublisher webSub)
    {
        _webSub = webSub;
        _options = options.Value;
        _settings = _options.ToSettings();
        _time = time;
        _logger = logger;
        _folder = new ItemFolder(Path.GetFullPath(_options.ItemsPath, Environment.CurrentDirectory), _settings, _options.ChangeQuietPeriod / 2);
    }

    /// <summary>What is served now; null until the first build is done.</summary>
    public FeedSnapshot? Current => _current;

    /// <summary>Completes when the first snapshot is served.</summary>
    public Task FirstBuild => _firstBuild.Task;

    public FeedSettings Settings => _settings;

    public string ItemsFolder => _folder.Root;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // let the host finish starting; the first build can take a while
        var signal = _changes.Reader.WaitToReadAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? due;
            try
            {
                due = await RebuildAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            // Two clocks: the disk is watched in real time (events, rescans, quiet periods),
            // while scheduled items are published by the injected clock that decides "now".
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var rescan = Task.Delay(_watcher is null ? TimeSpan.FromSeconds(1) : _options.RescanInterval, wake.Token);
            var scheduled = due is { } next
                ? Task.Delay(TimeSpan.FromTicks(Math.Clamp((next - _time.GetUtcNow()).Ticks, 0, TimeSpan.TicksPerDay)), _time, wake.Token)
                : Task.Delay(Timeout.Infinite, wake.Token);
            var first = await Task.WhenAny(signal, rescan, scheduled);
            await wake.CancelAsync();
            if (stoppingToken.IsCancellationRequested)
                break;
            if (first == signal)
            {
                await QuietPeriod(stoppingToken);
                signal = _changes.Reader.WaitToReadAsync(stoppingToken).AsTask();
            }
        }
    }

    /// <summary>An editor's save is several events and a git pull hundreds: wait until they stop.</summary>
    async Task QuietPeriod(CancellationToken stoppingToken)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromTicks(_options.ChangeQuietPeriod.Ticks * 10);
        do
        {
            _changes.Reader.TryRead(out _);
            await Task.Delay(_options.ChangeQuietPeriod, stoppingToken);
        }
        while (_changes.Reader.TryPeek(out _) && DateTime.UtcNow < limit);
        _changes.Reader.TryRead(out _);
    }

    /// <summary>Scans, publishes if anything changed, and returns when a scheduled item comes due.</summary>
    async Task<DateTimeOffset?> RebuildAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var scan = _folder.Scan();
            var (changed, filesRead) = (scan.Changed, scan.FilesRead);
            Report(scan.Problems);
            // A file still being written is read again after a quiet period, a few times,
            // rather than published half-written (or left out of this snapshot needlessly).
            for (var attempt = 0; scan.Unsettled > 0 && attempt < 10; attempt++)
            {
                await Task.Delay(_options.ChangeQuietPeriod, stoppingToken);
                scan = _folder.Scan();
                (changed, filesRead) = (changed + scan.Changed, filesRead + scan.FilesRead);
                Report(scan.Problems);
            }
            EnsureWatcher(scan.FolderExists);
            if (!scan.FolderExists)
            {
                if (_current is null)
                {
                    Log.FolderMissing(_logger, _folder.Root);
                    Publish(FeedSnapshot.Build(Publication.Select([], _time.GetUtcNow()), _settings));
                }
                else if (!_folderGone)
                {
                    Log.FolderGone(_logger, _folder.Root, _current.Items.Count);
                }
                _folderGone = true;
                return null;
            }
            if (_folderGone && _current is not null)
                Log.FolderBack(_logger, _folder.Root);
            _folderGone = false;

            foreach (var file in scan.Fixed)
                Log.Fixed(_logger, file);

            var now = _time.GetUtcNow();
            var previous = _current;
            var scheduledCameDue = previous?.Publication.NextScheduled is { } due && due <= now;
            if (previous is null || changed > 0 || scheduledCameDue)
            {
                var publication = Publication.Select(scan.Items, now);
                ReportOnce(publication.Problems);
                Log.Changes(_logger, PublicationChanges.Between(previous?.Publication, publication), _settings.TimeZone);
                Publish(FeedSnapshot.Build(publication, _settings, previous));
                Log.Rebuilt(_logger, publication.Items.Count, scan.Skipped, changed, filesRead, _folder.Root,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            if (scan.Unsettled > 0)
                _changes.Writer.TryWrite(true);
            return _current!.Publication.NextScheduled;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Whatever went wrong, the previous snapshot keeps being served and the next change
            // or rescan tries again.
            Log.RebuildFailed(_logger, _folder.Root, e);
            if (_current is null)
                Publish(FeedSnapshot.Build(Publication.Select([], _time.GetUtcNow()), _settings));
            return null;
        }
    }

    void Publish(FeedSnapshot snapshot)
    {
        var previous = _current;
        _current = snapshot; // one reference swap: a request sees the old snapshot or the new one, whole
        _firstBuild.TrySetResult();
        if (previous is not null)
            _webSub.Changed(previous, snapshot, _settings);
    }

    /// <summary>One warning per skipped file, naming every reason with its line; other notes one each.</summary>
    void Report(IEnumerable<ItemProblem> problems)
    {
        foreach (var file in problems.GroupBy(p => p.Path))
        {
            var errors = file.Where(p => p.Level == ProblemLevel.Error).ToList();
            if (errors.Count > 0)
                Log.Skipped(_logger, file.Key, string.Join("; ", errors.Select(e => e.Line is { } line ? $"line {line}: {e.Message}" : e.Message)));
            foreach (var note in file.Where(p => p.Level != ProblemLevel.Error))
            {
                if (note.Level == ProblemLevel.Warning)
                    Log.ItemWarning(_logger, note);
                else
                    Log.ItemNote(_logger, note);
            }
        }
    }

    // Duplicate ids come from the whole set, not from one file's change: say each once.
    void ReportOnce(IReadOnlyList<ItemProblem> problems)
    {
        var current = problems.ToHashSet();
        Report(problems.Where(p => !_publicationProblems.Contains(p)));
        _publicationProblems = current;
    }

    void EnsureWatcher(bool folderExists)
    {
        if (!folderExists)
        {
            _watcher?.Dispose();
            _watcher = null;
            return;
        }
        if (_watcher is not null)
            return;
        try
        {
            var watcher = new FileSystemWatcher(_folder.Root)
            {
                IncludeSubdirectories = true,
                InternalBufferSize = 64 * 1024,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, _) => Changed();
            watcher.Changed += (_, _) => Changed();
            watcher.Deleted += (_, _) => Changed();
            watcher.Renamed += (_, _) => Changed();
            // An overflow loses events, not changes: the next scan compares every file anyway.
            watcher.Error += (_, e) => Changed();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            Log.WatcherFailed(_logger, _folder.Root, e.Message);
        }
    }

    void Changed() => _changes.Writer.TryWrite(true);

    public override void Dispose()
    {
        _watcher?.Dispose();
        base.Dispose();
    }
}
