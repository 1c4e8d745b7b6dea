using System.Net;
using System.Text.Json;
using Feed.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>
/// The publication ledger through the real server: what Feed published is remembered across
/// restarts (ids, pages, dates, Last-Modified), and losing the ledger is never fatal.
/// </summary>
public class LedgerTests
{
    const string Storm = "---\ntitle: Storm hits the coast\ndate: 2026-12-04T08:00:00Z\n---\nThe storm made landfall.\n";

    static async Task<(string Id, string Url)> OnlyStory(RunningServer server)
    {
        var json = JsonDocument.Parse(await server.TextAsync("/feed.json")).RootElement;
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        return (item.GetProperty("id").GetString()!, item.GetProperty("url").GetString()!);
    }

    static async Task<DateTimeOffset> LastModified(RunningServer server)
    {
        using var response = await server.GetAsync("/feed.xml");
        return response.EnsureSuccessStatusCode().Content.Headers.LastModified!.Value;
    }

    static Task Rebuilt(RunningServer server, Func<Task<bool>> condition, string what) => RunningServer.Eventually(condition, what);

    [Fact]
    public async Task A_file_renamed_while_the_server_was_down_keeps_its_id_and_url()
    {
        using var folder = new TempFolder();
        folder.Write("2026-12-04-strom.md", Storm);
        (string Id, string Url) before;
        await using (var server = await RunningServer.StartAsync(folder))
            before = await OnlyStory(server);
        File.Move(Path.Combine(folder.Path, "2026-12-04-strom.md"), Path.Combine(folder.Path, "2026-12-04-storm.md"));

        await using var restarted = await RunningServer.StartAsync(folder);
        Assert.Equal(before, await OnlyStory(restarted));
        Assert.Equal(HttpStatusCode.OK, (await restarted.GetAsync(new Uri(before.Url).AbsolutePath)).StatusCode);
    }

    [Fact]
    public async Task Last_Modified_is_kept_across_a_restart_and_moves_forward_for_a_change_made_while_down()
    {
        using var folder = new TempFolder();
        folder.Write("storm.md", Storm);
        DateTimeOffset first;
        await using (var server = await RunningServer.StartAsync(folder))
            first = await LastModified(server);
        await using (var server = await RunningServer.StartAsync(folder))
            Assert.Equal(first, await LastModified(server));

        // A correction saved within the same second, with a file time in the past: only the
        // ledger knows the bytes changed.
        folder.Write("storm.md", Storm.Replace("made landfall", "made landfall at dawn", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "storm.md"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await using var restarted = await RunningServer.StartAsync(folder);
        Assert.True(await LastModified(restarted) > first);
    }

    [Fact]
    public async Task A_deleted_story_answers_410_and_a_changed_slug_301()
    {
        using var folder = new TempFolder();
        folder.Write("storm.md", Storm);
        folder.Write("budget.md", "---\ntitle: Budget\ndate: 2026-12-04\nslug: budjet\n---\nThe budget.\n");
        await using var server = await RunningServer.StartAsync(folder);
        folder.Delete("storm.md");
        folder.Write("budget.md", "---\ntitle: Budget\ndate: 2026-12-04\nslug: budget\n---\nThe budget.\n");
        await Rebuilt(server, async () => (await server.GetAsync("/2026/12/04/storm")).StatusCode == HttpStatusCode.Gone, "the deleted story's page answers 410");

        using var moved = await server.GetAsync("/2026/12/04/budjet");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(new Uri(RunningServer.BaseUrl + "2026/12/04/budget"), moved.Headers.Location);
    }

    [Fact]
    public async Task A_ledger_deleted_while_running_is_written_again_and_nothing_changes_for_readers()
    {
        using var folder = new TempFolder();
        folder.Write("2026-12-04-strom.md", Storm);
        await using var server = await RunningServer.StartAsync(folder);
        var story = await OnlyStory(server);
        var ledger = Path.Combine(folder.StatePath, "ledger.db");
        Assert.True(File.Exists(ledger));

        File.Delete(ledger);
        File.Move(Path.Combine(folder.Path, "2026-12-04-strom.md"), Path.Combine(folder.Path, "2026-12-04-storm.md"));
        await Rebuilt(server, () => Task.FromResult(File.Exists(ledger)), "the ledger is written again");
        Assert.Equal(story, await OnlyStory(server));
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 73);
    }

    [Fact]
    public async Task A_damaged_ledger_is_moved_aside_and_the_feeds_are_served()
    {
        using var folder = new TempFolder();
        folder.Write("storm.md", Storm);
        Directory.CreateDirectory(folder.StatePath);
        File.WriteAllText(Path.Combine(folder.StatePath, "ledger.db"), "this is not a database, it is a damaged file of some length......");

        await using var server = await RunningServer.StartAsync(folder);
        Assert.Equal(1, await server.PublishedAsync());
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 74);
        Assert.Single(Directory.GetFiles(folder.StatePath, "ledger.db.damaged-*"));
        Assert.Equal("ok", (await server.HealthAsync()).GetProperty("ledger").GetString());
    }

    [Fact]
    public async Task A_ledger_that_cannot_be_written_is_reported_and_written_once_it_can()
    {
        using var folder = new TempFolder();
        using var state = new TempFolder();
        folder.Write("storm.md", Storm);
        var blocker = state.Write("blocked", "a file where the state folder should be");

        await using var server = await RunningServer.StartAsync(folder, $"--Feed:StatePath={Path.Combine(blocker, "state")}");
        var story = await OnlyStory(server);
        Assert.Equal("unavailable", (await server.HealthAsync()).GetProperty("ledger").GetString());
        Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Id == 70);

        File.Delete(blocker);
        folder.Write("weather.md", "---\ntitle: Weather\ndate: 2026-12-03\n---\nRain.\n");
        await Rebuilt(server, async () => (await server.HealthAsync()).GetProperty("ledger").GetString() == "ok", "the ledger is back");
        Assert.True(File.Exists(Path.Combine(blocker, "state", "ledger.db")));
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 71);
        Assert.Equal(story.Id, JsonDocument.Parse(await server.TextAsync("/feed.json")).RootElement.GetProperty("items")
            .EnumerateArray().Single(i => i.GetProperty("title").GetString() == "Storm hits the coast").GetProperty("id").GetString());
    }
}
