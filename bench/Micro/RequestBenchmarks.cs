using BenchmarkDotNet.Attributes;
using Feed;
using Feed.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>Picking the bytes for one request on the fast path: a 304 and a gzip 200, no server around it.</summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    DocumentFastPath _fastPath = null!;
    string _gzipETag = "";
    static readonly RequestDelegate NotReached = _ => throw new InvalidOperationException("the fast path declined");

    [GlobalSetup]
    public async Task Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "feed-micro-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 60; i++)
            File.WriteAllText(Path.Combine(folder, $"2024-01-{1 + i % 28:D2}-story-{i}.md"), Sample.Item);
        File.SetLastWriteTimeUtc(folder, DateTime.UtcNow.AddMinutes(-1));
        foreach (var file in Directory.GetFiles(folder))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        var options = new FeedOptions { ItemsPath = folder };
        var feeds = new FeedService(Options.Create(options), TimeProvider.System, NullLogger<FeedService>.Instance,
            new WebSubPublisher(Options.Create(options), NullLogger<WebSubPublisher>.Instance));
        await feeds.StartAsync(CancellationToken.None);
        await feeds.FirstBuild;
        _gzipETag = feeds.Current!.Document("/feed.xml")!.GzipVariant.ETag;
        _fastPath = new DocumentFastPath(feeds, options);
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
    public Task NotModified() => _fastPath.InvokeAsync(Request(_gzipETag), NotReached);

    [Benchmark]
    public Task GzipOk() => _fastPath.InvokeAsync(Request(null), NotReached);
}
