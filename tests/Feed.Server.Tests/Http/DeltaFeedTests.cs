using System.IO.Compression;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>RFC 3229 delta feeds (A-IM: feed), as Liferea and newsboat ask for them.</summary>
public sealed class DeltaFeedTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        for (var i = 1; i <= 5; i++)
            _folder.Write($"2024-07-0{i}-story-{i}.md", Items.Story($"Story {i}", $"2024-07-0{i}"));
        _server = await RunningServer.StartAsync(_folder, "--Feed:DeltaFeeds=true");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    Task<HttpResponseMessage> Delta(string path, string etag, string? encoding = null) =>
        _server.GetAsync(path, r =>
        {
            r.Headers.TryAddWithoutValidation("A-IM", "feed");
            r.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (encoding is not null)
                r.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        });

    async Task ChangeTwoStories()
    {
        _folder.Write("2024-07-06-story-6.md", Items.Story("Story 6", "2024-07-06"));
        _folder.Write("2024-07-02-story-2.md", Items.Story("Story 2, corrected", "2024-07-02"));
        await RunningServer.Eventually(async () => (await _server.TextAsync("/atom.xml")).Contains("Story 2, corrected", StringComparison.Ordinal)
            && (await _server.TextAsync("/atom.xml")).Contains("Story 6", StringComparison.Ordinal), "both changes");
    }

    [Theory]
    [InlineData("/atom.xml")]
    [InlineData("/feed.xml")]
    public async Task An_earlier_etag_gets_226_with_only_new_and_changed_items(string path)
    {
        var old = (await _server.GetAsync(path)).Headers.ETag!.Tag;
        await ChangeTwoStories();
        var current = (await _server.GetAsync(path)).Headers.ETag!.Tag;

        using var response = await Delta(path, old);
        Assert.Equal((HttpStatusCode)226, response.StatusCode);
        Assert.Equal("feed", response.Headers.GetValues("IM").Single());
        Assert.Equal(current, response.Headers.ETag!.Tag);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var feed = SyndicationFeed.Load(XmlReader.Create(await response.Content.ReadAsStreamAsync()));
        Assert.Equal(["Story 6", "Story 2, corrected"], feed.Items.Select(i => i.Title.Text));

        using var upToDate = await Delta(path, current);
        Assert.Equal(HttpStatusCode.NotModified, upToDate.StatusCode);
        using var holdsBoth = await Delta(path, $"{old}, {current}");
        Assert.Equal(HttpStatusCode.NotModified, holdsBoth.StatusCode);
    }

    [Fact]
    public async Task Gzip_clients_get_a_compressed_delta_and_the_current_gzip_etag()
    {
        var old = (await _server.GetAsync("/atom.xml", r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"))).Headers.ETag!.Tag;
        await ChangeTwoStories();
        using var response = await Delta("/atom.xml", old, "gzip");
        Assert.Equal((HttpStatusCode)226, response.StatusCode);
        Assert.EndsWith("-gzip\"", response.Headers.ETag!.Tag);
        using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        Assert.Equal(2, SyndicationFeed.Load(XmlReader.Create(gzip)).Items.Count());
    }

    [Fact]
    public async Task An_unknown_etag_or_no_a_im_gets_the_whole_feed()
    {
        await ChangeTwoStories();
        using var unknown = await Delta("/atom.xml", "\"0123456789abcdef0123456789abcdef\"");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(6, SyndicationFeed.Load(XmlReader.Create(await unknown.Content.ReadAsStreamAsync())).Items.Count());
        using var plain = await _server.GetAsync("/atom.xml", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"0123456789abcdef0123456789abcdef\""));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.Contains("IM"));
    }
}
