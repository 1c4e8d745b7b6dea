using System.Net;
using System.Net.Http.Headers;
using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>Files beside the stories, served by the real server (docs/security.md, "Files beside the stories").</summary>
public sealed class AssetTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    readonly TempFolder _outside = new();
    RunningServer _server = null!;

    // 1,000 bytes, each its index mod 251, so a range's bytes are easy to name.
    static readonly byte[] Audio = Enumerable.Range(0, 1000).Select(i => (byte)(i % 251)).ToArray();

    public async ValueTask InitializeAsync()
    {
        _folder.Write("posts/cricket-final/index.md",
            "---\ntitle: Cricket final\ndate: 2024-03-07\nslug: cricket-final\nsummary: S\nimage: trophy.jpg\n---\nKarachi won.\n\n![map](map.png)\n");
        _folder.Write("posts/cricket-final/trophy.jpg", [0xFF, 0xD8, 0xFF, 0xD9]);
        _folder.Write("2024-03-08-bulletin.md", "---\ntitle: Bulletin\ndate: 2024-03-08\nenclosure: /audio/bulletin.mp3\n---\nListen.\n");
        _folder.Write("audio/bulletin.mp3", Audio);
        _folder.Write("charts/rates.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        _folder.Write(".drafts/secret.png", [1, 2]);
        _folder.Write("audio/.hidden.mp3", [1, 2]);
        _folder.Write("notes/readme.txt", "not a story? it is: a .txt is a story file");
        _outside.Write("passwd.png", [7, 7, 7]);
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "linked.png"), Path.Combine(_outside.Path, "passwd.png"));
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "elsewhere"), _outside.Path);
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
        _outside.Dispose();
    }

    [Theory]
    [InlineData("/posts/cricket-final/trophy.jpg", "image/jpeg")]
    [InlineData("/2024/03/07/cricket-final/trophy.jpg", "image/jpeg")] // beside the page bundle's page
    [InlineData("/audio/bulletin.mp3", "audio/mpeg")]
    public async Task A_file_beside_the_stories_is_served_with_its_type_nosniff_and_validators(string path, string type)
    {
        using var response = await _server.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
    }

    [Theory]
    [InlineData("/.drafts/secret.png")]
    [InlineData("/audio/.hidden.mp3")]
    [InlineData("/posts/cricket-final/index.md")]
    [InlineData("/notes/readme.txt")]
    [InlineData("/2024/03/07/cricket-final/index.md")]
    [InlineData("/linked.png")]
    [InlineData("/elsewhere/passwd.png")]
    [InlineData("/posts/cricket-final/../cricket-final/trophy.jpg/..")]
    public async Task Hidden_files_story_files_and_links_are_never_served(string path)
    {
        using var response = await _server.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_svg_is_served_under_a_policy_that_runs_none_of_its_script()
    {
        using var response = await _server.GetAsync("/charts/rates.svg");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    // RFC 9110 13.1.2: If-None-Match with the current tag is 304; 13.1.3: so is an If-Modified-Since not before Last-Modified.
    [Fact]
    public async Task The_current_etag_or_date_gets_304()
    {
        using var first = await _server.GetAsync("/audio/bulletin.mp3");
        using var byTag = await _server.GetAsync("/audio/bulletin.mp3", r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));
        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
        using var byDate = await _server.GetAsync("/audio/bulletin.mp3", r => r.Headers.IfModifiedSince = first.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        using var otherTag = await _server.GetAsync("/audio/bulletin.mp3", r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"")));
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
    }

    // RFC 9110 14.2 and 15.3.7: a satisfiable range is 206 with exactly those bytes; 15.5.17: otherwise 416.
    [Fact]
    public async Task A_range_is_answered_206_with_those_bytes_and_an_unsatisfiable_one_416()
    {
        using var part = await _server.GetAsync("/audio/bulletin.mp3", r => r.Headers.Range = new RangeHeaderValue(100, 199));
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("bytes 100-199/1000", part.Content.Headers.ContentRange!.ToString());
        Assert.Equal(Audio[100..200], await part.Content.ReadAsByteArrayAsync());

        using var tail = await _server.GetAsync("/audio/bulletin.mp3", r => r.Headers.Range = new RangeHeaderValue(null, 10));
        Assert.Equal(Audio[990..], await tail.Content.ReadAsByteArrayAsync());

        using var beyond = await _server.GetAsync("/audio/bulletin.mp3", r => r.Headers.Range = new RangeHeaderValue(5000, 6000));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
        Assert.Equal("bytes */1000", beyond.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Head_sends_the_headers_of_get_and_no_body()
    {
        using var head = await _server.GetAsync("/audio/bulletin.mp3", method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(1000, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_local_enclosure_has_its_files_length_and_type_and_plays_in_its_page()
    {
        var rss = await _server.TextAsync("/feed.xml");
        Assert.Contains("<enclosure url=\"https://news.example.com/audio/bulletin.mp3\" length=\"1000\" type=\"audio/mpeg\" />", rss);
        var page = await _server.TextAsync("/2024/03/08/bulletin");
        Assert.Contains("<audio controls preload=\"metadata\" src=\"https://news.example.com/audio/bulletin.mp3\"></audio>", page);
        Assert.Contains("<meta property=\"og:audio\" content=\"https://news.example.com/audio/bulletin.mp3\">", page);
        Assert.Contains("<meta property=\"og:audio:type\" content=\"audio/mpeg\">", page);
        Assert.Contains("<a href=\"https://news.example.com/audio/bulletin.mp3\" download type=\"audio/mpeg\">Download the audio (1 kB)</a>", page);
    }

    [Fact]
    public async Task A_bundles_images_are_absolute_beside_it_and_in_the_sitemap()
    {
        var page = await _server.TextAsync("/2024/03/07/cricket-final");
        Assert.Contains("<img src=\"https://news.example.com/posts/cricket-final/trophy.jpg\"", page);
        Assert.Contains("src=\"https://news.example.com/posts/cricket-final/map.png\"", page);
        var sitemap = await _server.TextAsync("/sitemap.xml");
        Assert.Contains("<image:image>\n      <image:loc>https://news.example.com/posts/cricket-final/trophy.jpg</image:loc>", sitemap);
        Assert.Contains("xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\"", sitemap);
    }

    [Fact]
    public void A_missing_local_image_is_a_warning_naming_file_and_line()
    {
        Assert.Single(_server.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning
            && r.Message.StartsWith("posts/cricket-final/index.md:10: inline image /posts/cricket-final/map.png is not served", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_added_later_is_served_without_a_restart()
    {
        _folder.Write("posts/cricket-final/map.png", [0x89, 0x50, 0x4E, 0x47]);
        await RunningServer.Eventually(async () => (await _server.GetAsync("/posts/cricket-final/map.png")).StatusCode == HttpStatusCode.OK, "map.png served");
    }
}
