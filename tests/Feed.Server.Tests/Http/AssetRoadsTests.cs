using Feed.Assets;
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

/// <summary>A file beside the stories gets the same answer on the fast path and on the endpoints' road.</summary>
public sealed class AssetRoadsTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly SnapshotStore _store = new();
    readonly AssetStore _assets = new();
    readonly ResponseWriter _writer;
    readonly FeedResponses _responses;
    readonly AssetResponder _responder;
    readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddMetrics().BuildServiceProvider();

    public AssetRoadsTests()
    {
        _folder.Write("2024-07-01-story.md", Items.Story("Story", "2024-07-01", extra: "enclosure: a.mp3\n"));
        _folder.Write("a.mp3", [.. Enumerable.Range(0, 300).Select(i => (byte)i)]);
        var options = new FeedOptions { BaseUrl = "https://news.example.com/" };
        var settings = options.ToSettings();
        var scan = new ItemFolder(_folder.Path, settings).Scan();
        var catalog = new AssetCatalog(_folder.Path, settings.BaseUrl);
        catalog.Scan();
        var (assets, items, _) = catalog.Apply(scan.Items);
        _store.Publish(FeedSnapshot.Build(Publication.Select(items, DateTimeOffset.UtcNow), settings, changedAt: scan.ChangedAt));
        _assets.Root = _folder.Path;
        _assets.Publish(assets);
        _writer = new ResponseWriter(options, settings, new FeedMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), _store));
        _responder = new AssetResponder(_assets, options);
        _responses = new FeedResponses(_store, _writer, settings, assets: _responder);
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("GET", null, null)]
    [InlineData("HEAD", null, null)]
    [InlineData("GET", "bytes=10-19", null)]
    [InlineData("GET", "bytes=900-", null)]
    [InlineData("GET", null, "current")]
    public async Task Both_roads_send_the_same_status_headers_and_body(string method, string? range, string? validator)
    {
        var fast = Request(method, range, validator);
        await new DocumentFastPath(_ => throw new InvalidOperationException("passed on by the fast path"), _store, _writer, _responder).InvokeAsync(fast);
        var slow = Request(method, range, validator);
        await _responses.NotFound(slow);

        Assert.Equal(slow.Response.StatusCode, fast.Response.StatusCode);
        Assert.Equal(Headers(slow), Headers(fast));
        Assert.Equal(((MemoryStream)slow.Response.Body).ToArray(), ((MemoryStream)fast.Response.Body).ToArray());
        Assert.Equal(range is "bytes=10-19" ? 206 : range is not null ? 416 : validator is not null ? 304 : 200, fast.Response.StatusCode);
    }

    DefaultHttpContext Request(string method, string? range, string? validator)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = method;
        context.Request.Path = "/a.mp3";
        if (range is not null)
            context.Request.Headers.Range = range;
        if (validator is not null)
            context.Request.Headers.IfNoneMatch = _assets.Current.At("/a.mp3")!.ETag;
        context.Response.Body = new MemoryStream();
        return context;
    }

    static List<KeyValuePair<string, string>> Headers(HttpContext context) =>
        [.. context.Response.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())).OrderBy(h => h.Key, StringComparer.Ordinal)];
}
