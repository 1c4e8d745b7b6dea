namespace Feed.Documents;

/// <summary>
/// Every rule of a snapshot's Last-Modified (RFC 9110 8.8.2), in one place. It comes from facts of
/// the folder, the same on every machine and after every restart; it never goes backwards; any
/// change moves it a whole second, because clients such as libcurl compare whole seconds; the
/// ledger's stamp wins for documents published before; and a snapshot is served only once its
/// Last-Modified has come, so it is never later than Date.
/// </summary>
public static class LastModifiedClock
{
    /// <summary>The time to the whole second below it, as HTTP dates carry it.</summary>
    public static DateTimeOffset Second(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>
    /// A new snapshot's Last-Modified from the folder: the newest of its change time and the
    /// moment its newest story came due; after <paramref name="previous"/>, never before it, and a
    /// second after it when any document changed within its second.
    /// </summary>
    /// <param name="startedAt">
    /// For the first snapshot after a start: a change made while the server was down, in the
    /// second of its last publish, must not be served under that same second.
    /// </param>
    public static DateTimeOffset? FromFolder(DateTimeOffset? previous, bool documentsChanged, DateTimeOffset? changedAt,
        IReadOnlyList<NewsItem> newestFirst, DateTimeOffset? startedAt)
    {
        var evidence = Evidence(changedAt, newestFirst);
        if (previous is not { } before)
            return startedAt is { } start && evidence is { } fresh && start - fresh < TimeSpan.FromSeconds(2) ? fresh.AddSeconds(1) : evidence;
        if (documentsChanged && (evidence is null || evidence <= before))
            return before.AddSeconds(1);
        return evidence is { } e && e > before ? e : before;
    }

    static DateTimeOffset? Evidence(DateTimeOffset? changedAt, IReadOnlyList<NewsItem> newestFirst)
    {
        var due = newestFirst.Count > 0 ? newestFirst[0].Published : (DateTimeOffset?)null;
        var latest = changedAt is null ? due : due is null ? changedAt : (changedAt > due ? changedAt : due);
        return latest is { } t ? Second(t) : null;
    }

    /// <summary>
    /// The Last-Modified a ledger gives documents it publishes: the one it recorded for the same
    /// documents when they were the last published (here before a restart, or by another
    /// instance); else now, and always after the latest it recorded.
    /// </summary>
    public static DateTimeOffset Stamp(DateTimeOffset? fromFolder, DateTimeOffset? latestRecorded, DateTimeOffset? recordedForThese, DateTimeOffset now)
    {
        if (latestRecorded is not { } latest)
            return fromFolder ?? Second(now);
        if (recordedForThese is { } recorded && recorded >= latest)
            return recorded;
        return Second(now) > latest ? Second(now) : latest.AddSeconds(1);
    }

    /// <summary>
    /// The later Last-Modified a ledger records for the documents served, or null: another
    /// instance recorded it when it published them again after others.
    /// </summary>
    public static DateTimeOffset? Later(DateTimeOffset? served, DateTimeOffset? recordedForThese) =>
        recordedForThese > served ? recordedForThese : null;

    /// <summary>
    /// Returns once <paramref name="lastModified"/> has come. Timers round down to whole
    /// milliseconds and may fire a little early, so the clock is read again. At most a second: a
    /// clock set back must not hold every change until it catches up.
    /// </summary>
    public static async Task WhenServable(DateTimeOffset? lastModified, TimeProvider time, CancellationToken cancel)
    {
        var waitUntil = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        while (lastModified is { } due && due > time.GetUtcNow() && time.GetUtcNow() < waitUntil)
        {
            var left = (due < waitUntil ? due : waitUntil) - time.GetUtcNow();
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), time, cancel);
        }
    }
}
