using System.Threading.Channels;

namespace Feed.Server.Hosting;

/// <summary>
/// Tells the feed service when to look at the items folder again: after a burst of file events
/// has gone quiet, at the rescan interval (the safety net for events a watcher misses), or at a
/// moment the service names (a scheduled story coming due). Every wait runs on the injected
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock instead of sleeping.
/// </summary>
public sealed class FolderWatcher(string root, TimeProvider time, TimeSpan quietPeriod, TimeSpan rescanInterval, ILogger<FeedService> logger)
    : IDisposable
{
    /// <summary>How often a missing folder is looked for: cheap, one existence check.</summary>
    static readonly TimeSpan MissingFolderPoll = TimeSpan.FromSeconds(1);

    readonly Channel<bool> _events = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    FileSystemWatcher? _watcher;
    bool _folderMissing;
    string? _watchedTarget;
    FileSystemWatcher? _linkWatcher;

    /// <summary>
    /// Watches the folder when it exists (called before each scan, the first included, so that
    /// nothing written during a scan waits for the rescan), and stops when it is gone.
    /// </summary>
    public void Follow(bool folderExists)
    {
        FollowOrNot(folderExists);
        Degraded = _watcher is null;
    }

    /// <summary>
    /// Whether the last look found nothing it could watch (a missing or unreadable folder, or a
    /// watcher that failed to start): changes are then seen at the rescan interval only (/healthz).
    /// </summary>
    public bool Degraded { get; private set; }

    /// <summary>Inotify instances this watcher holds now: one at most, whatever the folder does.</summary>
    public int Instances => (_watcher is null ? 0 : 1) + (_linkWatcher is null ? 0 : 1);

    void FollowOrNot(bool folderExists)
    {
        _folderMissing = !folderExists;
        if (!folderExists)
        {
            _watcher?.Dispose();
            _watcher = null;
            return;
        }
        // git-sync swaps a symlinked folder atomically (mv -T current.tmp current): a watch stays
        // on the folder it was made for, so the real path is looked up again before every scan.
        var target = RealPath(root);
        if (_watcher is not null && target == _watchedTarget)
            return;
        _watcher?.Dispose();
        _watcher = null;
        // One watcher at a time, and one that fails to start is disposed at once: an unreadable
        // folder made each failed start leak an inotify instance, ten a second, until the per-user
        // cap. Its failure is said once, not at every look.
        FileSystemWatcher? watcher = null;
        try
        {
            WatchLink();
            watcher = new FileSystemWatcher(target)
            {
                IncludeSubdirectories = true,
                InternalBufferSize = 64 * 1024,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += (_, e) => Named(target, e.FullPath, created: true);
            watcher.Changed += (_, e) => Named(target, e.FullPath, created: false);
            watcher.Deleted += (_, e) => Named(target, e.FullPath, created: false);
            // A rename may move a whole folder, and its two names come apart when one side is
            // outside the folder: the whole folder is looked at.
            watcher.Renamed += (_, _) => Poke();
            watcher.Error += (_, e) => Lost(e);
            watcher.EnableRaisingEvents = true;
            (_watcher, watcher) = (watcher, null);
            _watchedTarget = target;
            // Whatever changed before this watch began was seen by no event: the next look walks.
            lock (_changes)
                _everything = true;
            _failureSaid = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            if (!_failureSaid)
                Log.WatcherFailed(logger, root, e.Message);
            _failureSaid = true;
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    bool _failureSaid;

    /// <summary>Whether the folder exists and can be listed: only then is there something to watch.</summary>
    public static bool CanList(string folder)
    {
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(folder).GetEnumerator();
            entries.MoveNext();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    static string RealPath(string path)
    {
        try
        {
            return Directory.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }

    /// <summary>
    /// When the root is a symbolic link, its own folder is watched for the link's name too: a swap
    /// of the link is no event inside the folder it pointed to, and must not wait for the rescan.
    /// </summary>
    void WatchLink()
    {
        var full = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        if (_linkWatcher is not null || new DirectoryInfo(full).LinkTarget is null || Path.GetDirectoryName(full) is not { } parent)
            return;
        var link = new FileSystemWatcher(parent, Path.GetFileName(full))
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName,
        };
        link.Created += (_, _) => Poke();
        link.Deleted += (_, _) => Poke();
        link.Renamed += (_, _) => Poke();
        link.EnableRaisingEvents = true;
        _linkWatcher = link;
    }

    /// <summary>
    /// An overflowed event queue (InternalBufferOverflowException) or a failed watch loses events,
    /// not changes: the next look walks and compares every file.
    /// </summary>
    internal void Lost(ErrorEventArgs _) => Poke();

    /// <summary>Asks for a look at the whole folder after a quiet period.</summary>
    public void Poke()
    {
        lock (_changes)
            _everything = true;
        Woken();
    }

    /// <summary>A path an event named: a look at that file (and the folder it is in) is enough, unless it is a new folder.</summary>
    void Named(string target, string fullPath, bool created)
    {
        var relative = Path.GetRelativePath(target, fullPath);
        string? named = relative;
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            named = null;
        else if (Directory.Exists(fullPath))
            // A new folder may have had files written into it before its watch began: a walk finds
            // them. An existing folder's own time or attributes changed: it is looked at again.
            named = created ? null : relative + "/";
        lock (_changes)
        {
            if (named is null || _changes.Count >= MaxNamed)
                _everything = true;
            else if (!_everything)
                _changes.Add(named);
        }
        Woken();
    }

    /// <summary>Past this many names in one batch (a git pull), walking the folder is as cheap.</summary>
    const int MaxNamed = 5_000;

    readonly HashSet<string> _changes = new(StringComparer.Ordinal);
    bool _everything = true; // the first look walks the folder

    /// <summary>
    /// The paths the events since the last call named, relative to the folder; null when the whole
    /// folder must be walked (the first look, a rename, a lost event, a new watch, a wait that
    /// ended by its interval: the rescan that is the safety net).
    /// </summary>
    public IReadOnlyCollection<string>? TakeChanges()
    {
        lock (_changes)
        {
            string[]? taken = _everything ? null : [.. _changes];
            _changes.Clear();
            _everything = false;
            return taken;
        }
    }

    /// <summary>Makes the next look walk the whole folder, without waking for it (a look that failed midway).</summary>
    public void WalkNext()
    {
        lock (_changes)
            _everything = true;
    }

    /// <summary>Asks for another look after a quiet period at what the events name (a file was still being written: the folder reads it again).</summary>
    public void Wake() => Woken();

    void Woken()
    {
        Volatile.Write(ref _lastEventTicks, time.GetUtcNow().UtcTicks);
        _events.Writer.TryWrite(true);
    }

    long _lastEventTicks;

    DateTimeOffset LastEvent => new(Volatile.Read(ref _lastEventTicks), TimeSpan.Zero);

    /// <summary>The moment the current wait ends at the latest; null while not waiting.</summary>
    public DateTimeOffset? WakeAt { get; private set; }

    /// <summary>Waits until the folder should be scanned again.</summary>
    /// <param name="due">When a scheduled story comes due, if one does.</param>
    /// <param name="stoppingToken">Ends the wait when the host stops.</param>
    public async Task WaitAsync(DateTimeOffset? due, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var interval = _folderMissing ? MissingFolderPoll : rescanInterval;
        var wake = now + interval;
        if (due is { } d && d < wake)
            wake = d < now ? now : d;
        WakeAt = wake;
        try
        {
            using var timeout = new CancellationTokenSource(wake - now, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await _events.Reader.WaitToReadAsync(either.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                lock (_changes)
                    _everything = true;
                return; // the rescan interval or a scheduled story
            }
            await QuietPeriod(stoppingToken);
        }
        finally
        {
            WakeAt = null;
        }
    }

    /// <summary>
    /// An editor's save is several events and a git pull hundreds: wait until a quiet period has
    /// passed since the last of them (not since the first: a file created and then written is two
    /// events a moment apart, and must not cost two periods), ten quiet periods at most.
    /// </summary>
    async Task QuietPeriod(CancellationToken stoppingToken)
    {
        var limit = time.GetUtcNow() + quietPeriod * 10;
        while (true)
        {
            _events.Reader.TryRead(out _);
            var now = time.GetUtcNow();
            var quietAt = LastEvent + quietPeriod;
            if (quietAt <= now || now >= limit)
                break;
            await Task.Delay((quietAt < limit ? quietAt : limit) - now, time, stoppingToken);
        }
        _events.Reader.TryRead(out _);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _linkWatcher?.Dispose();
    }
}
