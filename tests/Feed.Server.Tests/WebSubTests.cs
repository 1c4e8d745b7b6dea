using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Feed.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Feed.Server.Tests;

/// <summary>WebSub: hub links in every feed, and a publish ping per changed feed (issue 7, point 3).</summary>
public sealed class WebSubTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    readonly ConcurrentQueue<(string Mode, string Url)> _received = new();
    WebApplication _hub = null!;
    Uri _hubUrl = null!;

    public async Task InitializeAsync()
    {
        // A stand-in hub on loopback that records what it is told.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _hub = builder.Build();
        _hub.MapPost("/hub", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            _received.Enqueue((form["hub.mode"].ToString(), form["hub.url"].ToString()));
            return Results.NoContent();
        });
        await _hub.StartAsync();
        _hubUrl = new Uri(new Uri(_hub.Urls.Single()), "/hub");
        _folder.Write("2024-07-01-first.md", Items.Story("First", extra: "tags: [politics]\n"));
    }

    public async Task DisposeAsync()
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

    [Fact]
    public async Task A_change_pings_the_hub_once_for_each_feed_that_changed()
    {
        await using var server = await RunningServer.StartAsync(_folder, $"--Feed:WebSubHub={_hubUrl}");
        Assert.Empty(_received);

        _folder.Write("2024-07-02-second.md", Items.Story("Second", extra: "tags: [sport]\n"));
        string[] expected =
        [
            "https://news.example.com/atom.xml", "https://news.example.com/feed.json", "https://news.example.com/feed.xml",
            "https://news.example.com/tags/sport/atom.xml", "https://news.example.com/tags/sport/feed.json", "https://news.example.com/tags/sport/feed.xml",
        ];
        await RunningServer.Eventually(() => Task.FromResult(_received.Count >= expected.Length), "six publish pings");
        await Task.Delay(300);
        Assert.All(_received, r => Assert.Equal("publish", r.Mode));
        Assert.Equal(expected, _received.Select(r => r.Url).Order(StringComparer.Ordinal));
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
