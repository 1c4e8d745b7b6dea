using System.Collections.Concurrent;
using Feed.Documents;
using Feed.Folder;
using Feed.Publishing;
using Feed.Server.Configuration;
using Feed.Server.Hosting;
using Feed.Server.Push;
using Feed.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Push;

/// <summary>
/// Pings and purges on a fake clock against a real loopback stand-in: hubs at /hub-a and /hub-b,
/// caches at /cache-a/ and /cache-b/, each answering as the test says.
/// </summary>
public sealed class HubPingTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 7, 10, 0, 0, 0, TimeSpan.Zero));
    readonly ConcurrentQueue<(long Order, string Path, string[] Topics, string Host)> _received = new();
    long _order;
    WebApplication _standIn = null!;
    Uri _base = null!;
    ServiceProvider _services = null!;

    /// <summary>How the stand-in answers a hub's ping; 204 unless a test says otherwise.</summary>
    Func<HttpContext, Task> _hubAnswer = context => { context.Response.StatusCode = 204; return Task.CompletedTask; };

    /// <summary>How the stand-in answers a purge; 200 unless a test says otherwise.</summary>
    Func<HttpContext, Task> _cacheAnswer = context => { context.Response.StatusCode = 200; return Task.CompletedTask; };

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _standIn = builder.Build();
        _standIn.MapPost("/{hub}", async (HttpContext context, string hub) =>
        {
            var form = await context.Request.ReadFormAsync();
            _received.Enqueue((Interlocked.Increment(ref _order), "/" + hub, [.. form["hub.url"].Select(u => u!)], context.Request.Host.Value!));
            Assert.Equal("publish", form["hub.mode"].ToString());
            await _hubAnswer(context);
        });
        _standIn.MapMethods("/{cache}/{**path}", ["PURGE"], (HttpContext context, string cache, string path) =>
        {
            _received.Enqueue((Interlocked.Increment(ref _order), $"/{cache}/{path}", [], context.Request.Host.Value!));
            return _cacheAnswer(context);
        });
        await _standIn.StartAsync();
        _base = new Uri(_standIn.Urls.Single() + "/");
        _folder.Write("2024-07-01-first.md", Items.Story("First", "2024-07-01", extra: "tags: [politics]\n"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            // Stopped first: a ping still retrying (on the fake clock, which never moves on) would
            // make the HTTP pipeline's disposal wait for it forever.
            await _services.GetRequiredService<WebSubPublisher>().StopAsync(CancellationToken.None);
            await _services.DisposeAsync();
        }
        await _standIn.DisposeAsync();
        _folder.Dispose();
    }

    async Task<WebSubPublisher> Start(string hubs, string? caches = null, int topicsPerPing = 100)
    {
        var options = new FeedOptions { BaseUrl = "https://news.example.com/", WebSubHubs = hubs, CachePurge = caches };
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(options);
        services.AddSingleton(options.ToSettings());
        services.AddSingleton<SnapshotStore>();
        services.AddPush();
        _services = services.BuildServiceProvider();
        var publisher = _services.GetRequiredService<WebSubPublisher>();
        publisher.TopicsPerPing = topicsPerPing;
        await publisher.StartAsync(CancellationToken.None);
        return publisher;
    }

    void Publish()
    {
        var settings = _services.GetRequiredService<FeedSettings>();
        var scan = new ItemFolder(_folder.Path, settings).Scan();
        _services.GetRequiredService<SnapshotStore>().Publish(FeedSnapshot.Build(Publication.Select(scan.Items, _time.GetUtcNow()), settings, changedAt: scan.ChangedAt));
    }

    FakeLogRecord[] Logs(int id) => [.. _services.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == id)];

    Task Handled(WebSubPublisher publisher) =>
        RunningServer.Eventually(() => Task.FromResult(publisher.Handled >= publisher.Queued && publisher.Queued > 0), "the pings to be sent");

    List<(long Order, string Path, string[] Topics, string Host)> Received() => [.. _received.OrderBy(r => r.Order)];

    static readonly string[] AllFeeds =
    [
        "https://news.example.com/atom.xml", "https://news.example.com/feed.json", "https://news.example.com/feed.xml",
        "https://news.example.com/tags/politics/atom.xml", "https://news.example.com/tags/politics/feed.json", "https://news.example.com/tags/politics/feed.xml",
    ];

    [Fact]
    public async Task One_ping_per_hub_names_every_changed_feed()
    {
        var publisher = await Start($"{_base}hub-a,{_base}hub-b");
        Publish();
        await Handled(publisher);
        var pings = Received();
        Assert.Equal(["/hub-a", "/hub-b"], pings.Select(p => p.Path).Order());
        Assert.All(pings, p => Assert.Equal(AllFeeds, p.Topics.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Feeds_past_the_cap_go_in_a_further_ping()
    {
        var publisher = await Start($"{_base}hub-a", topicsPerPing: 4);
        Publish();
        await Handled(publisher);
        var pings = Received();
        Assert.Equal([4, 2], pings.Select(p => p.Topics.Length));
        Assert.Equal(AllFeeds, pings.SelectMany(p => p.Topics).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failing_hub_is_retried_with_backoff_on_the_clock_then_given_up()
    {
        _hubAnswer = context => { context.Response.StatusCode = 503; return Task.CompletedTask; };
        var publisher = await Start($"{_base}hub-a");
        Publish();
        foreach (var (attempt, wait) in new[] { (1, 1), (2, 2), (3, 4) })
        {
            await RunningServer.Eventually(() => Task.FromResult(Logs(12).Length == attempt), $"retry {attempt} to be logged");
            Assert.Contains($"retrying in {wait} s", Logs(12)[^1].Message);
            Assert.Equal(attempt, _received.Count);
            // The backoff runs on the injected clock: nothing is sent again until it moves.
            _time.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(attempt, _received.Count);
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }
        await Handled(publisher);
        Assert.Equal(4, _received.Count);
        Assert.Contains("HTTP 503", Assert.Single(Logs(13)).Message);
    }

    [Fact]
    public async Task A_hung_hub_times_out_per_attempt_on_the_clock()
    {
        var calls = 0;
        _hubAnswer = async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            context.Response.StatusCode = 204;
        };
        var publisher = await Start($"{_base}hub-a");
        Publish();
        await RunningServer.Eventually(() => Task.FromResult(_received.Count == 1), "the first ping");
        _time.Advance(PushServices.HubAttemptTimeout);
        await RunningServer.Eventually(() => Task.FromResult(Logs(12).Length == 1), "the timed-out attempt to be retried");
        _time.Advance(PushServices.FirstRetry);
        await Handled(publisher);
        Assert.Equal(2, _received.Count);
        Assert.Empty(Logs(13));
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        _hubAnswer = context => { context.Response.Redirect("/hub-b", permanent: false, preserveMethod: true); return Task.CompletedTask; };
        var publisher = await Start($"{_base}hub-a");
        Publish();
        await Handled(publisher);
        Assert.Equal(["/hub-a"], Received().Select(p => p.Path));
        Assert.Contains("not followed", Assert.Single(Logs(13)).Message);
    }

    [Fact]
    public async Task A_huge_answer_is_read_only_a_few_kilobytes()
    {
        // A raw socket, so what is counted is what the network took: Kestrel would drop writes to
        // a closed connection without an error, and count them too.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        long written = 0;
        var hub = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var request = new byte[64 * 1024];
            Assert.True(await stream.ReadAsync(request) > 0); // the ping: headers and a short form
            var head = System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 1073741824\r\n\r\n");
            await stream.WriteAsync(head);
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            try
            {
                for (var i = 0; i < 16 * 1024; i++) // a gigabyte, if anyone read it
                {
                    await stream.WriteAsync(chunk);
                    Interlocked.Add(ref written, chunk.Length);
                }
            }
            catch (IOException)
            {
            }
        });
        var publisher = await Start($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/hub");
        Publish();
        await Handled(publisher);
        var message = Assert.Single(Logs(13)).Message;
        Assert.Contains("HTTP 400 xxxx", message);
        Assert.True(message.Length < 1_000, message);
        await hub.WaitAsync(TimeSpan.FromSeconds(30));
        // The socket buffers on both sides and the client's drain before closing: a few MB at most.
        Assert.True(Volatile.Read(ref written) < 16L * 1024 * 1024, $"{written} bytes were taken from the hub");
    }

    [Fact]
    public async Task Changed_documents_are_purged_from_every_cache_with_the_sites_host_before_the_ping()
    {
        var publisher = await Start($"{_base}hub-a", $"{_base}cache-a/,{_base}cache-b");
        Publish();
        await Handled(publisher);
        var received = Received();
        var ping = Assert.Single(received, r => r.Path == "/hub-a");
        var purges = received.Where(r => r.Path.StartsWith("/cache-", StringComparison.Ordinal)).ToList();
        string[] paths = ["atom.xml", "feed.json", "feed.xml", "tags/politics/atom.xml", "tags/politics/feed.json", "tags/politics/feed.xml"];
        Assert.Equal(paths.Select(p => "/cache-a/" + p).Concat(paths.Select(p => "/cache-b/" + p)).Order(StringComparer.Ordinal),
            purges.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.All(purges, p => Assert.Equal("news.example.com", p.Host));
        Assert.All(purges, p => Assert.True(p.Order < ping.Order, "a purge came after the ping"));
    }

    [Fact]
    public async Task A_cache_that_does_not_answer_delays_the_ping_only_until_the_purge_times_out()
    {
        _cacheAnswer = context => Task.Delay(Timeout.Infinite, context.RequestAborted);
        var publisher = await Start($"{_base}hub-a", $"{_base}cache-a/");
        Publish();
        await RunningServer.Eventually(() => Task.FromResult(_received.Count(r => r.Path.StartsWith("/cache-", StringComparison.Ordinal)) == 6), "the purges to arrive");
        Assert.DoesNotContain(_received, r => r.Path == "/hub-a");
        _time.Advance(TimeSpan.FromSeconds(5));
        await Handled(publisher);
        Assert.Single(_received, r => r.Path == "/hub-a");
        Assert.Single(Logs(15));
    }
}
