namespace Feed.Ledger;

/// <summary>
/// Where the ledger is kept: a small contract (load everything, save one change set in one
/// transaction) that an embedded SQLite file and a shared PostgreSQL database both keep.
/// </summary>
public abstract class PublicationLedger : IDisposable
{
    /// <summary>The schema this version of Feed writes; a ledger with a later one is refused.</summary>
    public const int SchemaVersion = 2;

    /// <summary>Names the ledger in messages (a file's path, a database's host and name; never a password).</summary>
    public abstract string Name { get; }

    /// <summary>False when the ledger has gone from under the process (its file was deleted).</summary>
    public virtual bool StillThere => true;

    /// <summary>Everything the ledger holds.</summary>
    /// <param name="strings">The scanned stories' strings, kept instead of the ledger's equal copies.</param>
    /// <exception cref="LedgerTooNewException">The ledger was written by a later version of Feed.</exception>
    public abstract LedgerMemory Load(SharedStrings? strings = null);

    /// <summary>Writes one change set in one transaction, or nothing.</summary>
    /// <exception cref="LedgerConflictException">Another instance wrote the same story, page or publication first.</exception>
    public abstract void Save(LedgerChanges changes);

    /// <summary>True when other instances write to this ledger too: it is re-read before each assignment.</summary>
    public virtual bool Shared => false;

    /// <summary>Reads into the memory what was written since it was loaded or last refreshed (a shared ledger only).</summary>
    public virtual void Refresh(LedgerMemory memory)
    {
    }

    public abstract void Dispose();

    /// <summary>The refusal of a ledger whose schema is later than <see cref="SchemaVersion"/>.</summary>
    protected LedgerTooNewException TooNew(long version) =>
        new($"the ledger {Name} was written by a later version of Feed (schema {version}; this one reads up to {SchemaVersion}); " +
            "upgrade Feed, or point Feed:StatePath (or Feed:Ledger) elsewhere to start a new ledger");
}

/// <summary>A ledger written by a later version of Feed: left untouched, never overwritten.</summary>
public sealed class LedgerTooNewException(string message) : Exception(message);

/// <summary>
/// A save that lost a race: another instance recorded the same story, page or publication first.
/// Nothing was written; the loser reloads the ledger and assigns again.
/// </summary>
public sealed class LedgerConflictException(string message, Exception? inner = null) : Exception(message, inner);
