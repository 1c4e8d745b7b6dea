using System.Text.Json;
using Feed.Documents;
using Feed.Items;

namespace Feed.Server.Operations;

/// <summary>What the service last saw of the items folder.</summary>
/// <param name="State">"ok", "missing", "unreadable", or "failed" when the first build failed (the log says why).</param>
/// <param name="Skipped">Item files left out for their problems at the last scan.</param>
/// <param name="LastRebuild">When the snapshot served now was published.</param>
/// <param name="Ledger">
/// The publication ledger: "ok"; "unavailable" while it cannot be written (Feed remembers in
/// memory and writes it when it can); "refused" when it was written by a later version.
/// </param>
public sealed record FolderHealth(string State, int Skipped, DateTimeOffset? LastRebuild, string Ledger = "ok")
{
    /// <summary>Bodies that could not be read back from the body store since start (each one an item shown without its story).</summary>
    public int BodyStoreErrors { get; init; }

    /// <summary>
    /// A change seen in the folder and not published: a shared ledger is out of reach, so it waits
    /// for it (docs/scale-out.md, "When PostgreSQL is down").
    /// </summary>
    public bool ChangeHeld { get; init; }

    /// <summary>When the rebuild running now started; null between rebuilds.</summary>
    public DateTimeOffset? RebuildStarted { get; init; }

    /// <summary>
    /// When the last look at the folder that has ended began: a file changed before it has been
    /// seen, and published if it changed any document. Null before the first has ended.
    /// </summary>
    public DateTimeOffset? LastScan { get; init; }

    /// <summary>"ok", or "degraded" while the folder cannot be watched: changes are then seen at the rescan only.</summary>
    public string Watcher { get; init; } = "ok";

    public static readonly FolderHealth Unknown = new("unknown", 0, null);
}

/// <summary>
/// /healthz: a small JSON report for monitoring and load balancers. 503 until the first build
/// (nothing to serve yet) and while the items folder is missing or unreadable (or the first build
/// failed): the server then
/// serves empty or stale feeds, which a status-code check must see, so it answers as ASP.NET
/// Core's health checks answer Unhealthy. A ledger that cannot be written is "ledger-unavailable":
/// 200 while every change seen is published, 503 while one is held. No file system
/// path is ever included (docs/security.md).
/// </summary>
public sealed record HealthReport(int Status, string State, FeedSnapshot? Snapshot, FolderHealth Folder, DateTimeOffset Now)
{
    /// <summary>
    /// A rebuild running longer than this is stuck (a hostile file once froze every later
    /// edit while /healthz said "ok"): a first build of 100,000 items takes seconds.
    /// </summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(5);

    public static HealthReport Of(FeedSnapshot? snapshot, FolderHealth folder) => Of(snapshot, folder, DateTimeOffset.UtcNow);

    public static HealthReport Of(FeedSnapshot? snapshot, FolderHealth folder, DateTimeOffset now) =>
        snapshot is null ? new(StatusCodes.Status503ServiceUnavailable, folder.ChangeHeld ? "ledger-" + folder.Ledger : "starting", null, folder, now)
        : now - folder.RebuildStarted > StuckAfter ? new(StatusCodes.Status503ServiceUnavailable, "rebuild-stuck", snapshot, folder, now)
        : folder.State is "missing" or "unreadable" or "failed" ? new(StatusCodes.Status503ServiceUnavailable, "folder-" + folder.State, snapshot, folder, now)
        // Stories would be served empty: a restart rebuilds the store from the folder.
        : folder.BodyStoreErrors > 0 ? new(StatusCodes.Status503ServiceUnavailable, "body-store-failed", snapshot, folder, now)
        // A change seen and not served: the snapshot is stale, as with a missing folder.
        : folder.ChangeHeld ? new(StatusCodes.Status503ServiceUnavailable, "ledger-" + folder.Ledger, snapshot, folder, now)
        : folder.Ledger != "ok" ? new(StatusCodes.Status200OK, "ledger-" + folder.Ledger, snapshot, folder, now)
        // Everything is served, only later than it could be: not a reason to take the server out.
        : folder.Watcher != "ok" ? new(StatusCodes.Status200OK, "watcher-" + folder.Watcher, snapshot, folder, now)
        : new(StatusCodes.Status200OK, "ok", snapshot, folder, now);

    public byte[] Json()
    {
        var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("status", State);
            json.WriteNumber("published", Snapshot?.Items.Count ?? 0);
            json.WriteNumber("skipped", Folder.Skipped);
            json.WriteNumber("scheduled", Snapshot?.Publication.Scheduled.Count ?? 0);
            json.WriteString("folder", Folder.State);
            json.WriteString("ledger", Folder.Ledger);
            json.WriteBoolean("changeHeld", Folder.ChangeHeld);
            json.WriteString("watcher", Folder.Watcher);
            json.WriteNumber("bodyStoreErrors", Folder.BodyStoreErrors);
            if (Folder.LastRebuild is { } rebuilt)
                json.WriteString("lastRebuild", ItemDate.Rfc3339String(rebuilt.ToUniversalTime()));
            else
                json.WriteNull("lastRebuild");
            if (Folder.LastRebuild is { } last)
                json.WriteNumber("lastRebuildAgeSeconds", (long)(Now - last).TotalSeconds);
            else
                json.WriteNull("lastRebuildAgeSeconds");
            if (Folder.RebuildStarted is { } started)
                json.WriteNumber("rebuildRunningSeconds", (long)(Now - started).TotalSeconds);
            else
                json.WriteNull("rebuildRunningSeconds");
            // To the millisecond: a client that changed a file waits for a scan that began after it.
            if (Folder.LastScan is { } scanned)
                json.WriteString("lastScan", scanned.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            else
                json.WriteNull("lastScan");
            if (Snapshot?.Publication.NextScheduled is { } next)
                json.WriteString("nextScheduled", ItemDate.Rfc3339String(next.ToUniversalTime()));
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
        return output.ToArray();
    }
}
