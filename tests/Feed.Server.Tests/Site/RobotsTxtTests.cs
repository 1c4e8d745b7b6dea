using Feed.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>Feed:RobotsTxt: the robots.txt the user keeps, served with the Sitemap lines added, followed as it changes.</summary>
public sealed class RobotsTxtTests : IDisposable
{
    const string Sitemap = "Sitemap: https://news.example.com/sitemap.xml";
    const string NewsSitemap = "Sitemap: https://news.example.com/sitemap-news.xml";

    readonly TempFolder _items = new();
    readonly TempFolder _config = new();
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 7, 10, 12, 0, 0, TimeSpan.Zero));

    public RobotsTxtTests()
    {
        _items.Write("2024-07-10-story.md", Items.Story("A story", "2024-07-10T09:00:00Z"));
        File.SetLastWriteTimeUtc(Path.Combine(_items.Path, "2024-07-10-story.md"), DateTime.UtcNow.AddMinutes(-1));
    }

    public void Dispose()
    {
        _items.Dispose();
        _config.Dispose();
    }

    [Fact]
    public async Task The_users_robots_txt_is_served_with_the_sitemap_lines_it_lacks_added_once()
    {
        var file = _config.Write("robots.txt", "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nDisallow: /drafts/\nsitemap:  https://news.example.com/sitemap.xml  # ours\n");
        await using var server = await RunningServer.StartAsync(_items.Path, _clock, $"--Feed:RobotsTxt={file}");
        using var response = await server.GetAsync("/robots.txt");
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nDisallow: /drafts/\nsitemap:  https://news.example.com/sitemap.xml  # ours\n\n"
            + NewsSitemap + "\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_edit_to_the_robots_txt_is_served_after_the_next_rescan_with_no_item_change()
    {
        var file = _config.Write("robots.txt", "User-agent: *\nDisallow: /old/");
        await using var server = await RunningServer.StartAsync(_items.Path, _clock, $"--Feed:RobotsTxt={file}");
        Assert.Equal($"User-agent: *\nDisallow: /old/\n\n{Sitemap}\n{NewsSitemap}\n", await server.TextAsync("/robots.txt"));
        var before = (await server.GetAsync("/robots.txt")).Headers.ETag;

        File.WriteAllText(file, $"User-agent: *\nDisallow: /newer/\n{NewsSitemap}\n{Sitemap}\n");
        _clock.Advance(TimeSpan.FromSeconds(31)); // Feed:RescanInterval
        await RunningServer.Eventually(async () => (await server.TextAsync("/robots.txt")).Contains("/newer/", StringComparison.Ordinal),
            "the edited robots.txt to be served");
        Assert.Equal($"User-agent: *\nDisallow: /newer/\n{NewsSitemap}\n{Sitemap}\n", await server.TextAsync("/robots.txt"));
        Assert.NotEqual(before, (await server.GetAsync("/robots.txt")).Headers.ETag);

        // A file that turns bad keeps its last good version served, and says so.
        File.Delete(file);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await RunningServer.Eventually(() => Task.FromResult(server.Logs.GetSnapshot().Any(r => r.Id.Id == 101)), "the warning about the missing file");
        Assert.Contains("/newer/", await server.TextAsync("/robots.txt"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.txt", "does not exist")]
    [InlineData("latin1.txt", "is not UTF-8 text")]
    [InlineData("huge.txt", "crawlers stop reading at 512000")]
    public async Task A_robots_txt_that_cannot_be_served_stops_the_start_with_a_message_naming_it(string name, string reason)
    {
        _config.Write("latin1.txt", [0x55, 0x73, 0x65, 0x72, 0x2D, 0x61, 0x67, 0x65, 0x6E, 0x74, 0x3A, 0x20, 0xE9, 0x0A]);
        _config.Write("huge.txt", "# " + new string('x', 600 * 1024));
        var path = Path.Combine(_config.Path, name);
        await using var app = FeedApp.Build(["--urls=http://127.0.0.1:0", $"--Feed:ItemsPath={_items.Path}", $"--Feed:RobotsTxt={path}"]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Feed:RobotsTxt must name a readable UTF-8 text file", failure);
        Assert.Contains(path, failure);
        Assert.Contains(reason, failure);
    }
}
