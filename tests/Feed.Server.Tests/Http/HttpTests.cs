using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Feed.Items.Body;
using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>the README's HTTP contract against the real server.</summary>
public sealed class HttpTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _folder.Write("2024-06-27-us-backs-operation-azm-e-istehkam.txt", Items.Seed);
        _folder.Write("2024-07-01-second.md", Items.Story("Second story", "2024-07-01T10:00:00+05:00", "<script>alert(1)</script>\n\nBody."));
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("/feed.xml", "application/rss+xml; charset=utf-8")]
    [InlineData("/atom.xml", "application/atom+xml; charset=utf-8")]
    [InlineData("/feed.json", "application/feed+json; charset=utf-8")]
    [InlineData("/", "text/html; charset=utf-8")]
    [InlineData("/2024/06/27/us-backs-operation-azm-e-istehkam", "text/html; charset=utf-8")]
    public async Task Every_document_has_its_media_type_validators_and_cache_headers(string path, string mediaType)
    {
        using var response = await _server.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.ToString());
        Assert.Matches("^\"[0-9a-f]{32}\"$", response.Headers.ETag!.Tag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal(Hash(body), response.Headers.ETag.Tag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Last_modified_follows_the_folder_and_is_never_later_than_date()
    {
        using var response = await _server.GetAsync("/atom.xml");
        var lastModified = response.Content.Headers.LastModified!.Value;
        // RFC 9110 8.8.2.1: never later than Date; here the files were just written.
        Assert.InRange(lastModified, DateTimeOffset.UtcNow.AddMinutes(-5), response.Headers.Date!.Value);
    }

    [Fact]
    public async Task A_change_within_the_second_of_the_last_never_sends_last_modified_after_date()
    {
        // Each change lands in the second of the one before, so its Last-Modified is the next
        // second; the first response that shows it came when Kestrel's once-a-second Date could
        // still read the second before.
        for (var i = 0; i < 3; i++)
        {
            var before = (await _server.GetAsync("/atom.xml")).Headers.ETag!.Tag;
            _folder.Write($"2024-07-0{i + 2}-quick-{i}.md", Items.Story($"Quick {i}", $"2024-07-0{i + 2}T10:00:00Z", "Body."));
            HttpResponseMessage? changed = null;
            await RunningServer.Eventually(async () =>
            {
                var response = await _server.GetAsync("/atom.xml");
                if (response.Headers.ETag!.Tag == before)
                    return false;
                changed = response;
                return true;
            }, "the change to show");
            Assert.True(changed!.Content.Headers.LastModified <= changed.Headers.Date,
                $"Last-Modified {changed.Content.Headers.LastModified:R} is after Date {changed.Headers.Date:R}");
        }
    }

    // RFC 9110 13.1.2: If-None-Match matches with the weak comparison; 13.2.2: on a match a
    // GET or HEAD answers 304 Not Modified.
    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("*")]
    public async Task If_none_match_with_the_current_etag_answers_304_with_no_body(string header)
    {
        var etag = (await _server.GetAsync("/feed.xml")).Headers.ETag!.Tag;
        using var response = await _server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation("If-None-Match", string.Format(header, etag)));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, response.Headers.ETag!.Tag);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
    }

    // RFC 9110 13.1.3: If-Modified-Since is answered with 304 when the representation has not
    // changed since that date.
    [Fact]
    public async Task If_modified_since_at_or_after_last_modified_answers_304()
    {
        var lastModified = (await _server.GetAsync("/feed.xml")).Content.Headers.LastModified!.Value;
        using var same = await _server.GetAsync("/feed.xml", r => r.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        using var older = await _server.GetAsync("/feed.xml", r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    // RFC 9110 13.2.2: when If-None-Match is present, If-Modified-Since is not evaluated.
    [Fact]
    public async Task If_none_match_wins_over_if_modified_since()
    {
        var lastModified = (await _server.GetAsync("/feed.xml")).Content.Headers.LastModified!.Value;
        using var response = await _server.GetAsync("/feed.xml", r =>
        {
            r.Headers.TryAddWithoutValidation("If-None-Match", "\"stale\"");
            r.Headers.IfModifiedSince = lastModified.AddDays(1);
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("If-None-Match", "garbage")]
    [InlineData("If-Modified-Since", "not a date")]
    public async Task Malformed_conditional_headers_get_a_normal_200(string header, string value)
    {
        using var response = await _server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation(header, value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/")]
    [InlineData("/2024/06/27/us-backs-operation-azm-e-istehkam")]
    public async Task Head_answers_like_get_without_a_body(string path)
    {
        using var get = await _server.GetAsync(path);
        using var head = await _server.GetAsync(path, method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal("", await BytesAfterHeadersOfHead(path));
    }

    // HttpClient drops whatever follows a HEAD answer's headers, so only the socket shows a body sent by mistake.
    async Task<string> BytesAfterHeadersOfHead(string path)
    {
        var (status, response) = await RawHttp.SendAsync(_server.Address, $"HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", untilClosed: true);
        Assert.Equal(200, status);
        return response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
    }

    // /healthz reports ages in seconds, so two requests may differ in length: the same status and type, no body.
    [Fact]
    public async Task Head_of_health_answers_like_get_without_a_body()
    {
        using var get = await _server.GetAsync("/healthz");
        using var head = await _server.GetAsync("/healthz", method: HttpMethod.Head);
        Assert.Equal((get.StatusCode, get.Content.Headers.ContentType), (head.StatusCode, head.Content.Headers.ContentType));
        Assert.Equal("", await BytesAfterHeadersOfHead("/healthz"));
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("identity", null)]
    [InlineData("*", "br")]
    public async Task Accept_encoding_picks_a_precompressed_body_that_round_trips(string acceptEncoding, string? expected)
    {
        var plain = await _server.BytesAsync("/feed.xml");
        var plainEtag = (await _server.GetAsync("/feed.xml")).Headers.ETag!.Tag;
        using var response = await _server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(plain, expected switch
        {
            "gzip" => Decompress(new GZipStream(new MemoryStream(body), CompressionMode.Decompress)),
            "br" => Decompress(new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)),
            _ => body,
        });
        Assert.Equal(expected is null, response.Headers.ETag!.Tag == plainEtag);
    }

    [Fact]
    public async Task Each_encoding_revalidates_with_its_own_etag()
    {
        using var gzip = await _server.GetAsync("/atom.xml", r => r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip")));
        var etag = gzip.Headers.ETag!.Tag;
        using var again = await _server.GetAsync("/atom.xml", r =>
        {
            r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            r.Headers.TryAddWithoutValidation("If-None-Match", etag);
        });
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        using var plain = await _server.GetAsync("/atom.xml", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode); // the gzip ETag does not validate the plain bytes
    }

    [Fact]
    public async Task A_foreign_host_header_changes_no_byte()
    {
        foreach (var path in new[] { "/feed.xml", "/atom.xml", "/feed.json", "/", "/2024/07/01/second" })
        {
            var normal = await _server.BytesAsync(path);
            using var evil = await _server.GetAsync(path, r => r.Headers.Host = "evil.example");
            Assert.Equal(normal, await evil.Content.ReadAsByteArrayAsync());
            Assert.DoesNotContain("evil.example", System.Text.Encoding.UTF8.GetString(normal));
        }
        Assert.Contains("https://news.example.com/2024/07/01/second", await _server.TextAsync("/feed.xml"));
    }

    [Fact]
    public async Task Pages_send_a_policy_that_runs_no_script()
    {
        using var response = await _server.GetAsync("/2024/07/01/second");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Pages_let_the_embed_hosts_the_sanitizer_keeps_play()
    {
        using var response = await _server.GetAsync("/2024/07/01/second");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        foreach (var host in ContentSanitizer.EmbedHosts)
            Assert.Contains($"https://{host}", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    // Issue 19: plain-text errors, JSON and redirects too, not only documents.
    [Theory]
    [InlineData("/nothing-here.xml", "GET")]
    [InlineData("/healthz", "GET")]
    [InlineData("/FEED.XML", "GET")]
    [InlineData("/feed.xml", "POST")]
    [InlineData("/feed.xml", "GET")]
    public async Task Every_response_says_nosniff(string path, string method)
    {
        using var response = await _server.GetAsync(path, method: new HttpMethod(method));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/items/no-such-story")]
    [InlineData("/nothing-here.xml")]
    [InlineData("/items/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/items/")]
    public async Task Unknown_paths_are_a_short_plain_404(string path)
    {
        using var response = await _server.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("404 Not Found\n", body);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Other_methods_are_405_with_allow()
    {
        using var response = await _server.GetAsync("/feed.xml", method: HttpMethod.Post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Range_requests_are_ignored_and_get_the_whole_feed()
    {
        var whole = await _server.BytesAsync("/feed.xml");
        using var response = await _server.GetAsync("/feed.xml", r => r.Headers.Range = new RangeHeaderValue(0, 9));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(whole, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Healthz_is_a_json_report_of_what_is_published_and_is_never_cached()
    {
        using var response = await _server.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var health = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("published").GetInt32());
        Assert.Equal(0, health.GetProperty("skipped").GetInt32());
        Assert.Equal(0, health.GetProperty("scheduled").GetInt32());
        Assert.Equal("ok", health.GetProperty("folder").GetString());
        Assert.True(health.GetProperty("lastRebuild").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Index_page_lists_items_and_advertises_the_three_feeds()
    {
        var html = await _server.TextAsync("/");
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Example News (RSS)\" href=\"https://news.example.com/feed.xml\">", html);
        Assert.Contains("type=\"application/atom+xml\"", html);
        Assert.Contains("type=\"application/feed+json\"", html);
        Assert.Contains("href=\"https://news.example.com/2024/06/27/us-backs-operation-azm-e-istehkam\"", html);
        Assert.True(html.IndexOf("Second story", StringComparison.Ordinal) < html.IndexOf("The United States", StringComparison.Ordinal));
        Assert.Contains("<time datetime=\"2024-06-27T00:00:00Z\">27 June 2024</time>", html);
    }

    [Fact]
    public async Task Item_page_shows_the_whole_story()
    {
        var html = await _server.TextAsync("/2024/06/27/us-backs-operation-azm-e-istehkam");
        Assert.Contains("<h2>Operation Azm-e-Istehkam</h2>", html);
        Assert.Contains("said a press release issued by the PM Office Media Wing.", html);
        Assert.Contains("“We support Pakistan’s efforts", html);
    }

    static string Hash(byte[] body) =>
        "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body).AsSpan(0, 16)) + "\"";

    static byte[] Decompress(Stream stream)
    {
        using var output = new MemoryStream();
        using (stream)
            stream.CopyTo(output);
        return output.ToArray();
    }
}
