using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Feed.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>A site readers can browse: pagination, the tag index, one URL per page, 404s, the sitemap, CORS.</summary>
public sealed partial class SiteTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    // Seven stories, two a page: the index shows 7 and 6; page 3 holds 6 and 5, page 2 holds 4
    // and 3, page 1 (the oldest) 2 and 1. "Weather" is on the odd ones.
    public async ValueTask InitializeAsync()
    {
        for (var i = 1; i <= 7; i++)
            _folder.Write($"2024-05-{i:D2}-story-{i}.md", Items.Story($"Story {i}", $"2024-05-{i:D2}", extra: i % 2 == 1 ? "tags: [Weather, world]\n" : "tags: [world]\n"));
        _server = await RunningServer.StartAsync(_folder, "--Feed:MaxItems=2");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    static string Site(string path) => "https://news.example.com" + path;

    static List<string> Titles(string html) => [.. StoryTitle().Matches(html).Select(m => m.Groups[1].Value)];

    static string? Older(string html) => OlderLink().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [Fact]
    public async Task Older_stories_are_reached_from_the_index_page_by_page_down_to_the_oldest()
    {
        var seen = new List<string>();
        var pages = new List<string>();
        for (var url = Site("/"); url is not null;)
        {
            pages.Add(url);
            var html = await _server.TextAsync(new Uri(url).AbsolutePath);
            seen.AddRange(Titles(html));
            url = Older(html);
        }
        Assert.Equal([Site("/"), Site("/page/3"), Site("/page/2"), Site("/page/1")], pages);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"Story {i}").Order(), seen.Distinct().Order());
        Assert.Equal(["Story 2", "Story 1"], Titles(await _server.TextAsync("/page/1")));
        Assert.Contains($"<a rel=\"prev\" href=\"{Site("/page/2")}\">Newer stories</a>", await _server.TextAsync("/page/1"));
        Assert.Contains($"<a rel=\"prev\" href=\"{Site("/")}\">Newer stories</a>", await _server.TextAsync("/page/3"));
        Assert.Equal(HttpStatusCode.NotFound, (await _server.GetAsync("/page/4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.GetAsync("/page/0")).StatusCode);
    }

    [Fact]
    public async Task Page_numbers_count_from_the_oldest_so_a_new_story_leaves_every_numbered_page_as_it_was()
    {
        var before = await _server.BytesAsync("/page/1");
        var next = _server.Store.Next;
        _folder.Write("2024-05-08-story-8.md", Items.Story("Story 8", "2024-05-08"));
        await next.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(before, await _server.BytesAsync("/page/1"));
        Assert.Equal(["Story 8", "Story 7"], Titles(await _server.TextAsync("/")));
        Assert.Equal(Site("/page/3"), Older(await _server.TextAsync("/")));
        Assert.Equal(["Story 6", "Story 5"], Titles(await _server.TextAsync("/page/3")));
    }

    [Fact]
    public async Task Tag_pages_are_paginated_the_same_way()
    {
        var html = await _server.TextAsync("/tags/weather");
        Assert.Equal(["Story 7", "Story 5"], Titles(html));
        Assert.Equal(Site("/tags/weather/page/1"), Older(html));
        var oldest = await _server.TextAsync("/tags/weather/page/1");
        Assert.Equal(["Story 3", "Story 1"], Titles(oldest));
        Assert.Null(Older(oldest));
        Assert.Contains("title=\"Example News: Weather (Atom)\" href=\"https://news.example.com/tags/weather/atom.xml\"", oldest);
    }

    [Fact]
    public async Task Tags_lists_every_tag_with_its_count_and_links_to_its_page()
    {
        using var response = await _server.GetAsync("/tags");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<a href=\"{Site("/tags/weather")}\">Weather</a> (4 stories)", html);
        Assert.Contains($"<a href=\"{Site("/tags/world")}\">world</a> (7 stories)", html);
        Assert.Contains($"<a href=\"{Site("/tags")}\">Tags</a>", await _server.TextAsync("/"));
    }

    [Theory]
    [InlineData("/tags/weather/", "/tags/weather")]
    [InlineData("/tags/WEATHER", "/tags/weather")]
    [InlineData("/Tags/Weather/", "/tags/weather")]
    [InlineData("/tags/", "/tags")]
    [InlineData("/page/1/", "/page/1")]
    [InlineData("/2024/05/07/story-7/", "/2024/05/07/story-7")]
    [InlineData("/2024/05/07/STORY-7", "/2024/05/07/story-7")]
    [InlineData("/FEED.XML", "/feed.xml")]
    [InlineData("/Tags/Weather/Atom.xml", "/tags/weather/atom.xml")]
    [InlineData("/SITEMAP.XML", "/sitemap.xml")]
    [InlineData("/items/STORY-7", "/2024/05/07/story-7")]
    public async Task A_trailing_slash_or_another_letter_case_redirects_permanently_to_the_one_url(string asked, string canonical)
    {
        using var response = await _server.GetAsync(asked);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(Site(canonical), response.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, (await _server.GetAsync(canonical)).StatusCode);
    }

    [Fact]
    public async Task Browsers_get_a_small_html_404_and_other_clients_plain_text()
    {
        using var browser = await _server.GetAsync("/no/such/page", r => r.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        Assert.Equal(HttpStatusCode.NotFound, browser.StatusCode);
        Assert.Equal("text/html; charset=utf-8", browser.Content.Headers.ContentType!.ToString());
        var html = await browser.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Not found</h1>", html);
        Assert.Contains("default-src 'none'", browser.Headers.GetValues("Content-Security-Policy").Single());

        using var itemPage = await _server.GetAsync("/2024/05/07/no-such-story", r => r.Headers.TryAddWithoutValidation("Accept", "text/html"));
        Assert.Equal(html, await itemPage.Content.ReadAsStringAsync());

        using var program = await _server.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, program.StatusCode);
        Assert.Equal("404 Not Found\n", await program.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sitemap_lists_every_page_and_every_story_exactly_once()
    {
        using var response = await _server.GetAsync("/sitemap.xml");
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();
        Assert.Equal(locations.Count, locations.Distinct().Count());
        string[] expected =
        [
            "/", "/tags", "/page/1", "/page/2", "/page/3", "/tags/weather", "/tags/weather/page/1", "/tags/world",
            "/tags/world/page/1", "/tags/world/page/2", "/tags/world/page/3", "/authors", "/sections", "/feeds",
            .. Enumerable.Range(1, 7).Select(i => $"/2024/05/{i:D2}/story-{i}"),
        ];
        Assert.Equal(expected.Select(Site).Order(), locations.Order());
        foreach (var location in locations)
            Assert.Equal(HttpStatusCode.OK, (await _server.GetAsync(new Uri(location).AbsolutePath)).StatusCode);
    }

    [Theory]
    [InlineData("/feed.xml", true)]
    [InlineData("/atom.xml", true)]
    [InlineData("/feed.json", true)]
    [InlineData("/tags/weather/feed.json", true)]
    [InlineData("/archive/2024/05.xml", true)]
    [InlineData("/", false)]
    [InlineData("/tags", false)]
    [InlineData("/2024/05/07/story-7", false)]
    [InlineData("/sitemap.xml", false)]
    public async Task Feeds_may_be_fetched_from_any_origin_and_pages_may_not(string path, bool cors)
    {
        using var response = await _server.GetAsync(path, r => r.Headers.TryAddWithoutValidation("Origin", "https://reader.example"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cors, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values));
        if (cors)
            Assert.Equal("*", values!.Single());
    }

    [GeneratedRegex("<h2><a href=\"[^\"]+\">([^<]+)</a></h2>")]
    private static partial Regex StoryTitle();

    [GeneratedRegex("<a rel=\"next\" href=\"([^\"]+)\">Older stories</a>")]
    private static partial Regex OlderLink();
}
