using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Feed.Server.Push;
using Feed.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Feed.Server.Tests.Push;

/// <summary>WebSub: hub links in every feed, and a publish ping naming every changed feed.</summary>
public sealed class WebSubTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    readonly ConcurrentQueue<(string Mode, string Url)> _received = new();
    WebApplication _hub = null!;
    Uri _hubUrl = null!;

    public async ValueTask InitializeAsync()
    {
        // A stand-in hub on loopback that records what it is told.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _hub = builder.Build();
        _hub.MapPost("/hub", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            // One ping names every changed feed, hub.url repeated.
            foreach (var url in form["hub.url"])
                _received.Enqueue((form["hub.mode"].ToString(), url!));
            return Results.NoContent();
        });
        await _hub.StartAsync();
        _hubUrl = new Uri(new Uri(_hub.Urls.Single()), "/hub");
        _folder.Write("2024-07-01-first.md", Items.Story("First", extra: "tags: [politics]\n"));
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Every_feed_advertises_the_hub()
    {
        await using var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}");
        Assert.Contains($"<atom:link href=\"{_hubUrl}\" rel=\"hub\" />", await server.TextAsync("/feed.xml"));
        Assert.Contains($"<link rel=\"hub\" href=\"{_hubUrl}\" />", await server.TextAsync("/atom.xml"));
        Assert.Contains($"\"url\": \"{_hubUrl}\"", await server.TextAsync("/feed.json"));
        Assert.Contains($"<link rel=\"hub\" href=\"{_hubUrl}\" />", await server.TextAsync("/tags/politics/atom.xml"));
    }

    static readonly string[] MainFeeds = ["https://news.example.com/atom.xml", "https://news.example.com/feed.json", "https://news.example.com/feed.xml"];

    static string[] TagFeeds(string tag) =>
        [$"https://news.example.com/tags/{tag}/atom.xml", $"https://news.example.com/tags/{tag}/feed.json", $"https://news.example.com/tags/{tag}/feed.xml"];

    /// <summary>Waits until the publisher has sent the pings of every snapshot so far, then takes what the hub received.</summary>
    async Task<string[]> Pings(RunningServer server)
    {
        var publisher = server.App.Services.GetRequiredService<WebSubPublisher>();
        // The store swaps a snapshot in before it tells the publisher (a hub that fetches at once
        // must get the new bytes), so a start can answer healthy before the first one is queued.
        await RunningServer.Eventually(() => Task.FromResult(publisher.Handled >= publisher.Queued && publisher.Queued > 0), "the pings to be sent");
        var urls = new List<string>();
        while (_received.TryDequeue(out var r))
        {
            Assert.Equal("publish", r.Mode);
            urls.Add(r.Url);
        }
        return [.. urls.Order(StringComparer.Ordinal)];
    }

    // WebSub section 6, across a restart: the ledger records what each hub was told, so a start
    // pings exactly the feeds whose bytes changed since (while the server was down), and no other.
    [Fact]
    public async Task A_restart_pings_only_the_feeds_whose_bytes_changed_since_the_last_ping()
    {
        _folder.Write("2024-07-01-second.md", Items.Story("Second", extra: "tags: [weather]\n"));
        await using (var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}"))
            Assert.Superset(new HashSet<string>([.. MainFeeds, .. TagFeeds("politics"), .. TagFeeds("weather")]), (await Pings(server)).ToHashSet());
        await using (var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}"))
            Assert.Empty(await Pings(server));

        _folder.Write("2024-07-01-second.md", Items.Story("Second, corrected", extra: "tags: [weather]\n"));
        await using (var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}"))
        {
            var pinged = await Pings(server);
            Assert.Superset(new HashSet<string>([.. MainFeeds, .. TagFeeds("weather")]), pinged.ToHashSet());
            Assert.DoesNotContain(pinged, url => url.Contains("/tags/politics/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_feed_is_pinged_after_start_because_it_may_have_changed_while_the_server_was_down()
    {
        await using var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}");
        string[] expected = [.. MainFeeds, .. TagFeeds("politics")];
        Assert.Equal(expected, await Pings(server));
    }

    [Fact]
    public async Task A_change_pings_the_hub_once_for_each_feed_whose_bytes_changed_and_a_touch_pings_none()
    {
        await using var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}");
        await Pings(server);

        var next = server.Store.Next;
        _folder.Write("2024-07-02-second.md", Items.Story("Second", extra: "tags: [sport]\n"));
        await next.WaitAsync(TimeSpan.FromSeconds(15));
        string[] expected = [.. MainFeeds, .. TagFeeds("sport")];
        Assert.Equal(expected, await Pings(server));

        // The same bytes written again: the folder is scanned, nothing is rebuilt, nobody is told.
        var scanned = server.Feeds.NextScan;
        File.SetLastWriteTimeUtc(Path.Combine(_folder.Path, "2024-07-01-first.md"), DateTime.UtcNow);
        _folder.Write("2024-07-02-second.md", Items.Story("Second", extra: "tags: [sport]\n"));
        await scanned.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Empty(await Pings(server));
    }

    [Fact]
    public async Task A_story_pings_its_author_and_section_feeds_as_it_pings_tag_feeds()
    {
        await using var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}");
        await Pings(server);

        var next = server.Store.Next;
        _folder.Write("world/2024-07-02-byline.md", Items.Story("Byline", extra: "author: Jane Doe\n"));
        await next.WaitAsync(TimeSpan.FromSeconds(15));
        string[] feeds = ["atom.xml", "feed.json", "feed.xml"];
        var expected = MainFeeds.Concat(feeds.Select(f => $"https://news.example.com/authors/jane-doe/{f}"))
            .Concat(feeds.Select(f => $"https://news.example.com/sections/world/{f}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, await Pings(server));
    }

    [Fact]
    public async Task Feed_responses_carry_the_hub_and_self_link_headers_pages_do_not()
    {
        await using var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}");
        foreach (var path in new[] { "/feed.json", "/feed.xml", "/tags/politics/atom.xml" })
        {
            using var response = await server.GetAsync(path);
            Assert.Equal($"<{_hubUrl}>; rel=\"hub\", <https://news.example.com{path}>; rel=\"self\"", string.Join(", ", response.Headers.GetValues("Link")));
        }
        using var page = await server.GetAsync("/");
        Assert.False(page.Headers.Contains("Link"));
    }

    [Fact]
    public async Task A_hub_that_is_down_is_retried_and_never_blocks_the_feeds()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        await using var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub=http://127.0.0.1:{port}/hub");
        _folder.Write("2024-07-02-second.md", Items.Story("Second"));
        await RunningServer.Eventually(async () => (await server.TextAsync("/feed.xml")).Contains("Second", StringComparison.Ordinal), "the new item, hub or no hub");
        await RunningServer.Eventually(() => Task.FromResult(server.Logs.GetSnapshot().Any(r => r.Id.Id == 12)), "a retry warning");
        Assert.Contains("retrying in 1 s", server.Logs.GetSnapshot().First(r => r.Id.Id == 12).Message);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/healthz")).StatusCode);
    }
}
