namespace Feed.Ledger;

/// <summary>What the ledger remembers of one published story.</summary>
/// <param name="Id">Its id, minted when first published (or stated by its front matter); never changes.</param>
/// <param name="PagePath">Its page now; every earlier page answers 301 to it.</param>
/// <param name="SourcePath">The file that holds it now, relative to the items folder.</param>
/// <param name="ContentHash">A hash of that file's bytes when last seen: tells an edit from a rename.</param>
/// <param name="Title">Its title when last seen: finds it again when a file is renamed and edited at once.</param>
/// <param name="OwnSlug">The front matter's slug when last seen, or null: a change of it moves the page.</param>
/// <param name="Published">Its published date as last served (for a file without a date, when Feed first published it).</param>
/// <param name="FirstSeen">When Feed first published it.</param>
/// <param name="LastChanged">When Feed first published it or last saw its file change.</param>
/// <param name="GoneAt">When its file disappeared, or null while it is published; its pages then answer 410.</param>
/// <param name="Version">
/// A shared ledger's version of the row this was read from (0: not yet written there); a write
/// expects it unchanged, so two instances never overwrite each other's news unseen.
/// </param>
public sealed record StoryRecord(
    string Id,
    string PagePath,
    string SourcePath,
    ulong ContentHash,
    string Title,
    string? OwnSlug,
    DateTimeOffset Published,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastChanged,
    DateTimeOffset? GoneAt,
    long Version = 0);
