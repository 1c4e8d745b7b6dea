namespace Feed.Ledger;

/// <summary>One save's worth of the ledger: written in one transaction, or not at all.</summary>
/// <param name="Stories">Stories added or changed.</param>
/// <param name="Pages">Pages given to a story (page path, story id).</param>
/// <param name="Removed">Ids of stories replaced by another (see <see cref="LedgerMemory.Replace"/>).</param>
/// <param name="Fingerprint">The published documents' fingerprint.</param>
/// <param name="LastModified">Their Last-Modified.</param>
/// <param name="Pings">Feeds whose hubs were told of a document (path, its fingerprint).</param>
/// <param name="PublishedVersion">A shared ledger's version of the row recorded for this fingerprint, or 0 when none was.</param>
public sealed record LedgerChanges(
    IReadOnlyList<StoryRecord> Stories,
    IReadOnlyList<KeyValuePair<string, string>> Pages,
    IReadOnlyList<string> Removed,
    ulong Fingerprint,
    DateTimeOffset? LastModified,
    long PublishedVersion = 0,
    IReadOnlyList<KeyValuePair<string, ulong>>? Pings = null);
