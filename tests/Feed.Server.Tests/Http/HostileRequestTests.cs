using System.Net;
using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>Requests from the open internet: none reaches what it should not, none takes the server down.</summary>
public sealed class HostileRequestTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _folder.Write("2024-07-01-story.md", Items.Story("<script>alert('title')</script> & friends", body: "<script>alert('body')</script>\n\nText."));
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    async Task StillServing() => Assert.Equal(HttpStatusCode.OK, (await _server.GetAsync("/healthz")).StatusCode);

    [Theory]
    [InlineData("/items/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/items/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/items/..%5c..%5c..%5cetc%5cpasswd")]
    [InlineData("/items/..\\..\\..\\etc\\passwd")]
    [InlineData("/items/%00")]
    [InlineData("/items/story%00.md")]
    [InlineData("/../../../etc/passwd")]
    [InlineData("/items/2024-07-01-story.md")]
    [InlineData("/items/story/../../../../etc/passwd")]
    public async Task Path_traversal_reaches_no_file(string path)
    {
        var (status, response) = await RawHttp.SendAsync(_server.Address, $"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Assert.Contains(status, new[] { 400, 404 });
        Assert.DoesNotContain("root:", response);
        Assert.DoesNotContain(_folder.Path, response);
        await StillServing();
    }

    [Fact]
    public async Task Raw_nul_in_the_request_line_is_a_bad_request()
    {
        var (status, _) = await RawHttp.SendAsync(_server.Address, "GET /items/\0story HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Assert.Equal(400, status);
        await StillServing();
    }

    [Fact]
    public async Task Very_long_url_is_refused_by_kestrels_limit()
    {
        var (status, _) = await RawHttp.SendAsync(_server.Address, $"GET /items/{new string('a', 10_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Assert.Equal(414, status);
        await StillServing();
    }

    [Fact]
    public async Task Very_long_or_too_many_headers_are_refused()
    {
        var (longStatus, _) = await RawHttp.SendAsync(_server.Address, $"GET /feed.xml HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('b', 20_000)}\r\nConnection: close\r\n\r\n");
        Assert.Equal(431, longStatus);
        var many = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-H{i}: v\r\n"));
        var (manyStatus, _) = await RawHttp.SendAsync(_server.Address, $"GET /feed.xml HTTP/1.1\r\nHost: localhost\r\n{many}Connection: close\r\n\r\n");
        Assert.Equal(431, manyStatus);
        await StillServing();
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    [InlineData("PROPFIND")]
    [InlineData("TRACE")]
    [InlineData("FOO")]
    public async Task Unknown_methods_are_405_with_allow(string method)
    {
        var (status, response) = await RawHttp.SendAsync(_server.Address, $"{method} /feed.xml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Assert.Equal(405, status);
        Assert.Contains("Allow: GET, HEAD", response);
    }

    [Fact]
    public async Task A_request_body_is_refused()
    {
        var (status, _) = await RawHttp.SendAsync(_server.Address, "POST /feed.xml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        Assert.Contains(status, new[] { 405, 413 });
        await StillServing();
    }

    [Fact]
    public async Task Absolute_form_request_to_another_host_changes_no_byte()
    {
        var normal = await _server.TextAsync("/feed.xml");
        var (status, response) = await RawHttp.SendAsync(_server.Address, "GET http://evil.example/feed.xml HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, status);
        Assert.EndsWith(normal, response, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", response);
    }

    [Theory]
    [InlineData("/feed.xml?utm_source=x")]
    [InlineData("/feed.xml?cache-buster=123456")]
    [InlineData("/atom.xml?")]
    public async Task Query_strings_on_feed_urls_change_nothing(string path)
    {
        var plain = await _server.GetAsync(path.Split('?')[0]);
        var queried = await _server.GetAsync(path);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await queried.Content.ReadAsByteArrayAsync());
        Assert.Equal(plain.Headers.ETag, queried.Headers.ETag);
    }

    [Fact]
    public async Task Markup_in_a_title_is_escaped_in_pages_and_feeds()
    {
        var index = await _server.TextAsync("/");
        Assert.Contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; friends", index);
        Assert.DoesNotContain("<script>alert('title')", index);
        var page = await _server.GetAsync("/2024/06/27/story");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>&lt;script&gt;", html);
        Assert.Contains("default-src 'none'", string.Join(";", page.Headers.GetValues("Content-Security-Policy")));
        // RSS Profile, "Character Data": '<' and '&' in a title as character references.
        Assert.Contains("<title>&#x3C;script&gt;alert('title')&#x3C;/script&gt; &#x26; friends</title>", await _server.TextAsync("/feed.xml"));
    }

    [Fact]
    public async Task Errors_carry_no_stack_trace_or_path()
    {
        foreach (var path in new[] { "/nope", "/items/nope", "/items/%ff%fe" })
        {
            var response = await _server.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Length < 100, body);
            Assert.DoesNotContain("   at ", body);
            Assert.DoesNotContain("/tmp", body);
        }
    }
}
