using System.Diagnostics;
using Feed.Assets;
using Feed.Documents;
using Feed.Folder;
using Feed.Items;
using Feed.Items.Body;
using Feed.Publishing;
using Feed.Server.Configuration;
using Feed.Server.Operations;

namespace Feed.Server.Hosting;

/// <summary>
/// The hosted service that owns the feeds: one loop that scans the items folder, builds a snapshot
/// when something changed (or a scheduled story came due) and hands it to the
/// <see cref="SnapshotStore"/>, then waits on the <see cref="FolderWatcher"/>.
/// </summary>
public sealed partial class FeedService(FeedOptions options, FeedSettings settings, SnapshotStore store, FeedMetrics metrics, TimeProvider time,
    ILogger<FeedService> logger, AssetStore? assets = null)
    : BackgroundService
{
    readonly ItemFolder _folder = new(Path.GetFullPath(options.ItemsPath, Environment.CurrentDirectory), settings, options.ChangeQuietPeriod / 2, time)
    {
        IndexPath = options.StartIndex ? Path.Combine(options.StateFolder(options.ItemsPath), ItemFolder.IndexFileName) : null,
    };
    readonly AssetCatalog _assets = new(Path.GetFullPath(options.ItemsPath, Environment.CurrentDirectory), settings.BaseUrl);
    readonly ProblemReporter _problems = new(logger);
    readonly LedgerKeeper _ledger = LedgerKeeper.For(options, settings, logger);
    readonly RobotsFile? _robots = options.RobotsTxtPath is { } robots ? new RobotsFile(robots, logger) : null;
    // The settings the snapshots are built with: the configured ones, with the robots.txt's latest text.
    FeedSettings _settings = settings;
    FolderWatcher? _watcher;
    bool _folderGone;
    bool _held; // a change seen while the shared ledger was out of reach, not published yet
    TaskCompletionSource _nextScan = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next look at the folder is done, whether or not it changed anything.</summary>
    public Task NextScan => Volatile.Read(ref _nextScan).Task;

    public string ItemsFolder => _folder.Root;

    /// <summary>The folder's state at the last scan, for /healthz.</summary>
    public FolderHealth Folder
    {
        // Body store failures are counted on whichever thread renders: read here, not copied in.
        get => _health with { BodyStoreErrors = Volatile.Read(ref _bodyStoreErrors), Watcher = _watcher is { Degraded: true } ? "degraded" : "ok" };
        private set => _health = value;
    }

    FolderHealth _health = FolderHealth.Unknown;

    /// <summary>When the service will next look at the folder unless a file event comes first; null while it works.</summary>
    public DateTimeOffset? WakeAt => _watcher?.WakeAt;

    /// <summary>What the ledger remembers, and whether it can be written ("ok", "unavailable", "refused").</summary>
    public LedgerKeeper Ledger => _ledger;

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
        _ledger.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ledger.Preload(_folder.PreloadIndex()); // while the host and the watcher start
        await Task.Yield(); // let the host finish starting; the first build can take a while
        using var watcher = _watcher = new FolderWatcher(_folder.Root, time, options.ChangeQuietPeriod, options.RescanInterval, logger);
        // A render made when a document first shows an item, past its budget, is said in the log.
        ItemBudget.Overrun += ReportRenderProblem;
        // So is a render that lost much of the story's text (TextLoss).
        TextLoss.Found += ReportRenderProblem;
        PendingBody.ReadFailed += ReportBodyReadFailed;
        try
        {
            await LoopAsync(watcher, stoppingToken);
        }
        finally
        {
            ItemBudget.Overrun -= ReportRenderProblem;
            TextLoss.Found -= ReportRenderProblem;
            PendingBody.ReadFailed -= ReportBodyReadFailed;
        }
    }

    void ReportRenderProblem(ItemProblem problem) => Log.ItemWarning(logger, problem);

    int _bodyStoreErrors;

    void ReportBodyReadFailed(string path, Exception e)
    {
        Log.BodyStoreReadFailed(logger, path, e);
        Interlocked.Increment(ref _bodyStoreErrors);
    }

    bool Saved(ref RebuildPhases phases)
    {
        var saved = _ledger.Save();
        phases.Lap(ref phases.Save);
        return saved;
    }

    async Task LoopAsync(FolderWatcher watcher, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await RebuildAsync(watcher, stoppingToken);
                Interlocked.Exchange(ref _nextScan, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                await watcher.WaitAsync(due, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Scans, publishes if anything changed, and returns when a scheduled story comes due.</summary>
    async Task<DateTimeOffset?> RebuildAsync(FolderWatcher watcher, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        Folder = Folder with { RebuildStarted = time.GetUtcNow() }; // /healthz: how long it runs
        try
        {
            // A folder that exists but cannot be listed gets no watcher: each one made and dropped
            // at every look of an unreadable folder kept an inotify instance.
            var listable = FolderWatcher.CanList(_folder.Root);
            watcher.Follow(listable);
            // A folder that cannot be listed is walked, not looked at by name: the walk says it is
            // unreadable and keeps every story, where names it cannot open would look like
            // deletions, and a watch on it would be tried (and an inotify instance lost) again.
            var named = watcher.TakeChanges() is { } names && listable ? names : null;
            var scan = _folder.Scan(named);
            ReportIndex(scan.Items.Count);
            CollectAfterStart();
            var itemChanges = scan.ItemChanges;
            // A picture added or replaced changes no story, but the files served and an enclosure's
            // length. Files beside the stories are walked only when a change may have touched one:
            // a change the watcher names as story files alone costs what it touched.
            var assetsChanged = named is null || named.Any(p => p.EndsWith('/') || AssetTypes.Of(p) is not null) ? _assets.Scan() : 0;
            var (changed, filesRead) = (scan.Changed + assetsChanged, scan.FilesRead);
            _problems.Report(scan.Problems);
            // A file still being written is read again after a quiet period, a few times,
            // rather than published half-written (or left out of this snapshot needlessly).
            for (var attempt = 0; scan.Unsettled > 0 && attempt < 10; attempt++)
            {
                await Task.Delay(options.ChangeQuietPeriod, time, stoppingToken);
                scan = _folder.Scan(watcher.TakeChanges());
                itemChanges = itemChanges is not null && scan.ItemChanges is { } later ? itemChanges.Then(later) : scan.ItemChanges;
                (changed, filesRead) = (changed + scan.Changed, filesRead + scan.FilesRead);
                _problems.Report(scan.Problems);
            }
            watcher.Follow(scan.FolderExists);
            var current = store.Current;
            metrics.Skipped(scan.Skipped);
            if (!scan.FolderExists)
            {
                Folder = Folder with { State = Directory.Exists(_folder.Root) ? "unreadable" : "missing" };
                if (current is null)
                {
                    Log.FolderMissing(logger, _folder.Root);
                    Folder = Folder with { LastRebuild = time.GetUtcNow() };
                    store.Publish(FeedSnapshot.Build(Publication.Select([], time.GetUtcNow()), _settings));
                }
                else if (!_folderGone)
                {
                    Log.FolderGone(logger, _folder.Root, current.Items.Count);
                }
                _folderGone = true;
                return null;
            }
            if (_folderGone && current is not null)
                Log.FolderBack(logger, _folder.Root);
            Folder = Folder with { State = "ok", Skipped = scan.Skipped };
            _folderGone = false;

            foreach (var file in scan.Fixed)
                Log.Fixed(logger, file);

            var robotsChanged = _robots is not null && _robots.Refresh(_settings, out _settings);
            var now = time.GetUtcNow();
            var scheduledCameDue = current?.NextChange is { } due && due <= now;
            // An unreachable ledger is tried again at every rescan, so Feed catches up when it
            // returns; so is a race with another instance that five attempts did not settle.
            var mustPublish = current is null || changed > 0 || scheduledCameDue || robotsChanged || _held;
            if (mustPublish || _ledger.State == "unavailable" || _ledger.Behind || _ledger.Shared)
            {
                // A shared ledger is asked at every rescan, so health tells of an outage before a change does.
                if (!_ledger.CanPublish())
                {
                    if (mustPublish && !_held)
                        Log.ChangeHeld(logger, _folder.Root);
                    _held = mustPublish;
                    Folder = Folder with { Ledger = _ledger.State, ChangeHeld = _held };
                    return current?.NextChange;
                }
                if (!mustPublish && !_ledger.Behind && _ledger.State == Folder.Ledger && !_ledger.Memory.HasUnsaved)
                {
                    // The shared ledger answered and nothing changed here.
                    if (_ledger.LaterRecorded(current!) is { } later)
                    {
                        await LastModifiedClock.WhenServable(later.LastModified, time, stoppingToken);
                        store.Publish(later);
                    }
                    if (scan.Unsettled > 0)
                        watcher.Poke();
                    return current!.NextChange;
                }

                // A shared ledger's save can lose a race with another instance (the same new story,
                // the same documents): the memory is then the ledger's again, and the scan is
                // assigned again from it before anything is served.
                Publication publication;
                FeedSnapshot snapshot;
                AssetSet served;
                IReadOnlyList<ItemProblem> assetProblems;
                var attempt = 0;
                var phases = new RebuildPhases(Stopwatch.GetElapsedTime(started));
                do
                {
                    var assigned = _ledger.Assign(scan.Items, now, itemChanges, out var assignedChanges);
                    phases.Lap(ref phases.Identities);
                    (served, var items, assetProblems, var changedItems) = _assets.Apply(assigned, assignedChanges);
                    phases.Lap(ref phases.Assets);
                    publication = Publication.Select(items, now, current?.Publication, changedItems);
                    phases.Lap(ref phases.Selection);
                    var urls = _ledger.Memory.UrlHistory(publication.Publishes);
                    phases.Lap(ref phases.Urls);
                    snapshot = FeedSnapshot.Build(publication, _settings, current, scan.ChangedAt, startedAt: current is null ? now : null, urls: urls);
                    phases.Lap(ref phases.Snapshot);
                    snapshot = _ledger.Stamp(snapshot, time.GetUtcNow());
                    phases.Lap(ref phases.Stamp);
                }
                while (!Saved(ref phases) && ++attempt < 5);
                phases.Log(logger);
                if (_ledger.Shared && _ledger.State != "ok")
                {
                    // Lost while assigning: nothing minted alone is served (see CanPublish).
                    if (mustPublish && !_held)
                        Log.ChangeHeld(logger, _folder.Root);
                    _held = mustPublish;
                    Folder = Folder with { Ledger = _ledger.State, ChangeHeld = _held };
                    return current?.NextChange;
                }
                _problems.ReportOnce([.. publication.Problems, .. assetProblems, .. snapshot.Urls.Problems]);
                Log.Changes(logger, PublicationChanges.Between(current?.Publication, publication), _settings.TimeZone);
                await LastModifiedClock.WhenServable(snapshot.LastModified, time, stoppingToken);
                Folder = Folder with { LastRebuild = time.GetUtcNow() };
                if (assets is not null)
                {
                    assets.Root = _folder.Root;
                    assets.Publish(served);
                }
                store.Publish(snapshot);
                CollectReplaced();
                // Said after the snapshot is served: counting looks at every story.
                if (Subscription.LeftOut(publication.Items, _settings, now) is > 0 and var leftOut)
                    Log.RecentCapped(logger, leftOut, _settings.MaxRecentItems);
                _held = false;
                Folder = Folder with { Ledger = _ledger.State, ChangeHeld = false };
                metrics.Rebuilt(Stopwatch.GetElapsedTime(started));
                Log.Rebuilt(logger, publication.Items.Count, scan.Skipped, changed, filesRead, _folder.Root,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            SaveIndexWhenDue(walked: named is null);
            if (scan.Unsettled > 0)
                watcher.Wake();
            return store.Current!.NextChange;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Whatever went wrong, the previous snapshot keeps being served and the next change
            // or rescan tries again, walking the whole folder: the names this look took are spent.
            Log.RebuildFailed(logger, _folder.Root, e);
            watcher.WalkNext();
            if (store.Current is null)
            {
                // Nothing of the folder is served: monitoring must see it (HealthReport).
                Folder = Folder with { State = "failed", LastRebuild = time.GetUtcNow() };
                store.Publish(FeedSnapshot.Build(Publication.Select([], time.GetUtcNow()), _settings));
            }
            return null;
        }
        finally
        {
            Folder = Folder with { RebuildStarted = null, LastScan = Folder.RebuildStarted };
        }
    }
}
