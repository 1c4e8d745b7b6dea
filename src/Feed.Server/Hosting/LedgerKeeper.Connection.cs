using Feed.Ledger;
using Microsoft.Data.Sqlite;

namespace Feed.Server.Hosting;

// Reaching the ledger: opening it, noticing it gone or damaged, and saying so once per outage.
public sealed partial class LedgerKeeper
{
    Task? _preload;

    /// <summary>
    /// Reads the ledger on the thread pool as soon as the start index has given its stories, so
    /// that the read overlaps the rest of the start's pass; the first assignment waits for it.
    /// Without an index the ledger is read at the first assignment, keeping the scanned stories' strings.
    /// </summary>
    public void Preload(Task<NewsItem[]?> indexed) => _preload = indexed.ContinueWith(read =>
    {
        if (read.Result is not { } stories)
            return;
        lock (_gate)
        {
            if (!_loaded && _ledger is null && !_refused && !_disposed)
                Open(SharedStrings.Of(stories));
        }
    }, TaskScheduler.Default);

    /// <param name="candidates">The scanned stories, whose strings a ledger read at start keeps instead of its own copies.</param>
    void Connect(IReadOnlyCollection<NewsItem>? candidates = null)
    {
        if (_refused)
            return;
        if (_ledger is not null && !_ledger.StillThere)
        {
            Log.LedgerDeleted(logger, name);
            _ledger.Dispose();
            _ledger = null;
        }
        if (_ledger is null)
            Open(candidates);
    }

    void Open(IReadOnlyCollection<NewsItem>? candidates = null) => Open(!_loaded && candidates is not null ? SharedStrings.Of(candidates) : null);

    void Open(SharedStrings? strings)
    {
        PublicationLedger? ledger = null;
        try
        {
            ledger = open();
            var stored = ledger.Load(strings);
            if (ledger.Shared)
            {
                // A shared ledger is the memory; what was minted here while it was out of reach
                // is written to it unless another instance took its id or page meanwhile.
                stored.KeepUnsaved(_memory, everything: stored.IsFresh);
                _memory = stored;
            }
            else
            {
                if (!_loaded && !stored.IsFresh)
                    _memory = stored; // at start, the ledger is the memory
                else if (!_memory.IsFresh)
                    ledger.Save(_memory.All()); // a new, recreated or returning ledger gets everything known
                _memory.Saved(_memory.Unsaved());
            }
            if (_outage)
                Log.LedgerBack(logger, name);
            else if (!_loaded)
                Log.LedgerOpened(logger, name, _memory.Count);
            (_ledger, _loaded, _outage) = (ledger, true, false);
        }
        catch (LedgerTooNewException e)
        {
            ledger?.Dispose();
            Log.LedgerTooNew(logger, e.Message);
            _refused = true;
        }
        catch (SqliteException e) when (IsDamaged(e) && File.Exists(name))
        {
            // Keep the damaged file for whoever wants to look at it, and start a new one.
            ledger?.Dispose();
            SqliteConnection.ClearAllPools();
            var aside = $"{name}.damaged-{DateTime.UtcNow:yyyyMMddHHmmss}";
            try
            {
                File.Move(name, aside);
                Log.LedgerDamaged(logger, name, e.Message, aside);
                _loaded = true;
                Open(strings: null);
            }
            catch (Exception moveFailure) when (moveFailure is IOException or UnauthorizedAccessException)
            {
                Lost(moveFailure);
            }
        }
        catch (Exception e) when (IsLedgerFailure(e))
        {
            ledger?.Dispose();
            Lost(e);
        }
    }

    // SQLITE_CORRUPT, SQLITE_NOTADB
    static bool IsDamaged(SqliteException e) => e.SqliteErrorCode is 11 or 26;

    void Lost(Exception e)
    {
        if (!_outage)
            Log.LedgerUnavailable(logger, name, e.Message);
        _outage = true;
        _ledger?.Dispose();
        _ledger = null;
    }

    static bool IsLedgerFailure(Exception e) => e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException
        or System.Data.Common.DbException;
}
