using System.Text.Json;
using Feed.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>
/// A Hugo content folder and a Jekyll _posts folder copied into items/ (tests/Migration/items,
/// written as those tools write them) publish through the real server with their titles, dates, tags,
/// drafts and summaries; and the desk reads in the log what is held, goes out and expires.
/// </summary>
public sealed class MigrationTests : IAsyncLifetime
{
    static readonly string Source = Path.Combine(Items.RepositoryRoot, "tests", "Migration", "items");
    readonly TempFolder _folder = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Source, "*", SearchOption.AllDirectories))
            _folder.Write(Path.GetRelativePath(Source, file), File.ReadAllBytes(file));
        _server = await RunningServer.StartAsync(_folder.Path, _time, "--Feed:TimeZone=Asia/Karachi");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    async Task<Dictionary<string, JsonElement>> FeedItems()
    {
        using var json = JsonDocument.Parse(await _server.BytesAsync("/feed.json"));
        return json.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("title").GetString()!, i => i.Clone());
    }

    static string[] Tags(JsonElement item) => item.TryGetProperty("tags", out var tags) ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [];

    [Fact]
    public async Task Hugo_and_jekyll_posts_publish_with_titles_dates_tags_and_summaries()
    {
        var items = await FeedItems();
        Assert.Equal(
            [
                "An editor's note on corrections", "Assembly passes the budget after a late-night vote", "Flood warning for lower Sindh",
                "Karachi win the cricket final", "Markets close higher", "Pakistan central bank holds key rate at 12%",
                "Spring book fair opens its doors", "The Desk, episode 12: the budget in twenty minutes",
                "The Desk, episode 13: the rate decision explained", "Water talks resume in Islamabad",
            ],
            items.Keys.Order(StringComparer.Ordinal));

        var budget = items["Assembly passes the budget after a late-night vote"];
        Assert.Equal("2024-03-01T23:15:00+05:00", budget.GetProperty("date_published").GetString());
        Assert.Equal("2024-03-02T08:00:00+05:00", budget.GetProperty("date_modified").GetString());
        Assert.Equal(["budget", "parliament", "pakistan"], Tags(budget));
        Assert.Equal("The finance bill passed 172 to 98 after an eleven-hour debate.", budget.GetProperty("summary").GetString());
        Assert.Equal("Ayesha Siddiqui", budget.GetProperty("authors")[0].GetProperty("name").GetString());

        // A TOML local time is read in Feed:TimeZone.
        var flood = items["Flood warning for lower Sindh"];
        Assert.Equal("2024-03-03T06:00:00+05:00", flood.GetProperty("date_published").GetString());
        Assert.Equal("https://news.example.com/2024/03/03/flood-warning-sindh", flood.GetProperty("url").GetString());
        Assert.Equal("Residents near the river are told to move to higher ground.", flood.GetProperty("summary").GetString());

        var markets = items["Markets close higher"];
        Assert.Equal(["markets", "economy", "business"], Tags(markets));
        Assert.Equal("The benchmark index rose 1.2 percent.", markets.GetProperty("summary").GetString());

        var water = items["Water talks resume in Islamabad"];
        Assert.Equal("2024-03-02T09:30:00+05:00", water.GetProperty("date_published").GetString());
        Assert.Equal("Delegations from both countries met for the first time in a year.", water.GetProperty("summary").GetString());
        Assert.Equal(["world", "water", "diplomacy"], Tags(water));
        Assert.Equal("https://news.example.com/assets/img/water-talks.jpg", water.GetProperty("image").GetString());

        var podcast = items["The Desk, episode 12: the budget in twenty minutes"];
        Assert.Equal("audio/mpeg", podcast.GetProperty("attachments")[0].GetProperty("mime_type").GetString());
        Assert.Equal("2024-03-09T07:00:00Z", podcast.GetProperty("date_modified").GetString());

        Assert.Equal("https://news.example.com/posts/cricket-final/trophy.jpg", items["Karachi win the cricket final"].GetProperty("image").GetString());
        Assert.Equal(["corrections", "policy"], Tags(items["An editor's note on corrections"]));
        Assert.Equal("2024-03-11T13:00:00+05:00", items["Pakistan central bank holds key rate at 12%"].GetProperty("date_published").GetString());
    }

    [Fact]
    public async Task Item_pages_show_the_jekyll_image_alt_and_do_not_repeat_the_headline()
    {
        Assert.Contains("alt=\"Delegates around a long table\"", await _server.TextAsync("/2024/03/02/posts/water-talks"));
        var wire = await _server.TextAsync("/2024/03/11/wire-rates");
        var article = wire[wire.IndexOf("<main>", StringComparison.Ordinal)..wire.IndexOf("</main>", StringComparison.Ordinal)];
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(article, "holds key rate at 12%"));
        Assert.Contains("<h1>Pakistan central bank holds key rate at 12%</h1>\n", wire);
        Assert.Contains("<p>The State Bank of Pakistan kept", wire);
    }

    [Fact]
    public async Task Drafts_and_held_stories_are_logged_and_held_ones_go_out_and_expire_on_time()
    {
        var held = Single(40, "posts/scheduled-launch.md");
        Assert.Equal(LogLevel.Information, held.Level);
        Assert.Contains("held back as scheduled until 2030-01-15T04:00:00Z (2030-01-15T09:00:00+05:00 in Asia/Karachi)", held.Message);
        Assert.Equal(LogLevel.Debug, Single(43, "posts/draft-interview.md").Level);
        Assert.Equal(LogLevel.Debug, Single(43, "_posts/2024-03-09-unpublished-column.md").Level);

        _time.SetUtcNow(new DateTimeOffset(2025, 6, 1, 0, 0, 1, TimeSpan.Zero));
        await RunningServer.Eventually(() => Task.FromResult(Logged(42, "posts/spring-sale.md")), "the expiry");
        Assert.Contains("expired at 2025-06-01T00:00:00Z", Single(42, "posts/spring-sale.md").Message);
        // The log line comes before the new snapshot is published: wait for the feed itself.
        await RunningServer.Eventually(async () => !(await FeedItems()).ContainsKey("Spring book fair opens its doors"), "the expired story leaving the feed");

        _time.SetUtcNow(new DateTimeOffset(2030, 1, 15, 4, 0, 0, TimeSpan.Zero));
        await RunningServer.Eventually(() => Task.FromResult(Logged(41, "posts/scheduled-launch.md")), "the scheduled story going out");
        await RunningServer.Eventually(async () => (await FeedItems()).ContainsKey("Satellite launch goes ahead"), "the scheduled story in the feed");
        Assert.Single(_server.Logs.GetSnapshot(), r => r.Id.Id == 40); // held: said once
    }

    bool Logged(int eventId, string file) => _server.Logs.GetSnapshot().Any(r => r.Id.Id == eventId && r.Message.Contains(file, StringComparison.Ordinal));

    FakeLogRecord Single(int eventId, string file) =>
        Assert.Single(_server.Logs.GetSnapshot(), r => r.Id.Id == eventId && r.Message.Contains(file, StringComparison.Ordinal));
}
