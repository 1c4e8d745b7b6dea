using System.Collections.Concurrent;
using System.Net;
using Feed.Server.Push;
using Feed.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Feed.Server.Tests.Interop;

/// <summary>
/// The deployment docs/scale-out.md recommends, for real: Feed behind Varnish with the shipped VCL,
/// a WebSub hub that fetches each topic through the cache as soon as it is pinged, and the
/// readers' own headers.
/// </summary>
public sealed class VarnishPushTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    readonly ConcurrentQueue<(string Path, string? ETag)> _fetched = new();
    readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromSeconds(10) };
    WebApplication _hub = null!;
    Uri _hubUrl = null!;
    readonly int _front = VarnishCache.FreePort();

    public async ValueTask InitializeAsync()
    {
        // A stand-in hub that, like every real hub, fetches each topic's public URL when pinged.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _hub = builder.Build();
        _hub.MapPost("/hub", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            foreach (var topic in form["hub.url"])
            {
                using var response = await _http.GetAsync(topic);
                _fetched.Enqueue((new Uri(topic!).AbsolutePath, response.Headers.ETag?.Tag));
            }
            return Results.NoContent();
        });
        await _hub.StartAsync();
        _hubUrl = new Uri(new Uri(_hub.Urls.Single()), "/hub");
        _folder.Write("2024-07-01-first.md", Items.Story("First", extra: "tags: [politics]\n"));
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
        _folder.Dispose();
    }

    Task<RunningServer> Origin(params string[] more) => RunningServer.StartAsync(_folder,
    [
        $"--Feed:BaseUrl=http://127.0.0.1:{_front}/", $"--Feed:WebSubHub={_hubUrl}", $"--Feed:CachePurge=http://127.0.0.1:{_front}/", .. more,
    ]);

    async Task<HttpResponseMessage> ThroughCache(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{_front}{path}"));
        configure?.Invoke(request);
        return await _http.SendAsync(request);
    }

    static async Task Handled(RunningServer server)
    {
        var publisher = server.App.Services.GetRequiredService<WebSubPublisher>();
        await RunningServer.Eventually(() => Task.FromResult(publisher.Handled >= publisher.Queued && publisher.Queued > 0), "the pings to be sent");
    }

    [VarnishFact]
    public async Task A_hub_fetching_through_varnish_right_after_the_ping_gets_the_new_etag()
    {
        await using var server = await Origin();
        // The first snapshot's purges and pings are done before the cache starts: under load they
        // could otherwise land in the middle of what the test measures.
        await Handled(server);
        await using var cache = await VarnishCache.StartAsync(_front, server.Address.Port, VarnishCache.FreePort());
        string[] paths = ["/feed.xml", "/tags/politics/atom.xml", "/feed.json"];
        var month = $"/archive/{DateTime.UtcNow:yyyy}/{DateTime.UtcNow:MM}.xml";
        // Warm the cache: the documents are hits before the change.
        foreach (var path in paths.Append(month))
        {
            (await ThroughCache(path)).Dispose();
            using var again = await ThroughCache(path);
            Assert.Equal("hit", again.Headers.GetValues("X-Cache").Single());
        }
        await Handled(server);
        _fetched.Clear();

        var next = server.Store.Next;
        var written = DateTime.UtcNow;
        _folder.Write("2024-07-02-second.md", Items.Story("Second", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), extra: "tags: [politics]\n"));
        await next.WaitAsync(TimeSpan.FromSeconds(15));
        await Handled(server);
        foreach (var path in paths)
        {
            var fetch = Assert.Single(_fetched, f => f.Path == path);
            using var origin = await server.GetAsync(path);
            Assert.Equal(origin.Headers.ETag!.Tag, fetch.ETag);
        }
        Assert.True(DateTime.UtcNow - written < TimeSpan.FromSeconds(5), $"the hub had the new feeds {DateTime.UtcNow - written} after the write");
        // The current month's document was purged too (it is not pinged: it advertises no hub).
        using var monthNow = await ThroughCache(month);
        using var monthOrigin = await server.GetAsync(month);
        Assert.Equal(monthOrigin.Headers.ETag!.Tag, monthNow.Headers.ETag!.Tag);
    }

    [VarnishFact]
    public async Task Newsboat_and_feedparser_polls_are_answered_by_the_cache_not_the_origin()
    {
        await using var server = await Origin();
        // The first snapshot's purges and pings are done before the cache starts: under load they
        // could otherwise land in the middle of what the test measures.
        await Handled(server);
        await using var cache = await VarnishCache.StartAsync(_front, server.Address.Port, VarnishCache.FreePort());
        using var first = await ThroughCache("/feed.xml");
        var etag = first.Headers.ETag!.Tag;
        var modified = first.Content.Headers.LastModified!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var before = await cache.Counter("MAIN.backend_req");
        for (var i = 0; i < 10; i++)
        {
            foreach (var agent in new[] { "newsboat/2.30.1 (Linux x86_64)", "rss2email/3.14 feedparser/6.0.10" })
            {
                // What both send on a conditional poll (the identity body's validators, as first fetched).
                using var poll = await ThroughCache("/feed.xml", r =>
                {
                    r.Headers.TryAddWithoutValidation("User-Agent", agent);
                    r.Headers.TryAddWithoutValidation("A-IM", "feed");
                    r.Headers.TryAddWithoutValidation("If-None-Match", etag);
                    r.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
                });
                Assert.Equal(HttpStatusCode.NotModified, poll.StatusCode);
            }
        }
        Assert.Equal(before, await cache.Counter("MAIN.backend_req"));
    }

    [VarnishFact]
    public async Task One_of_two_origins_restarting_under_polling_sends_readers_no_5xx()
    {
        var port1 = VarnishCache.FreePort();
        var server1 = await Origin($"--urls=http://127.0.0.1:{port1}", "--Feed:CacheMaxAgeSeconds=1");
        await using var server2 = await Origin("--Feed:CacheMaxAgeSeconds=1");
        await using var cache = await VarnishCache.StartAsync(_front, port1, server2.Address.Port);
        var statuses = new ConcurrentBag<int>();
        using var stop = new CancellationTokenSource();
        var pollers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var path = new[] { "/feed.xml", "/atom.xml", "/feed.json", "/tags/politics/feed.xml" }[n];
            while (!stop.IsCancellationRequested)
            {
                using var response = await ThroughCache(path);
                statuses.Add((int)response.StatusCode);
                await Task.Delay(20);
            }
        })).ToList();
        await RunningServer.Eventually(() => Task.FromResult(statuses.Count > 50), "polls before the restart");
        await server1.DisposeAsync();
        var during = statuses.Count;
        // Down for longer than max-age and the probes' window, then back on its port.
        await RunningServer.Eventually(() => Task.FromResult(statuses.Count > during + 200), "polls while one origin is down", seconds: 30);
        await using var restarted = await Origin($"--urls=http://127.0.0.1:{port1}", "--Feed:CacheMaxAgeSeconds=1");
        var after = statuses.Count;
        await RunningServer.Eventually(() => Task.FromResult(statuses.Count > after + 100), "polls after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(pollers);
        Assert.All(statuses, s => Assert.Equal(200, s));
    }
}
