using System.Net;
using Feed.Server.Configuration;
using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>
/// Every document a snapshot holds is answered on both response roads: the fast path (a plain GET
/// or HEAD) and the endpoints' road (a request the fast path passes on: one with If-Modified-Since).
/// A kind of document the routes do not know would be served on the first and be a 404 on the second.
/// </summary>
public sealed class DocumentRoutesTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        // Every kind of document: numbered pages (one story a page), tags, authors, sections, monthly
        // archives, a podcast, and a sitemap in parts.
        _folder.Write("world/2024-05-10-may.md", Items.Story("A May story", "2024-05-10T09:00:00Z",
            extra: "author: Jane Doe\ntags: [Weather]\nenclosure: https://media.example.org/may.mp3\n"));
        _folder.Write("world/2024-06-11-june.md", Items.Story("A June story", "2024-06-11T09:00:00Z", extra: "author: Jane Doe\ntags: [Weather]\n"));
        _folder.Write("business/2024-06-12-markets.md", Items.Story("Markets", "2024-06-12T09:00:00Z", extra: "author: Ali Khan\ntags: [Weather, Markets]\n"));
        _folder.Write("2024-06-27-us-backs-operation-azm-e-istehkam.txt", Items.Seed);
        _server = await RunningServer.StartAsync(_folder.Path, null,
            services => services.AddSingleton(sp => sp.GetRequiredService<FeedOptions>().ToSettings() with { MaxSitemapUrls = 3 }),
            "--Feed:MaxItems=1", "--Feed:Sections=true", "--Feed:Podcast:Image=https://news.example.com/artwork.jpg",
            "--Feed:Podcast:Category=News", "--Feed:Podcast:OwnerEmail=podcast@example.com", "--Feed:Podcast:Explicit=false");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Every_document_of_a_snapshot_is_answered_on_both_roads()
    {
        var snapshot = _server.Store.Current!;
        var paths = snapshot.DocumentPaths.Concat(snapshot.Items.Select(i => i.PagePath)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("/podcast.xml", paths);
        Assert.Contains("/sitemap/2.xml", paths);
        Assert.Contains("/sections/world/page/1", paths);
        Assert.Contains("/archive/2024/05.json", paths);
        var since = snapshot.LastModified!.Value.AddDays(-1);
        var refused = new List<string>();
        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                using var fast = await _server.GetAsync(path, method: method);
                using var endpoint = await _server.GetAsync(path, r => r.Headers.IfModifiedSince = since, method);
                if (fast.StatusCode != HttpStatusCode.OK || endpoint.StatusCode != HttpStatusCode.OK)
                    refused.Add($"{method} {path}: {(int)fast.StatusCode} on the fast path, {(int)endpoint.StatusCode} on the endpoints' road");
            }
        }
        Assert.Empty(refused);
    }
}
