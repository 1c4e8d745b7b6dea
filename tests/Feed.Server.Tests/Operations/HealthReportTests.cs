using System.Text;
using Feed.Documents;
using Feed.Publishing;
using Feed.Server.Operations;

namespace Feed.Server.Tests.Operations;

/// <summary>/healthz tells the truth: what it reports, and when it answers 503.</summary>
public sealed class HealthReportTests
{
    static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly FeedSnapshot Snapshot = FeedSnapshot.Build(Publication.Select([], Now), FeedSettings.Defaults);

    [Fact]
    public void A_failed_body_store_read_is_503_and_counted()
    {
        var report = HealthReport.Of(Snapshot, new FolderHealth("ok", 0, Now) { BodyStoreErrors = 2 });
        Assert.Equal((503, "body-store-failed"), (report.Status, report.State));
        Assert.Contains("\"bodyStoreErrors\":2", Encoding.UTF8.GetString(report.Json()));
    }

    [Fact]
    public void A_healthy_folder_is_200_with_no_body_store_errors()
    {
        var report = HealthReport.Of(Snapshot, new FolderHealth("ok", 0, Now));
        Assert.Equal((200, "ok"), (report.Status, report.State));
        Assert.Contains("\"bodyStoreErrors\":0", Encoding.UTF8.GetString(report.Json()));
    }

    [Fact]
    public void The_report_gives_the_last_rebuild_s_age_and_a_running_one_s_duration()
    {
        var folder = new FolderHealth("ok", 0, Now) { RebuildStarted = Now.AddSeconds(90) };
        var report = HealthReport.Of(Snapshot, folder, Now.AddSeconds(100));
        Assert.Equal((200, "ok"), (report.Status, report.State));
        var json = Encoding.UTF8.GetString(report.Json());
        Assert.Contains("\"lastRebuildAgeSeconds\":100", json);
        Assert.Contains("\"rebuildRunningSeconds\":10", json);
        Assert.Contains("\"rebuildRunningSeconds\":null", Encoding.UTF8.GetString(HealthReport.Of(Snapshot, new FolderHealth("ok", 0, Now), Now).Json()));
    }

    [Fact]
    public void The_report_gives_when_the_last_ended_scan_began_to_the_millisecond()
    {
        var scanned = new FolderHealth("ok", 0, Now) { LastScan = new DateTimeOffset(2026, 11, 28, 19, 0, 41, 512, TimeSpan.FromHours(5)) };
        Assert.Contains("\"lastScan\":\"2026-11-28T14:00:41.512Z\"", Encoding.UTF8.GetString(HealthReport.Of(Snapshot, scanned, Now).Json()));
        Assert.Contains("\"lastScan\":null", Encoding.UTF8.GetString(HealthReport.Of(Snapshot, new FolderHealth("ok", 0, Now), Now).Json()));
    }

    [Fact]
    public void A_rebuild_running_past_the_limit_is_503_stuck()
    {
        var folder = new FolderHealth("ok", 0, Now) { RebuildStarted = Now };
        Assert.Equal(200, HealthReport.Of(Snapshot, folder, Now + HealthReport.StuckAfter).Status);
        var stuck = HealthReport.Of(Snapshot, folder, Now + HealthReport.StuckAfter + TimeSpan.FromSeconds(1));
        Assert.Equal((503, "rebuild-stuck"), (stuck.Status, stuck.State));
    }

    [Fact]
    public void An_unavailable_ledger_is_200_while_every_change_seen_is_published_and_503_while_one_is_held()
    {
        var published = HealthReport.Of(Snapshot, new FolderHealth("ok", 0, Now, Ledger: "unavailable"), Now);
        Assert.Equal((200, "ledger-unavailable"), (published.Status, published.State));
        Assert.Contains("\"changeHeld\":false", Encoding.UTF8.GetString(published.Json()));
        var held = HealthReport.Of(Snapshot, new FolderHealth("ok", 0, Now, Ledger: "unavailable") { ChangeHeld = true }, Now);
        Assert.Equal((503, "ledger-unavailable"), (held.Status, held.State));
        Assert.Contains("\"changeHeld\":true", Encoding.UTF8.GetString(held.Json()));
        var nothingYet = HealthReport.Of(null, new FolderHealth("ok", 0, null, Ledger: "unavailable") { ChangeHeld = true }, Now);
        Assert.Equal((503, "ledger-unavailable"), (nothingYet.Status, nothingYet.State));
    }
}
