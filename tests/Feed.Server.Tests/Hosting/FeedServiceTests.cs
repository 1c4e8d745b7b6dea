using System.Text.Json;
using Feed.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>The folder is the newsroom: every change reaches the feeds without a restart.</summary>
public sealed class FeedServiceTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _folder.Write("2024-06-27-us-backs-operation-azm-e-istehkam.txt", Items.Seed);
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    async Task<List<(string Id, string Title)>> FeedItems()
    {
        using var json = JsonDocument.Parse(await _server.BytesAsync("/feed.json"));
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("title").GetString()!)).ToList();
    }

    Task UntilTitles(params string[] titles) =>
        RunningServer.Eventually(async () => (await FeedItems()).Select(i => i.Title).Order().SequenceEqual(titles.Order()),
            "feed titles " + string.Join(", ", titles));

    const string SeedTitle = "The United States (US) has voiced its support for Pakistan in response to Operation Azm-e-Istehkam";

    [Fact]
    public async Task Added_file_is_published_without_a_restart()
    {
        _folder.Write("2024-07-01-new.md", Items.Story("Breaking"));
        await UntilTitles(SeedTitle, "Breaking");
        Assert.Contains("Breaking", await _server.TextAsync("/2024/06/27/new"));
    }

    [Fact]
    public async Task Edited_item_keeps_its_id()
    {
        _folder.Write("2024-07-01-story.md", Items.Story("First title"));
        await UntilTitles(SeedTitle, "First title");
        var id = (await FeedItems()).Single(i => i.Title == "First title").Id;

        _folder.Write("2024-07-01-story.md", Items.Story("Corrected title", body: "Corrected text, much longer than before."));
        await UntilTitles(SeedTitle, "Corrected title");
        Assert.Equal(id, (await FeedItems()).Single(i => i.Title == "Corrected title").Id);
    }

    [Fact]
    public async Task Deleted_file_removes_its_item()
    {
        _folder.Write("2024-07-01-retracted.md", Items.Story("Retracted"));
        await UntilTitles(SeedTitle, "Retracted");
        _folder.Delete("2024-07-01-retracted.md");
        await UntilTitles(SeedTitle);
        Assert.Equal(System.Net.HttpStatusCode.Gone, (await _server.GetAsync("/2024/06/27/retracted")).StatusCode);
    }

    [Fact]
    public async Task Renamed_file_with_the_same_slug_stays_one_item()
    {
        _folder.Write("world/2024-07-01-moved.md", Items.Story("Moved"));
        await UntilTitles(SeedTitle, "Moved");
        var before = await FeedItems();
        var etag = (await _server.GetAsync("/feed.xml")).Headers.ETag!.Tag;

        // Another date prefix and extension in the same folder: the same slug, so the same story.
        File.Move(Path.Combine(_folder.Path, "world", "2024-07-01-moved.md"), Path.Combine(_folder.Path, "world", "2024-06-30-moved.markdown"));
        await RunningServer.Eventually(async () => _server.Store.Current!.Items.Any(i => i.SourcePath == "world/2024-06-30-moved.markdown"), "the rename");
        Assert.Equal(before, await FeedItems());
        Assert.Equal(etag, (await _server.GetAsync("/feed.xml")).Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Broken_edit_keeps_the_last_good_version_and_a_fix_is_logged()
    {
        _folder.Write("2024-07-01-story.md", Items.Story("Good version"));
        await UntilTitles(SeedTitle, "Good version");

        _folder.Write("2024-07-01-story.md", "---\ntitle: Broken version\ndate: 2024-07-0\n---\nHalf an edit.\n");
        await RunningServer.Eventually(() => Task.FromResult(Logged(2, "2024-07-01-story.md")), "the warning for the broken edit");
        var warning = Single(2, "2024-07-01-story.md");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("line 3: 'date' is not a date: '2024-07-0'", warning.Message);
        Assert.Contains("the previous version stays published until the file is fixed", warning.Message);
        Assert.Equal(new[] { SeedTitle, "Good version" }.Order(), (await FeedItems()).Select(i => i.Title).Order());

        _folder.Write("2024-07-01-story.md", Items.Story("Fixed version"));
        await UntilTitles(SeedTitle, "Fixed version");
        Assert.Contains("2024-07-01-story.md is valid again", Single(5, "2024-07-01-story.md").Message);
    }

    [Fact]
    public async Task A_burst_of_500_writes_ends_in_one_consistent_snapshot()
    {
        var rebuildsBefore = _server.Logs.GetSnapshot().Count(r => r.Id.Id == 1);
        for (var i = 0; i < 500; i++)
            _folder.Write($"burst/2024-07-01-item-{i:D3}.md", Items.Story($"Burst {i}", extra: $"id: urn:burst:{i}\n"));
        await RunningServer.Eventually(async () => await _server.PublishedAsync() == 501, "all 500 items", 30);

        using var json = JsonDocument.Parse(await _server.BytesAsync("/feed.json"));
        // A bulk addition reaches subscribers whole: the newest 50 and every story first published
        // within Feed:RecentWindow (up to Feed:MaxRecentItems, 500).
        Assert.Equal(501, json.RootElement.GetProperty("items").GetArrayLength());
        // Coalescing itself is pinned on a fake clock in FolderWatcherTests; here, not one rebuild per file.
        var rebuilds = _server.Logs.GetSnapshot().Count(r => r.Id.Id == 1) - rebuildsBefore;
        Assert.True(rebuilds < 100, $"{rebuilds} rebuilds for 500 files");
    }

    [Fact]
    public async Task Draft_toggling_publishes_and_withdraws()
    {
        _folder.Write("2024-07-01-draft.md", Items.Story("Draft story", extra: "draft: true\n"));
        _folder.Write("2024-07-01-marker.md", Items.Story("Marker"));
        await UntilTitles(SeedTitle, "Marker");

        _folder.Write("2024-07-01-draft.md", Items.Story("Draft story", extra: "draft: false\n"));
        await UntilTitles(SeedTitle, "Marker", "Draft story");
        _folder.Write("2024-07-01-draft.md", Items.Story("Draft story", extra: "draft: true\n"));
        await UntilTitles(SeedTitle, "Marker");
    }

    [Fact]
    public async Task Edit_that_changes_nothing_shown_keeps_every_etag()
    {
        _folder.Write("2024-07-01-story.md", Items.Story("Steady"));
        await UntilTitles(SeedTitle, "Steady");
        var paths = new[] { "/feed.xml", "/atom.xml", "/feed.json", "/" };
        var before = await Task.WhenAll(paths.Select(async p => (await _server.GetAsync(p)).Headers.ETag!.Tag));
        var rebuilds = _server.Logs.GetSnapshot().Count(r => r.Id.Id == 1);

        _folder.Write("2024-07-01-story.md", Items.Story("Steady", extra: "internal-note: not for readers\n"));
        await RunningServer.Eventually(() => Task.FromResult(_server.Logs.GetSnapshot().Count(r => r.Id.Id == 1) > rebuilds), "a rebuild");
        Assert.Equal(before, await Task.WhenAll(paths.Select(async p => (await _server.GetAsync(p)).Headers.ETag!.Tag)));
    }

    [Fact]
    public async Task Every_response_during_changes_is_a_complete_feed_matching_its_etag()
    {
        using var stop = new CancellationTokenSource();
        // Changes come in batches of five, each published before the next is written: the pollers
        // read across a dozen swaps of the snapshot.
        var writer = Task.Run(async () =>
        {
            var published = _server.Store.Next;
            for (var i = 0; i < 60; i++)
            {
                _folder.Write($"2024-07-{1 + i % 28:D2}-churn-{i % 7}.md", Items.Story($"Churn {i}", body: new string('x', 100 + i * 50)));
                if (i % 5 != 4)
                    continue;
                _folder.Delete($"2024-07-{1 + (i - 2) % 28:D2}-churn-{(i - 2) % 7}.md");
                await published.WaitAsync(TimeSpan.FromSeconds(30));
                published = _server.Store.Next;
            }
        });
        var failures = new List<string>();
        var responses = 0;
        var pollers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var path = new[] { "/feed.xml", "/atom.xml", "/feed.json", "/feed.xml" }[n];
            while (!writer.IsCompleted)
            {
                using var response = await _server.GetAsync(path, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", n == 3 ? "gzip" : "identity"));
                var body = await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref responses);
                var plain = n == 3 ? Gunzip(body) : body;
                var problem = Check(path, plain, body, response.Headers.ETag!.Tag, gzipped: n == 3);
                if (problem is not null)
                    lock (failures) failures.Add(problem);
            }
        })).ToList();
        await Task.WhenAll(pollers.Append(writer));
        Assert.Empty(failures);
        Assert.True(responses > 20, $"only {responses} responses");
    }

    static string? Check(string path, byte[] plain, byte[] sent, string etag, bool gzipped)
    {
        try
        {
            if (path.EndsWith(".json", StringComparison.Ordinal))
                JsonDocument.Parse(plain).Dispose();
            else
                System.ServiceModel.Syndication.SyndicationFeed.Load(System.Xml.XmlReader.Create(new MemoryStream(plain)));
        }
        catch (Exception e)
        {
            return $"{path}: does not parse: {e.Message}";
        }
        var hash = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(plain).AsSpan(0, 16)) + (gzipped ? "-gzip\"" : "\"");
        return hash == etag ? null : $"{path}: ETag {etag} does not match the bytes ({hash}, {sent.Length} bytes sent)";
    }

    static byte[] Gunzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress))
            gzip.CopyTo(output);
        return output.ToArray();
    }

    bool Logged(int eventId, string file) => _server.Logs.GetSnapshot().Any(r => r.Id.Id == eventId && r.Message.Contains(file, StringComparison.Ordinal));

    FakeLogRecord Single(int eventId, string file) =>
        Assert.Single(_server.Logs.GetSnapshot(), r => r.Id.Id == eventId && r.Message.Contains(file, StringComparison.Ordinal));
}
