using System.Net;
using System.Text.Json;
using Feed.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>
/// Moving house: the migration folder's Hugo aliases, Jekyll redirect_from, permalink and
/// url, and the feed URLs Hugo, Jekyll and WordPress published, each answer 301 to the story or
/// feed now, so subscriptions and links follow the site.
/// </summary>
public sealed class MigrationRedirectTests : IAsyncLifetime
{
    static readonly string Source = Path.Combine(Items.RepositoryRoot, "tests", "Migration", "items");
    readonly TempFolder _folder = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Source, "*", SearchOption.AllDirectories))
            _folder.Write(Path.GetRelativePath(Source, file), File.ReadAllBytes(file));
        _server = await RunningServer.StartAsync(_folder.Path, _time, "--Feed:TimeZone=Asia/Karachi", "--Feed:FeedAliases=/blog/rss.xml=/feed.xml");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    async Task<string> PageOf(string title)
    {
        using var json = JsonDocument.Parse(await _server.BytesAsync("/feed.json"));
        return json.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title).GetProperty("url").GetString()!;
    }

    [Theory]
    [InlineData("/2024/03/flood/", "Flood warning for lower Sindh")]                          // Hugo aliases, TOML
    [InlineData("/2024/03/flood", "Flood warning for lower Sindh")]
    [InlineData("/posts/budget-vote/", "Assembly passes the budget after a late-night vote")]
    [InlineData("/2024/03/01/budget/", "Assembly passes the budget after a late-night vote")]
    [InlineData("/podcast/13/", "The Desk, episode 13: the rate decision explained")]
    [InlineData("/podcast/12/", "The Desk, episode 12: the budget in twenty minutes")]        // Jekyll redirect_from, a list
    [InlineData("/the-desk/episode-12.html", "The Desk, episode 12: the budget in twenty minutes")]
    [InlineData("/2024/03/10/editors-note.html", "An editor's note on corrections")]          // redirect_from, one path
    [InlineData("/world/water-talks/", "Water talks resume in Islamabad")]                     // Jekyll permalink
    [InlineData("/business/markets-close-higher/", "Markets close higher")]                   // Hugo url
    public async Task Each_old_path_of_a_story_answers_301_to_its_page(string old, string title)
    {
        using var response = await _server.GetAsync(old);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(await PageOf(title), response.Headers.Location!.AbsoluteUri);
    }

    [Theory]
    [InlineData("/index.xml", "/feed.xml")]           // Hugo
    [InlineData("/feed/", "/feed.xml")]               // WordPress
    [InlineData("/feed", "/feed.xml")]
    [InlineData("/rss", "/feed.xml")]
    [InlineData("/rss.xml", "/feed.xml")]
    [InlineData("/atom", "/atom.xml")]
    [InlineData("/feed.atom", "/atom.xml")]
    [InlineData("/posts/index.xml", "/sections/posts/feed.xml")]       // a Hugo section
    [InlineData("/tags/podcast/index.xml", "/tags/podcast/feed.xml")]  // a Hugo taxonomy term
    [InlineData("/blog/rss.xml", "/feed.xml")]                         // Feed:FeedAliases
    public async Task Old_feed_urls_answer_301_to_the_matching_feed(string old, string feed)
    {
        using var response = await _server.GetAsync(old);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(RunningServer.BaseUrl + feed[1..], response.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, (await _server.GetAsync(feed)).StatusCode);
    }

    [Fact]
    public async Task The_sites_own_atom_xml_stays_a_feed()
    {
        using var response = await _server.GetAsync("/atom.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task With_keep_permalinks_a_story_stays_at_its_permalink()
    {
        using var folder = new TempFolder();
        folder.Write("_posts/2024-03-02-water-talks.md", File.ReadAllBytes(Path.Combine(Source, "_posts", "2024-03-02-water-talks.md")));
        await using var server = await RunningServer.StartAsync(folder, "--Feed:KeepPermalinks=true");
        using var page = await server.GetAsync("/world/water-talks");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<link rel=\"canonical\" href=\"https://news.example.com/world/water-talks\">", await page.Content.ReadAsStringAsync());
        using var slashed = await server.GetAsync("/world/water-talks/");
        Assert.Equal(HttpStatusCode.MovedPermanently, slashed.StatusCode);
        Assert.Equal("https://news.example.com/world/water-talks", slashed.Headers.Location!.AbsoluteUri);
        Assert.Contains("<link>https://news.example.com/world/water-talks</link>", await server.TextAsync("/feed.xml"));
    }

    [Fact]
    public async Task An_alias_that_clashes_with_a_real_url_is_a_warning_naming_file_and_line_and_the_url_keeps_serving()
    {
        using var folder = new TempFolder();
        folder.Write("story.md", "---\ntitle: Story\ndate: 2024-03-01\naliases:\n  - /feed.xml\n---\nText.\n");
        await using var server = await RunningServer.StartAsync(folder);
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && r.Message.Contains("story.md:5: the old path /feed.xml is a page or feed of this site, so it cannot redirect to this story", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/feed.xml")).StatusCode);
    }
}
