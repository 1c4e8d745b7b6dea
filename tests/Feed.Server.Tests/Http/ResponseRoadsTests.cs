using Feed.Documents;
using Feed.Folder;
using Feed.Publishing;
using Feed.Server.Configuration;
using Feed.Server.Hosting;
using Feed.Server.Http;
using Feed.Server.Operations;
using Feed.Testing;
using Microsoft.AspNetCore.Http;

namespace Feed.Server.Tests.Http;

/// <summary>
/// The fast path and the endpoints' road must send the same response for the same request: each
/// header combination goes down both, and status, every header and the body are compared.
/// </summary>
public sealed class ResponseRoadsTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly SnapshotStore _store = new();
    readonly ResponseWriter _writer;
    readonly FeedResponses _responses;

    public ResponseRoadsTests()
    {
        _folder.Write("2024-07-01-story.md", Items.Story("Story", "2024-07-01T10:00:00+05:00", extra: "tags: [world]\n"));
        _folder.Write("2024-06-27-seed.txt", Items.Seed);
        var options = new FeedOptions { BaseUrl = "https://news.example.com/", WebSubHub = "https://hub.example.com/" };
        var settings = options.ToSettings();
        var scan = new ItemFolder(_folder.Path, settings).Scan();
        _store.Publish(FeedSnapshot.Build(Publication.Select(scan.Items, DateTimeOffset.UtcNow), settings, changedAt: scan.ChangedAt));
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _writer = new ResponseWriter(options, settings, new FeedMetrics(meters, _store));
        _responses = new FeedResponses(_store, _writer, settings);
    }

    public void Dispose() => _folder.Dispose();

    static readonly string[] Paths = ["/feed.xml", "/atom.xml", "/feed.json", "/", "/tags/world/feed.xml", "/tags/world", "/archive/2024/06.xml", "/tags", "/sitemap.xml"];
    static readonly string?[] Encodings = [null, "gzip", "br", "gzip, br", "identity", "deflate"];

    public static IEnumerable<object?[]> Requests() =>
        from path in Paths
        from method in new[] { "GET", "HEAD" }
        from encoding in Encodings
        from validator in new[] { "none", "current", "other" }
        select new object?[] { method, path, encoding, validator };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Both_roads_send_the_same_status_headers_and_body(string method, string path, string? encoding, string validator)
    {
        var etag = await CurrentETag(path, encoding);
        var fast = Request(method, path, encoding, validator, etag);
        var delegated = false;
        await new DocumentFastPath(_ => { delegated = true; return Task.CompletedTask; }, _store, _writer).InvokeAsync(fast);
        Assert.False(delegated, "this combination should be answered on the fast path");

        var slow = Request(method, path, encoding, validator, etag);
        await _responses.Document(slow);

        Assert.Equal(slow.Response.StatusCode, fast.Response.StatusCode);
        // Date is the clock's: the two requests may fall on either side of a second.
        Assert.Equal(slow.Response.Headers.ContainsKey("Date"), fast.Response.Headers.ContainsKey("Date"));
        Assert.Equal(Headers(slow).Where(h => h.Key != "Date"), Headers(fast).Where(h => h.Key != "Date"));
        Assert.Equal(Body(slow), Body(fast));
        Assert.Equal(validator == "current" ? 304 : 200, fast.Response.StatusCode);
    }

    [Fact]
    public async Task A_304_carries_only_the_headers_rfc_9110_names()
    {
        var etag = await CurrentETag("/feed.xml", "gzip");
        foreach (var road in new Func<HttpContext, Task>[]
        {
            c => new DocumentFastPath(_ => Task.CompletedTask, _store, _writer).InvokeAsync(c),
            c => _responses.Document(c),
        })
        {
            var context = Request("GET", "/feed.xml", "gzip", "current", etag);
            await road(context);
            Assert.Equal(304, context.Response.StatusCode);
            // RFC 9110 15.4.5: ETag, Vary, Cache-Control (Date is Kestrel's); no Content-Encoding.
            // The CORS headers are not representation metadata: a web reader needs them to read its 304.
            Assert.Equal(["Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Cache-Control", "ETag", "Vary"], Headers(context).Select(h => h.Key));
        }
    }

    [Theory]
    [InlineData("/feed.xml", "none")]
    [InlineData("/atom.xml", "current")]
    [InlineData("/feed.json", "current")]
    [InlineData("/tags/world/feed.json", "none")]
    [InlineData("/archive/2024/06.xml", "current")]
    public async Task Feeds_let_other_origins_read_them_and_their_validators_on_200_and_304(string path, string validator)
    {
        var etag = await CurrentETag(path, "gzip");
        foreach (var road in Roads())
        {
            var context = Request("GET", path, "gzip", validator, etag);
            context.Request.Headers.Origin = "https://reader.example.org";
            await road(context);
            Assert.Equal(validator == "current" ? 304 : 200, context.Response.StatusCode);
            Assert.Equal("*", context.Response.Headers.AccessControlAllowOrigin.ToString());
            Assert.Equal("ETag, Last-Modified, Link", context.Response.Headers.AccessControlExposeHeaders.ToString());
        }
    }

    [Fact]
    public async Task Pages_stay_same_origin()
    {
        foreach (var road in Roads())
        {
            var context = Request("GET", "/", null, "none", "");
            await road(context);
            Assert.False(context.Response.Headers.ContainsKey("Access-Control-Allow-Origin"));
        }
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/atom.xml")]
    [InlineData("/feed.json")]
    [InlineData("/tags/world/atom.xml")]
    [InlineData("/archive/2024/06.xml")]
    public async Task Both_roads_answer_a_cors_preflight_with_204_for_conditional_gets(string path)
    {
        var answers = new List<HttpContext>();
        foreach (var road in Roads())
        {
            var context = Request("OPTIONS", path, null, "none", "");
            context.Request.Headers.Origin = "https://reader.example.org";
            context.Request.Headers.AccessControlRequestMethod = "GET";
            context.Request.Headers.AccessControlRequestHeaders = "if-none-match, if-modified-since";
            await road(context);
            Assert.Equal(204, context.Response.StatusCode);
            Assert.Equal("*", context.Response.Headers.AccessControlAllowOrigin.ToString());
            Assert.Equal("GET, HEAD", context.Response.Headers.AccessControlAllowMethods.ToString());
            Assert.Equal("If-None-Match, If-Modified-Since", context.Response.Headers.AccessControlAllowHeaders.ToString());
            Assert.Empty(Body(context));
            answers.Add(context);
        }
        Assert.Equal(Headers(answers[0]), Headers(answers[1]));
    }

    [Fact]
    public async Task A_preflight_for_a_page_is_refused()
    {
        foreach (var road in Roads())
        {
            var context = Request("OPTIONS", "/", null, "none", "");
            await road(context);
            Assert.Equal(405, context.Response.StatusCode);
            Assert.False(context.Response.Headers.ContainsKey("Access-Control-Allow-Origin"));
        }
    }

    /// <summary>The fast path (which must answer, not pass on) and the endpoints' road.</summary>
    IEnumerable<Func<HttpContext, Task>> Roads()
    {
        yield return c => new DocumentFastPath(_ => throw new InvalidOperationException("passed on by the fast path"), _store, _writer).InvokeAsync(c);
        yield return c => HttpMethods.IsOptions(c.Request.Method) ? _responses.Preflight(c) : _responses.Document(c);
    }

    async Task<string> CurrentETag(string path, string? encoding)
    {
        var probe = Request("GET", path, encoding, "none", "");
        await _responses.Document(probe);
        return probe.Response.Headers.ETag.ToString();
    }

    static DefaultHttpContext Request(string method, string path, string? encoding, string validator, string etag)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        if (encoding is not null)
            context.Request.Headers.AcceptEncoding = encoding;
        if (validator == "current")
            context.Request.Headers.IfNoneMatch = etag;
        else if (validator == "other")
            context.Request.Headers.IfNoneMatch = "\"0123456789abcdef0123456789abcdef\"";
        context.Response.Body = new MemoryStream();
        return context;
    }

    static List<KeyValuePair<string, string>> Headers(HttpContext context) =>
        [.. context.Response.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).OrderBy(h => h.Key, StringComparer.Ordinal)];

    static byte[] Body(HttpContext context) => ((MemoryStream)context.Response.Body).ToArray();
}
