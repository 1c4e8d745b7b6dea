using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Feed.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>Tag feeds and RFC 5005 archives over HTTP.</summary>
public sealed class TagAndArchiveTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        for (var i = 1; i <= 12; i++)
            _folder.Write($"{Date(i)}-story-{i}.md", Items.Story($"Story {i}", Date(i), extra: i % 3 == 0 ? "tags: [Security, 中文]\n" : "tags: [world]\n"));
        _server = await RunningServer.StartAsync(_folder, "--Feed:MaxItems=5");
    }

    // Four stories a month, January to March.
    static string Date(int i) => $"2024-{1 + (i - 1) / 4:D2}-{i:D2}";

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    async Task<SyndicationFeed> Load(string path) => SyndicationFeed.Load(XmlReader.Create(new MemoryStream(await _server.BytesAsync(path))));

    [Theory]
    [InlineData("/tags/security/feed.xml", "application/rss+xml; charset=utf-8")]
    [InlineData("/tags/security/atom.xml", "application/atom+xml; charset=utf-8")]
    [InlineData("/tags/security/feed.json", "application/feed+json; charset=utf-8")]
    [InlineData("/tags/security", "text/html; charset=utf-8")]
    [InlineData("/tags/%E4%B8%AD%E6%96%87/atom.xml", "application/atom+xml; charset=utf-8")]
    public async Task Tag_documents_are_served_like_the_main_ones(string path, string mediaType)
    {
        using var response = await _server.GetAsync(path, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.ToString());
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        var etag = response.Headers.ETag!.Tag;
        using var again = await _server.GetAsync(path, r =>
        {
            r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            r.Headers.TryAddWithoutValidation("If-None-Match", etag);
        });
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task A_tag_feed_holds_only_that_tags_items_and_the_tag_page_advertises_it()
    {
        var feed = await Load("/tags/security/atom.xml");
        Assert.Equal(["Story 12", "Story 9", "Story 6", "Story 3"], feed.Items.Select(i => i.Title.Text));
        var page = await _server.TextAsync("/tags/security");
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Example News: Security (Atom)\" href=\"https://news.example.com/tags/security/atom.xml\">", page);
        Assert.Contains("href=\"https://news.example.com/tags/security\">Security</a> (4)", await _server.TextAsync("/"));
        Assert.Equal(HttpStatusCode.NotFound, (await _server.GetAsync("/tags/no-such-tag/feed.xml")).StatusCode);
    }

    [Fact]
    public async Task A_reader_following_prev_archive_meets_every_story_exactly_once()
    {
        var archived = await WalkArchives();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"tag:news.example.com,{Date(i)}:story-{i}").Order(), archived.Order());
        // Every month to the current one has its document, empty ones included; none before the oldest story.
        Assert.Equal(HttpStatusCode.OK, (await _server.GetAsync("/archive/2024/04.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.GetAsync("/archive/2023/12.xml")).StatusCode);
    }

    async Task<List<string>> WalkArchives()
    {
        var ids = new List<string>();
        var feed = await Load("/atom.xml");
        for (var link = feed.Links.SingleOrDefault(l => l.RelationshipType == "prev-archive"); link is not null;)
        {
            using var response = await _server.GetAsync(link.Uri.AbsolutePath);
            // Cached no longer than the feeds: an old story may still be corrected or withdrawn.
            Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
            var page = SyndicationFeed.Load(XmlReader.Create(await response.Content.ReadAsStreamAsync()));
            ids.AddRange(page.Items.Select(i => i.Id));
            link = page.Links.SingleOrDefault(l => l.RelationshipType == "prev-archive");
        }
        return ids;
    }

    async Task<Dictionary<string, string>> ArchiveETags()
    {
        var etags = new Dictionary<string, string>();
        foreach (var month in new[] { "01", "02", "03" })
            etags[month] = (await _server.GetAsync($"/archive/2024/{month}.xml")).Headers.ETag!.Tag;
        return etags;
    }

    async Task Changed(Action change)
    {
        var next = _server.Store.Next;
        change();
        await next.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_story_added_back_dated_or_deleted_changes_only_the_archive_of_its_month()
    {
        var before = await ArchiveETags();
        await Changed(() => _folder.Write("2024-02-14-back-dated.md", Items.Story("Back-dated", "2024-02-14")));
        var afterInsert = await ArchiveETags();
        Assert.Equal([("01", true), ("02", false), ("03", true)], before.Select(e => (e.Key, afterInsert[e.Key] == e.Value)));

        await Changed(() => _folder.Delete($"{Date(1)}-story-1.md"));
        var afterDelete = await ArchiveETags();
        Assert.Equal([("01", false), ("02", true), ("03", true)], afterInsert.Select(e => (e.Key, afterDelete[e.Key] == e.Value)));

        await Changed(() => _folder.Write("2024-08-01-newest.md", Items.Story("Newest", "2024-08-01")));
        Assert.Equal(afterDelete, await ArchiveETags());

        var archived = await WalkArchives();
        Assert.Equal(archived.Count, archived.Distinct().Count());
        Assert.Equal(12 + 1 - 1 + 1, archived.Count);
    }
}
