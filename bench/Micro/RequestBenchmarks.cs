using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Feed.Server.Configuration;
using Feed.Server.Hosting;
using Feed.Server.Http;
using Feed.Server.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>Picking the bytes for one request on the fast path: a 304 and a gzip 200, no server around it.</summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    DocumentFastPath _fastPath = null!;
    FeedService _feeds = null!;
    ServiceProvider _services = null!;
    string _folder = "";
    string _gzipETag = "";
    static readonly RequestDelegate NotReached = _ => throw new InvalidOperationException("the fast path declined");

    [GlobalSetup]
    public async Task Setup()
    {
        // A real snapshot, built by the server's own service from a folder of typical items.
        _folder = Path.Combine(Path.GetTempPath(), "feed-micro-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        for (var i = 0; i < 60; i++)
            File.WriteAllText(Path.Combine(_folder, $"2024-01-{1 + i % 28:D2}-story-{i}.md"), Sample.Item);
        File.SetLastWriteTimeUtc(_folder, DateTime.UtcNow.AddMinutes(-1));
        foreach (var file in Directory.GetFiles(_folder))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        var options = new FeedOptions { ItemsPath = _folder };
        var settings = options.ToSettings();
        var store = new SnapshotStore();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new FeedMetrics(_services.GetRequiredService<IMeterFactory>(), store);
        _feeds = new FeedService(options, settings, store, metrics, TimeProvider.System, NullLogger<FeedService>.Instance);
        await _feeds.StartAsync(CancellationToken.None);
        await store.FirstBuild;
        _gzipETag = store.Current!.Document("/feed.xml")!.GzipVariant.ETag;
        _fastPath = new DocumentFastPath(NotReached, store, new ResponseWriter(options, settings, metrics));

        // Each benchmark answers as its name says, on the fast path (NotReached throws otherwise).
        await Expect(Request(_gzipETag), StatusCodes.Status304NotModified);
        await Expect(Request(null), StatusCodes.Status200OK);
    }

    async Task Expect(HttpContext context, int status)
    {
        await _fastPath.InvokeAsync(context);
        if (context.Response.StatusCode != status || (status == StatusCodes.Status200OK && context.Response.Headers.ContentEncoding != "gzip"))
            throw new InvalidOperationException($"expected {status}, got {context.Response.StatusCode} ({context.Response.Headers.ContentEncoding})");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _feeds.StopAsync(CancellationToken.None);
        _feeds.Dispose();
        await _services.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    static DefaultHttpContext Request(string? ifNoneMatch)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/feed.xml";
        context.Request.Headers.AcceptEncoding = "gzip";
        if (ifNoneMatch is not null)
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        context.Response.Body = Stream.Null;
        return context;
    }

    [Benchmark]
    public Task NotModified() => _fastPath.InvokeAsync(Request(_gzipETag));

    [Benchmark]
    public Task GzipOk() => _fastPath.InvokeAsync(Request(null));
}
