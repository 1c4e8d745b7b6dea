using System.Text;

namespace Feed.Server.Tests;

/// <summary>/healthz tells the truth (issue 19): what it reports, and when it answers 503.</summary>
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
}
