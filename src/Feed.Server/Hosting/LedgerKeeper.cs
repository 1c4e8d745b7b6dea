using Feed.Documents;
using Feed.Folder;
using Feed.Ledger;
using Feed.Server.Configuration;
using Npgsql;

namespace Feed.Server.Hosting;

/// <summary>
/// Keeps the publication ledger for the feed service: assigns remembered identities before each
/// publication, decides Last-Modified from the ledger, and saves each publication's outcome in
/// one transaction. Losing the ledger is never fatal (docs/scale-out.md, "The publication ledger"): Feed
/// keeps serving, remembers in memory, says so once, and writes the ledger again whole when it
/// can (deleted, damaged, read-only, disk full). A ledger from a later version is left untouched.
/// </summary>
public sealed partial class LedgerKeeper(Func<PublicationLedger> open, string name, FeedSettings settings, ILogger logger, bool shared = false) : IDisposable
{
    /// <summary>The ledger the options name: PostgreSQL when <see cref="FeedOptions.Ledger"/> is set, else ledger.db in <see cref="FeedOptions.StateFolder"/>.</summary>
    public static LedgerKeeper For(FeedOptions options, FeedSettings settings, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.Ledger))
        {
            var connection = options.Ledger;
            return new(() => new PostgresLedger(connection), PostgresLedger.NameOf(new NpgsqlConnectionStringBuilder(connection)), settings, logger,
                shared: true);
        }
        var path = Path.Combine(options.StateFolder(options.ItemsPath), "ledger.db");
        return new(() => new SqliteLedger(path), path, settings, logger);
    }

    readonly StoryIdentities _identities = new(settings);
    LedgerMemory _memory = new();
    // The feed service's loop and the WebSub publisher both reach the ledger.
    readonly Lock _gate = new();
    bool _disposed;
    PublicationLedger? _ledger;
    bool _loaded, _refused, _outage;

    /// <summary>True when the last save lost a race it could not settle: the next rescan assigns again.</summary>
    public bool Behind { get; private set; }

    /// <summary>"ok", "unavailable" (memory only, retrying) or "refused" (a later version's ledger), for /healthz.</summary>
    public string State => _refused ? "refused" : _ledger is not null ? "ok" : "unavailable";

    /// <summary>True for a ledger other instances write too (PostgreSQL), reachable or not.</summary>
    public bool Shared => shared;

    /// <summary>
    /// Whether a change may be published now (docs/scale-out.md, "When PostgreSQL is down"):
    /// always with the embedded ledger, whose one instance remembers in memory meanwhile; with a
    /// shared ledger only while it answers. Alone, an instance would date, number and stamp
    /// what it publishes by itself (an undated story across midnight gets another id, a
    /// Last-Modified disagrees with the other instance's), so it holds the change and keeps
    /// serving its last snapshot. Reads in what other instances recorded meanwhile.
    /// </summary>
    public bool CanPublish()
    {
        if (!shared)
            return true;
        lock (_gate)
        {
            Connect();
            if (_ledger is null)
                return false;
            try
            {
                _ledger.Refresh(_memory);
            }
            catch (Exception e) when (IsLedgerFailure(e))
            {
                Lost(e);
            }
            return _ledger is not null;
        }
    }

    /// <summary>The ledger's stories (for tests and health).</summary>
    public LedgerMemory Memory => _memory;

    /// <summary>The candidates with the ids, pages and dates the ledger remembers for them.</summary>
    public IReadOnlyList<NewsItem> Assign(IReadOnlyList<NewsItem> candidates, DateTimeOffset now) => Assign(candidates, now, null, out _);

    /// <summary>The same, told what changed since the last candidates; <paramref name="assigned"/>: what changed among the assigned items.</summary>
    public IReadOnlyList<NewsItem> Assign(IReadOnlyList<NewsItem> candidates, DateTimeOffset now, ItemChanges? changes, out ItemChanges? assigned)
    {
        // A preload that failed in a way the ledger's own handling does not cover fails the first assignment, not silently.
        Interlocked.Exchange(ref _preload, null)?.GetAwaiter().GetResult();
        lock (_gate)
            return AssignNow(candidates, now, changes, out assigned);
    }

    IReadOnlyList<NewsItem> AssignNow(IReadOnlyList<NewsItem> candidates, DateTimeOffset now, ItemChanges? changes, out ItemChanges? assigned)
    {
        Connect(candidates);
        if (_ledger is { Shared: true })
        {
            // What other instances recorded since the last look (docs/scale-out.md): ids, pages,
            // first-seen times and Last-Modified are taken from there, not minted again here.
            try
            {
                _ledger.Refresh(_memory);
            }
            catch (Exception e) when (IsLedgerFailure(e))
            {
                Lost(e);
            }
        }
        return _identities.Assign(candidates, _memory, now, changes, out assigned);
    }

    /// <summary>
    /// The snapshot with the Last-Modified its bytes have: the recorded one when the ledger last
    /// published the same documents (after a restart, on another instance), else now, and never
    /// before or at a Last-Modified already recorded (RFC 9110 8.8.2; clients compare whole seconds).
    /// </summary>
    public FeedSnapshot Stamp(FeedSnapshot snapshot, DateTimeOffset now)
    {
        lock (_gate)
            return StampNow(snapshot, now);
    }

    FeedSnapshot StampNow(FeedSnapshot snapshot, DateTimeOffset now)
    {
        var lastModified = LastModifiedClock.Stamp(snapshot.LastModified, _memory.LatestRecorded, _memory.Recorded(snapshot.Fingerprint), now);
        _memory.Published(snapshot.Fingerprint, lastModified);
        return snapshot.WithLastModified(lastModified);
    }

    /// <summary>
    /// The served snapshot with the later Last-Modified the ledger now records for the same
    /// documents, or null. Another instance records one when it publishes these documents again
    /// after others (a checkout that pulled a story and its revert); serving the earlier one would
    /// answer 304 to a reader that saw the other instance's.
    /// </summary>
    public FeedSnapshot? LaterRecorded(FeedSnapshot served)
    {
        lock (_gate)
            return LastModifiedClock.Later(served.LastModified, _memory.Recorded(served.Fingerprint)) is { } later ? served.WithLastModified(later) : null;
    }

    /// <summary>
    /// Writes what changed since the last save, in one transaction; on failure it stays to be
    /// written next time. False when another instance recorded the same stories or documents
    /// first: nothing was written, the memory is the ledger's again, and the caller assigns again.
    /// </summary>
    public bool Save()
    {
        lock (_gate)
            return SaveNow();
    }

    /// <summary>
    /// The feeds of the first snapshot after a start that the hubs must hear of: those whose
    /// bytes differ from the ones last pinged, as the ledger recorded (WebSub section 6); every
    /// feed when no ping was ever recorded.
    /// </summary>
    public IEnumerable<string> ChangedSinceLastPing(FeedSnapshot snapshot, IEnumerable<string> feeds)
    {
        lock (_gate)
        {
            if (!_memory.HasPings)
                return [.. feeds];
            return [.. feeds.Where(path => _memory.LastPinged(path) != snapshot.Documents[path]?.Fingerprint)];
        }
    }

    /// <summary>Records that the hubs were told of these documents, and writes it at once.</summary>
    public void Pinged(IEnumerable<KeyValuePair<string, ulong>> documents)
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _memory.Pinged(documents);
            SaveNow();
        }
    }

    bool SaveNow()
    {
        if (_ledger is null || !_memory.HasUnsaved)
            return true;
        try
        {
            var changes = _memory.Unsaved();
            _ledger.Save(changes);
            _memory.Saved(changes);
            Behind = false;
            return true;
        }
        catch (LedgerConflictException e)
        {
            Log.LedgerConflict(logger, e.Message);
            Behind = true;
            try
            {
                _memory = _ledger.Load();
                return false;
            }
            catch (Exception failure) when (IsLedgerFailure(failure))
            {
                Lost(failure);
                return true;
            }
        }
        catch (Exception e) when (IsLedgerFailure(e))
        {
            Lost(e);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _ledger?.Dispose();
        }
    }
}
