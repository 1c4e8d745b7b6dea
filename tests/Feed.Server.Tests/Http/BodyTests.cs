using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Feed.Server.Tests.Http;

/// <summary>The README's HTTP contract, bodies: HEAD, Accept-Encoding, ranges and the Host header.</summary>
public sealed class BodyTests : TwoStoriesServer
{
    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/")]
    [InlineData("/2024/06/27/us-backs-operation-azm-e-istehkam")]
    public async Task Head_answers_like_get_without_a_body(string path)
    {
        using var get = await Server.GetAsync(path);
        using var head = await Server.GetAsync(path, method: HttpMethod.Head);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal("", await BytesAfterHeadersOfHead(path));
    }

    // HttpClient drops whatever follows a HEAD answer's headers, so only the socket shows a body sent by mistake.
    async Task<string> BytesAfterHeadersOfHead(string path)
    {
        var (status, response) = await RawHttp.SendAsync(Server.Address, $"HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", untilClosed: true);
        Assert.Equal(200, status);
        return response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
    }

    // /healthz reports ages in seconds, so two requests may differ in length: the same status and type, no body.
    [Fact]
    public async Task Head_of_health_answers_like_get_without_a_body()
    {
        using var get = await Server.GetAsync("/healthz");
        using var head = await Server.GetAsync("/healthz", method: HttpMethod.Head);
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
        var plain = await Server.BytesAsync("/feed.xml");
        var plainEtag = (await Server.GetAsync("/feed.xml")).Headers.ETag!.Tag;
        using var response = await Server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding));
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
        using var gzip = await Server.GetAsync("/atom.xml", r => r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip")));
        var etag = gzip.Headers.ETag!.Tag;
        using var again = await Server.GetAsync("/atom.xml", r =>
        {
            r.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            r.Headers.TryAddWithoutValidation("If-None-Match", etag);
        });
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        using var plain = await Server.GetAsync("/atom.xml", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode); // the gzip ETag does not validate the plain bytes
    }

    [Fact]
    public async Task A_foreign_host_header_changes_no_byte()
    {
        foreach (var path in new[] { "/feed.xml", "/atom.xml", "/feed.json", "/", "/2024/07/01/second" })
        {
            var normal = await Server.BytesAsync(path);
            using var evil = await Server.GetAsync(path, r => r.Headers.Host = "evil.example");
            Assert.Equal(normal, await evil.Content.ReadAsByteArrayAsync());
            Assert.DoesNotContain("evil.example", System.Text.Encoding.UTF8.GetString(normal));
        }
        Assert.Contains("https://news.example.com/2024/07/01/second", await Server.TextAsync("/feed.xml"));
    }

    [Fact]
    public async Task Range_requests_are_ignored_and_get_the_whole_feed()
    {
        var whole = await Server.BytesAsync("/feed.xml");
        using var response = await Server.GetAsync("/feed.xml", r => r.Headers.Range = new RangeHeaderValue(0, 9));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(whole, await response.Content.ReadAsByteArrayAsync());
    }
}
