using System.Net;
using System.Text.Json;
using Feed.Testing;
using Npgsql;

namespace Feed.Server.Tests.Hosting;

/// <summary>
/// Several instances over one folder and one PostgreSQL ledger (docs/scale-out.md): they agree on
/// every id, page, ETag and Last-Modified, mint one id per file however they race, and ride out
/// the database going away. A real, throwaway PostgreSQL; skipped where none is installed.
/// </summary>
public class SharedLedgerTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    static string[] Shared(string connection) => [$"--Feed:Ledger={connection}", "--Feed:RescanInterval=00:00:01"];

    static string Story(string title, string? date = "2026-12-04T08:00:00Z") =>
        $"---\ntitle: {title}\n{(date is null ? "" : $"date: {date}\n")}---\n{title}, in full.\n";

    static async Task<bool> Agree(RunningServer a, RunningServer b)
    {
        foreach (var path in new[] { "/feed.xml", "/feed.json", "/feed.atom" })
        {
            using var fromA = await a.GetAsync(path);
            using var fromB = await b.GetAsync(path);
            if (!Equals(fromA.Headers.ETag, fromB.Headers.ETag) || fromA.Content.Headers.LastModified != fromB.Content.Headers.LastModified
                || await fromA.Content.ReadAsStringAsync() != await fromB.Content.ReadAsStringAsync())
                return false;
        }
        return true;
    }

    static async Task AssertAgree(RunningServer a, RunningServer b)
    {
        foreach (var path in new[] { "/feed.xml", "/feed.json", "/feed.atom" })
        {
            using var fromA = await a.GetAsync(path);
            using var fromB = await b.GetAsync(path);
            Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag);
            Assert.Equal(fromA.Content.Headers.LastModified, fromB.Content.Headers.LastModified);
            Assert.Equal(await fromA.Content.ReadAsStringAsync(), await fromB.Content.ReadAsStringAsync());
        }
    }

    static async Task<bool> BothPublish(RunningServer a, RunningServer b, int count) =>
        await a.PublishedAsync() == count && await b.PublishedAsync() == count;

    static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [PostgresFact]
    public async Task Two_instances_over_one_folder_agree_on_ids_pages_ETag_and_Last_Modified()
    {
        using var folder = new TempFolder();
        folder.Write("storm.md", Story("Storm hits the coast"));
        folder.Write("desk/budget.md", Story("Budget"));
        folder.Write("wire/budget.md", Story("Budget")); // a namesake: one of them is budget-2
        folder.Write("undated.md", Story("Undated notice", date: null)); // dated when first published
        var ledger = cluster.CreateDatabase();
        await using var a = await RunningServer.StartAsync(folder.Path, null, Shared(ledger));
        await using var b = await RunningServer.StartAsync(folder.Path, null, Shared(ledger));
        await AssertAgree(a, b);

        folder.Write("late.md", Story("A late story", "2026-11-01T08:00:00Z"));
        folder.Write("desk/budget.md", Story("Budget").Replace("in full", "corrected", StringComparison.Ordinal));
        await RunningServer.Eventually(() => BothPublish(a, b, 5), "both instances publish the late story");
        await RunningServer.Eventually(async () => (await a.TextAsync("/feed.json")).Contains("corrected", StringComparison.Ordinal)
            && (await b.TextAsync("/feed.json")).Contains("corrected", StringComparison.Ordinal), "both instances publish the correction");
        await RunningServer.Eventually(async () =>
        {
            using var fromA = await a.GetAsync("/feed.xml");
            using var fromB = await b.GetAsync("/feed.xml");
            return fromA.Headers.ETag!.Equals(fromB.Headers.ETag) && fromA.Content.Headers.LastModified == fromB.Content.Headers.LastModified;
        }, "both instances serve the same /feed.xml");
        await AssertAgree(a, b);
        Assert.Equal(5, Scalar(ledger, "SELECT count(*) FROM stories"));
    }

    [PostgresFact]
    public async Task A_thousand_files_added_at_once_with_both_instances_scanning_get_one_id_each()
    {
        using var folder = new TempFolder();
        folder.Write("first.md", Story("The first story"));
        var ledger = cluster.CreateDatabase();
        await using var a = await RunningServer.StartAsync(folder.Path, null, Shared(ledger));
        await using var b = await RunningServer.StartAsync(folder.Path, null, Shared(ledger));

        for (var i = 0; i < 1000; i++)
            folder.Write($"burst/{i:D4}.md", Story($"Story {i}", i % 10 == 0 ? null : "2026-12-04T08:00:00Z"));
        await RunningServer.Eventually(() => BothPublish(a, b, 1001), "both instances publish 1,001 stories", seconds: 120);

        Assert.Equal(1001, Scalar(ledger, "SELECT count(*) FROM stories"));
        Assert.Equal(1001, Scalar(ledger, "SELECT count(DISTINCT source_path) FROM stories"));
        Assert.Equal(1001, Scalar(ledger, "SELECT count(*) FROM pages"));
        await RunningServer.Eventually(async () =>
        {
            using var fromA = await a.GetAsync("/feed.json");
            using var fromB = await b.GetAsync("/feed.json");
            return fromA.Headers.ETag!.Equals(fromB.Headers.ETag);
        }, "both instances serve the same /feed.json", seconds: 30);
        var ids = (RunningServer s) => s.Feeds.Ledger.Memory.Stories.Select(r => (r.Id, r.PagePath, r.SourcePath, r.FirstSeen)).Order().ToList();
        Assert.Equal(ids(a), ids(b));
    }

    [PostgresFact]
    public async Task An_instance_serves_the_later_Last_Modified_another_recorded_for_the_same_documents()
    {
        // Two git-synced checkouts: the first pulls a story and then its revert before the
        // second pulls either. The first publishes the same documents again a little later, and
        // records that later time; the second, which never saw the story, must serve it too.
        using var first = new TempFolder();
        using var second = new TempFolder();
        first.Write("storm.md", Story("Storm hits the coast"));
        second.Write("storm.md", Story("Storm hits the coast"));
        var ledger = cluster.CreateDatabase();
        await using var a = await RunningServer.StartAsync(first.Path, null, Shared(ledger));
        await using var b = await RunningServer.StartAsync(second.Path, null, Shared(ledger));
        await AssertAgree(a, b);
        DateTimeOffset? LastModified(RunningServer s) => s.Store.Current?.LastModified;
        var before = LastModified(a);

        first.Write("flood.md", Story("Flood warning"));
        await RunningServer.Eventually(async () => await a.PublishedAsync() == 2, "the first instance publishes the pulled story");
        File.Delete(Path.Combine(first.Path, "flood.md"));
        await RunningServer.Eventually(async () => await a.PublishedAsync() == 1, "the first instance publishes the revert");
        Assert.True(LastModified(a) > before, "the same documents published again get a later Last-Modified");

        await RunningServer.Eventually(() => Task.FromResult(LastModified(b) == LastModified(a)),
            "the second instance serves the Last-Modified the ledger recorded for its documents");
        await AssertAgree(a, b);
    }

    static async Task<(HttpStatusCode Status, string State, bool Held, int Published)> Health(RunningServer server)
    {
        using var response = await server.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.GetProperty("status").GetString()!, json.GetProperty("changeHeld").GetBoolean(),
            json.GetProperty("published").GetInt32());
    }

    [PostgresFact]
    public async Task PostgreSQL_stopped_30_seconds_mid_run_holds_the_change_loses_nothing_mints_no_second_id_and_health_shows_it()
    {
        using var folder = new TempFolder();
        folder.Write("storm.md", Story("Storm hits the coast"));
        var ledger = cluster.CreateDatabase();
        await using var a = await RunningServer.StartAsync(folder.Path, null, Shared(ledger));
        await using var b = await RunningServer.StartAsync(folder.Path, null, Shared(ledger));
        string? etag;
        using (var before = await a.GetAsync("/feed.xml"))
            etag = before.Headers.ETag!.Tag;
        try
        {
            cluster.Stop();
            // Nothing changed yet: every change seen is published, so 200, and it says why it is degraded.
            await RunningServer.Eventually(async () => await Health(a) == (HttpStatusCode.OK, "ledger-unavailable", false, 1)
                && await Health(b) == (HttpStatusCode.OK, "ledger-unavailable", false, 1), "health says the ledger is unavailable, 200");
            var outage = System.Diagnostics.Stopwatch.StartNew();
            folder.Write("flood.md", Story("Flood warning"));
            folder.Write("undated.md", Story("Undated notice", date: null));
            await RunningServer.Eventually(async () => await Health(a) == (HttpStatusCode.ServiceUnavailable, "ledger-unavailable", true, 1)
                && await Health(b) == (HttpStatusCode.ServiceUnavailable, "ledger-unavailable", true, 1), "health says a change is held, 503");
            // For the rest of 30 seconds of outage: the change stays held, the last snapshot is served, health stays 503.
            while (outage.Elapsed < TimeSpan.FromSeconds(30))
            {
                await a.Feeds.NextScan.WaitAsync(TimeSpan.FromSeconds(10));
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "ledger-unavailable", true, 1), await Health(a));
                Assert.Equal((HttpStatusCode.ServiceUnavailable, "ledger-unavailable", true, 1), await Health(b));
                using var during = await b.GetAsync("/feed.xml");
                Assert.Equal((HttpStatusCode.OK, etag), (during.StatusCode, during.Headers.ETag!.Tag));
            }
            // Still one line per outage and one per held change, not one per rescan or request.
            Assert.Single(a.Logs.GetSnapshot(), r => r.Id.Id == 70);
            Assert.Single(a.Logs.GetSnapshot(), r => r.Id.Id == 105);
        }
        finally
        {
            cluster.Start();
        }

        await RunningServer.Eventually(async () => await Health(a) == (HttpStatusCode.OK, "ok", false, 3)
            && await Health(b) == (HttpStatusCode.OK, "ok", false, 3), "both catch up when the ledger is back", seconds: 30);
        Assert.Equal(3, Scalar(ledger, "SELECT count(*) FROM stories"));
        Assert.Equal(3, Scalar(ledger, "SELECT count(DISTINCT source_path) FROM stories"));
        await RunningServer.Eventually(async () => await Agree(a, b), "both instances serve the same bytes, ETag and Last-Modified after the outage");
        folder.Write("after.md", Story("After the outage"));
        await RunningServer.Eventually(() => BothPublish(a, b, 4), "both instances publish a change after the outage");
        await RunningServer.Eventually(async () =>
        {
            using var fromA = await a.GetAsync("/feed.json");
            using var fromB = await b.GetAsync("/feed.json");
            return fromA.Headers.ETag!.Equals(fromB.Headers.ETag);
        }, "both instances serve the same /feed.json after the outage", seconds: 30);
        Assert.Equal(4, Scalar(ledger, "SELECT count(*) FROM stories"));
        Assert.Contains(a.Logs.GetSnapshot(), r => r.Id.Id == 71);
    }

    [PostgresFact]
    public async Task An_instance_started_while_PostgreSQL_is_down_serves_nothing_of_its_own_and_says_so_until_it_is_back()
    {
        using var folder = new TempFolder();
        folder.Write("storm.md", Story("Storm hits the coast"));
        folder.Write("undated.md", Story("Undated notice", date: null));
        var ledger = cluster.CreateDatabase();
        await using (var first = await RunningServer.StartAsync(folder.Path, null, Shared(ledger)))
            Assert.Equal(2, await first.PublishedAsync());
        var recorded = Scalar(ledger, "SELECT count(*) FROM stories");
        RunningServer? late = null;
        try
        {
            cluster.Stop();
            late = await RunningServer.LaunchAsync(folder.Path, null, Shared(ledger));
            // Alone it would date the undated story today, not when it was first published: it waits.
            await RunningServer.Eventually(async () => await Health(late) == (HttpStatusCode.ServiceUnavailable, "ledger-unavailable", true, 0),
                "health says the ledger is unavailable and nothing is published, 503");
            using var feed = await late.GetAsync("/feed.xml");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, feed.StatusCode);
        }
        finally
        {
            cluster.Start();
        }
        await using (late)
        {
            await RunningServer.Eventually(async () => await Health(late) == (HttpStatusCode.OK, "ok", false, 2), "it publishes once the ledger is back",
                seconds: 30);
            Assert.Equal(recorded, Scalar(ledger, "SELECT count(*) FROM stories"));
        }
    }
}
