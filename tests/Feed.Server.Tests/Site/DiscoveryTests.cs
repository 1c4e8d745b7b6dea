using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Feed.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>Found and followed: structured data, the news sitemap, robots.txt, over HTTP on a fake clock.</summary>
public sealed partial class DiscoveryTests : IAsyncLifetime
{
    static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    readonly TempFolder _folder = new();
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 7, 10, 12, 0, 0, TimeSpan.Zero));
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _folder.Write("world/2024-07-10-fresh.md", Items.Story("Fresh story", "2024-07-10T09:00:00Z", extra: "author: Jane Doe\ntags: [Weather]\n"));
        _folder.Write("world/2024-07-09-yesterday.md", Items.Story("Yesterday's story", "2024-07-09T10:00:00Z", extra: "authors: [Jane Doe, Ali Khan]\n"));
        _folder.Write("business/2024-07-01-older.md", Items.Story("An older story", "2024-07-01T10:00:00Z", extra: "author: Ali Khan\n"));
        _folder.Write("2024-07-09-wire.md", Items.Story("Wire copy", "2024-07-09T11:00:00Z"));
        foreach (var file in Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        _server = await RunningServer.StartAsync(_folder.Path, _clock, "--Feed:MaxItems=1", "--Feed:Logo=https://news.example.com/logo.png");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    async Task<XDocument> Xml(string path) => XDocument.Parse(await _server.TextAsync(path));

    [Fact]
    public async Task The_news_sitemap_follows_the_clock_with_no_edit()
    {
        using (var response = await _server.GetAsync("/sitemap-news.xml"))
            Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var locations = (await Xml("/sitemap-news.xml")).Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
        Assert.Equal(["https://news.example.com/2024/07/10/world/fresh", "https://news.example.com/2024/07/09/wire",
            "https://news.example.com/2024/07/09/world/yesterday"], locations);
        Assert.Equal("Example News", (await Xml("/sitemap-news.xml")).Descendants(News + "name").First().Value);

        // Two days after "Yesterday's story" (2024-07-11T10:00Z) it leaves; the rest stay.
        _clock.Advance(TimeSpan.FromHours(22));
        await RunningServer.Eventually(async () => (await Xml("/sitemap-news.xml")).Descendants(Sitemap + "loc").Count() == 2,
            "the story to leave the news sitemap");
        Assert.Equal(["https://news.example.com/2024/07/10/world/fresh", "https://news.example.com/2024/07/09/wire"],
            (await Xml("/sitemap-news.xml")).Descendants(Sitemap + "loc").Select(l => l.Value));
    }

    [Fact]
    public async Task Robots_txt_is_plain_text_naming_both_sitemaps()
    {
        using var response = await _server.GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sitemap: https://news.example.com/sitemap.xml", text, StringComparison.Ordinal);
        Assert.Contains("Sitemap: https://news.example.com/sitemap-news.xml", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Story_pages_carry_a_NewsArticle_data_block_that_the_page_policy_leaves_alone()
    {
        using var response = await _server.GetAsync("/2024/07/10/world/fresh");
        var html = await response.Content.ReadAsStringAsync();
        var block = JsonLd().Match(html);
        Assert.True(block.Success);
        using var json = System.Text.Json.JsonDocument.Parse(block.Groups[1].Value);
        Assert.Equal("NewsArticle", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal("https://news.example.com/authors/jane-doe", json.RootElement.GetProperty("author")[0].GetProperty("url").GetString());
        // A data block is not script: the policy still runs none, and has nothing to allow.
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Single(ScriptTag().Matches(html));
    }

    [Theory]
    [InlineData("/authors", "text/html; charset=utf-8")]
    [InlineData("/authors/jane-doe", "text/html; charset=utf-8")]
    [InlineData("/authors/jane-doe/feed.xml", "application/rss+xml; charset=utf-8")]
    [InlineData("/authors/jane-doe/atom.xml", "application/atom+xml; charset=utf-8")]
    [InlineData("/authors/jane-doe/feed.json", "application/feed+json; charset=utf-8")]
    [InlineData("/authors/ali-khan/page/1", "text/html; charset=utf-8")]
    [InlineData("/sections", "text/html; charset=utf-8")]
    [InlineData("/sections/world", "text/html; charset=utf-8")]
    [InlineData("/sections/world/feed.xml", "application/rss+xml; charset=utf-8")]
    [InlineData("/sections/business/atom.xml", "application/atom+xml; charset=utf-8")]
    [InlineData("/sections/world/feed.json", "application/feed+json; charset=utf-8")]
    public async Task Author_and_section_documents_are_served_like_tag_ones(string path, string mediaType)
    {
        // Both roads: the fast path (plain GET) and the endpoints (a conditional request).
        using var response = await _server.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.ToString());
        using var conditional = await _server.GetAsync(path, r => r.Headers.IfModifiedSince = DateTimeOffset.UnixEpoch);
        Assert.Equal(HttpStatusCode.OK, conditional.StatusCode);
        Assert.Equal(await response.Content.ReadAsByteArrayAsync(), await conditional.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task From_a_story_the_byline_leads_to_the_author_page_which_autodiscovers_its_feed()
    {
        var story = await _server.TextAsync("/2024/07/09/world/yesterday");
        var href = AuthorLink().Matches(story).Select(m => m.Groups[1].Value).First();
        Assert.Equal("https://news.example.com/authors/jane-doe", href);
        var page = await _server.TextAsync(new Uri(href).AbsolutePath);
        Assert.Contains("type=\"application/rss+xml\" title=\"Example News: Jane Doe (RSS)\" href=\"https://news.example.com/authors/jane-doe/feed.xml\"", page,
            StringComparison.Ordinal);
        Assert.Contains("Fresh story", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://news.example.com/sections/world\">world</a>", story, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trailing_slash_on_an_author_or_section_page_redirects_to_its_one_url()
    {
        using var response = await _server.GetAsync("/authors/jane-doe/");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("https://news.example.com/authors/jane-doe", response.Headers.Location!.AbsoluteUri);
        using var section = await _server.GetAsync("/Sections/World");
        Assert.Equal(HttpStatusCode.MovedPermanently, section.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.GetAsync("/authors/nobody")).StatusCode);
    }

    [Fact]
    public async Task Sections_false_serves_no_section_documents()
    {
        await using var server = await RunningServer.StartAsync(_folder.Path, _clock, "--Feed:Sections=false");
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/sections/world/feed.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/sections")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/authors/jane-doe/feed.xml")).StatusCode);
    }

    [Fact]
    public async Task Feeds_page_and_opml_list_every_feed_the_server_serves()
    {
        using var opmlResponse = await _server.GetAsync("/feeds.opml");
        Assert.Equal("text/x-opml; charset=utf-8", opmlResponse.Content.Headers.ContentType!.ToString());
        var opml = XDocument.Parse(await opmlResponse.Content.ReadAsStringAsync());
        var feeds = opml.Descendants("outline").Select(o => (string?)o.Attribute("xmlUrl")).OfType<string>().ToList();
        Assert.Equal(["/feed.xml", "/sections/business/feed.xml", "/sections/world/feed.xml", "/authors/ali-khan/feed.xml", "/authors/jane-doe/feed.xml",
            "/tags/weather/feed.xml"], feeds.Select(f => new Uri(f).AbsolutePath));
        var page = await _server.TextAsync("/feeds");
        foreach (var feed in feeds)
        {
            Assert.Contains($"href=\"{feed}\"", page, StringComparison.Ordinal);
            // Every feed listed is served.
            Assert.Equal(HttpStatusCode.OK, (await _server.GetAsync(new Uri(feed).AbsolutePath)).StatusCode);
        }
        // And every page leads there.
        Assert.Contains("<a href=\"https://news.example.com/feeds\">Every feed</a>", await _server.TextAsync("/2024/07/10/world/fresh"), StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://news.example.com/feeds\">Every feed</a>", await _server.TextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_content_summary_serves_summaries_and_links_in_every_feed()
    {
        await using var server = await RunningServer.StartAsync(_folder.Path, _clock, "--Feed:FeedContent=summary");
        foreach (var path in new[] { "/feed.xml", "/authors/jane-doe/feed.xml", "/sections/world/feed.xml", "/tags/weather/feed.xml" })
            Assert.DoesNotContain("content:encoded", await server.TextAsync(path), StringComparison.Ordinal);
        Assert.DoesNotContain("<content", await server.TextAsync("/atom.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain("content_html", await server.TextAsync("/feed.json"), StringComparison.Ordinal);
        Assert.Contains("Text of the story.", await _server.TextAsync("/feed.json"), StringComparison.Ordinal);
        Assert.Contains("Text of the story.", await server.TextAsync("/2024/07/10/world/fresh"), StringComparison.Ordinal);
    }

    [GeneratedRegex("<a rel=\"author\" href=\"([^\"]+)\"")]
    private static partial Regex AuthorLink();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
