using Feed.Items;
using Feed.Publishing;

namespace Feed.Server;

/// <summary>Every message the server logs, with stable event ids that operators and tests match on.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Published {Published} items ({Skipped} skipped, {Changed} files changed, {FilesRead} read) from {Folder} in {ElapsedMs} ms")]
    public static partial void Rebuilt(ILogger logger, int published, int skipped, int changed, int filesRead, string folder, long elapsedMs);

    [LoggerMessage(80, LogLevel.Debug, "Rebuild phases (ms): scan {Scan}, identities {Identities}, assets {Assets}, selection {Selection}, URL history {Urls}, snapshot {Snapshot}, Last-Modified {Stamp}, ledger save {Save}")]
    public static partial void RebuildPhases(ILogger logger, double scan, double identities, double assets, double selection, double urls, double snapshot, double stamp, double save);

    [LoggerMessage(2, LogLevel.Warning, "Skipped {File}: {Reasons}")]
    public static partial void Skipped(ILogger logger, string file, string reasons);

    [LoggerMessage(3, LogLevel.Warning, "{Problem}")]
    public static partial void ItemWarning(ILogger logger, ItemProblem problem);

    [LoggerMessage(18, LogLevel.Warning, "{Count} more files: {Message}")]
    public static partial void MoreWarnings(ILogger logger, int count, string message);

    [LoggerMessage(4, LogLevel.Debug, "{Problem}")]
    public static partial void ItemNote(ILogger logger, ItemProblem problem);

    [LoggerMessage(5, LogLevel.Information, "{File} is valid again and its new version is published")]
    public static partial void Fixed(ILogger logger, string file);

    [LoggerMessage(6, LogLevel.Warning, "The items folder {Folder} does not exist or cannot be read; serving empty feeds until it can")]
    public static partial void FolderMissing(ILogger logger, string folder);

    [LoggerMessage(7, LogLevel.Warning, "The items folder {Folder} is gone or cannot be read; still serving the last {Published} items until it is back")]
    public static partial void FolderGone(ILogger logger, string folder, int published);

    [LoggerMessage(8, LogLevel.Warning, "Watching {Folder} for changes failed ({Reason}); rescanning it instead")]
    public static partial void WatcherFailed(ILogger logger, string folder, string reason);

    [LoggerMessage(9, LogLevel.Error, "Rebuilding the feeds from {Folder} failed; still serving the previous ones")]
    public static partial void RebuildFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "The items folder {Folder} is back")]
    public static partial void FolderBack(ILogger logger, string folder);

    [LoggerMessage(11, LogLevel.Debug, "Told the WebSub hub {Hub} that {Topics} feeds changed")]
    public static partial void HubNotified(ILogger logger, Uri hub, int topics);

    [LoggerMessage(12, LogLevel.Warning, "The WebSub hub {Hub} did not take the news of {Topics} changed feeds (attempt {Attempt}: {Failure}); retrying in {Seconds} s")]
    public static partial void HubRetrying(ILogger logger, Uri? hub, int topics, int attempt, string failure, double seconds);

    [LoggerMessage(13, LogLevel.Warning, "Gave up telling the WebSub hub {Hub} that {Topics} feeds changed ({Failure}); subscribers will see them at their next poll")]
    public static partial void HubGaveUp(ILogger logger, Uri hub, int topics, string failure);

    [LoggerMessage(14, LogLevel.Debug, "Purged {Paths} changed documents from {Caches} caches")]
    public static partial void Purged(ILogger logger, int paths, int caches);

    [LoggerMessage(15, LogLevel.Warning, "Purging {Paths} changed documents from {Caches} caches took longer than {Seconds} s; pinging the hubs anyway, which may fetch a stale copy")]
    public static partial void PurgeTimedOut(ILogger logger, int caches, int paths, double seconds);

    [LoggerMessage(16, LogLevel.Warning, "{Failures} of {Purges} cache purges failed (first: {First}); pinging the hubs anyway, which may fetch a stale copy")]
    public static partial void PurgeFailed(ILogger logger, int failures, int purges, string first);

    [LoggerMessage(60, LogLevel.Warning, "Feed:BaseUrl is still its default {BaseUrl} while the server listens on {Urls}: every id and link would carry it; set Feed:BaseUrl (and Feed:IdAuthority) to the public address before going live")]
    public static partial void DefaultBaseUrl(ILogger logger, Uri baseUrl, string urls);

    [LoggerMessage(17, LogLevel.Error, "{File}: its story could not be read back from the body store, so it is shown with its summary only until a restart rebuilds the store (/healthz answers 503)")]
    public static partial void BodyStoreReadFailed(ILogger logger, string file, Exception exception);

    // What the desk needs to see of the schedule (docs/items.md).
    [LoggerMessage(40, LogLevel.Information, "{File} is held back as scheduled until {Utc} ({Local} in {TimeZone})")]
    public static partial void Held(ILogger logger, string file, string utc, string local, string timeZone);

    [LoggerMessage(41, LogLevel.Information, "{File} went out as scheduled (dated {Utc})")]
    public static partial void WentOut(ILogger logger, string file, string utc);

    [LoggerMessage(42, LogLevel.Information, "{File} expired at {Utc} and has left the feeds and pages")]
    public static partial void Expired(ILogger logger, string file, string utc);

    [LoggerMessage(43, LogLevel.Debug, "{File} is a draft and is not published")]
    public static partial void Draft(ILogger logger, string file);

    /// <summary>One line per story that was held, went out, expired or became a draft.</summary>
    public static void Changes(ILogger logger, PublicationChanges changes, TimeZoneInfo zone)
    {
        foreach (var item in changes.Held)
            Held(logger, item.SourcePath, Utc(item.Published), ItemDate.Rfc3339String(TimeZoneInfo.ConvertTime(item.Published, zone)), zone.Id);
        foreach (var item in changes.WentOut)
            WentOut(logger, item.SourcePath, Utc(item.Published));
        foreach (var item in changes.Expired)
            Expired(logger, item.SourcePath, Utc(item.Expires!.Value));
        foreach (var item in changes.Drafts)
            Draft(logger, item.SourcePath);
    }

    static string Utc(DateTimeOffset time) => ItemDate.Rfc3339String(time.ToUniversalTime());

    [LoggerMessage(70, LogLevel.Warning, "The ledger {Ledger} cannot be used ({Reason}); Feed keeps serving and remembers in memory, and tries again at the next change or rescan")]
    public static partial void LedgerUnavailable(ILogger logger, string ledger, string reason);

    [LoggerMessage(71, LogLevel.Information, "The ledger {Ledger} is back; what was remembered meanwhile is written to it")]
    public static partial void LedgerBack(ILogger logger, string ledger);

    [LoggerMessage(72, LogLevel.Error, "Not using the ledger: {Reason}")]
    public static partial void LedgerTooNew(ILogger logger, string reason);

    [LoggerMessage(73, LogLevel.Warning, "The ledger {Ledger} was deleted; it is written again from what Feed remembers")]
    public static partial void LedgerDeleted(ILogger logger, string ledger);

    [LoggerMessage(74, LogLevel.Error, "The ledger {Ledger} is damaged ({Reason}); it was moved to {Aside} and is written again from what Feed remembers")]
    public static partial void LedgerDamaged(ILogger logger, string ledger, string reason, string aside);

    [LoggerMessage(75, LogLevel.Warning, "{Count} stories first published or changed within Feed:RecentWindow are left out of the feeds by Feed:MaxRecentItems ({Max}); they are on the pages and in the archives")]
    public static partial void RecentCapped(ILogger logger, int count, int max);

    [LoggerMessage(76, LogLevel.Information, "Remembering published stories in the ledger {Ledger} ({Count} stories)")]
    public static partial void LedgerOpened(ILogger logger, string ledger, int count);

    [LoggerMessage(85, LogLevel.Warning, "No podcast feed: {Problem}. The news feeds are served as always; set the Feed:Podcast keys as docs/formats.md says to publish /podcast.xml")]
    public static partial void PodcastOff(ILogger logger, string problem);

    [LoggerMessage(86, LogLevel.Warning, "Feed:Podcast:Image {File} is {Width}x{Height} pixels; Apple Podcasts refuses artwork that is not square and 1400 to 3000 pixels a side: replace it before submitting the show")]
    public static partial void PodcastArtwork(ILogger logger, string file, int width, int height);

    [LoggerMessage(77, LogLevel.Information, "Assigning again: {Reason}")]
    public static partial void LedgerConflict(ILogger logger, string reason);

    [LoggerMessage(100, LogLevel.Information, "Read {File} again: /robots.txt now serves it (with the Sitemap lines it lacks)")]
    public static partial void RobotsTxtRead(ILogger logger, string file);

    [LoggerMessage(101, LogLevel.Warning, "Feed:RobotsTxt {File} cannot be served ({Problem}); still serving its last good version until it is fixed")]
    public static partial void RobotsTxtUnreadable(ILogger logger, string file, string problem);

    [LoggerMessage(105, LogLevel.Warning, "A change in {Folder} is held until the shared ledger is back: the last snapshot is served meanwhile and /healthz answers 503")]
    public static partial void ChangeHeld(ILogger logger, string folder);

    [LoggerMessage(110, LogLevel.Information, "Took {FromIndex} of {Files} story files from the start index {Index} without reading them")]
    public static partial void FromIndex(ILogger logger, int fromIndex, int files, string index);

    [LoggerMessage(111, LogLevel.Warning, "The start index {Index} is not used: {Why}; every story file is read, and the index is written anew")]
    public static partial void IndexUnused(ILogger logger, string index, string why);

    [LoggerMessage(114, LogLevel.Information, "The start index {Index} is of another build of Feed, other settings or another folder: every story file is read, and the index is written anew")]
    public static partial void IndexOutdated(ILogger logger, string index);

    [LoggerMessage(112, LogLevel.Debug, "Wrote the start index {Index}: {Files} story files in {ElapsedMs} ms")]
    public static partial void IndexSaved(ILogger logger, string index, int files, long elapsedMs);

    [LoggerMessage(113, LogLevel.Warning, "The start index {Index} cannot be written ({Reason}); the next start reads every story file. Check that the state folder (Feed:StatePath) is writable, or set Feed:StartIndex=false")]
    public static partial void IndexNotSaved(ILogger logger, string index, string reason);
}
