namespace Feed.Tests;

public class FeedSnapshotTests
{
    [Theory]
    [InlineData(FeedSnapshot.RssPath, "feed.xml")]
    [InlineData(FeedSnapshot.AtomPath, "atom.xml")]
    [InlineData(FeedSnapshot.JsonPath, "feed.json")]
    [InlineData(FeedSnapshot.IndexPath, "index.html")]
    public void Documents_match_their_golden_files(string path, string golden) =>
        Golden.Match(golden, Fixture.Snapshot().Document(path)!.Identity.Body);

    [Fact]
    public void Item_page_matches_its_golden_file() =>
        Golden.Match("every-field.html", Fixture.Snapshot().ItemPage("every-field")!.Identity.Body);

    [Fact]
    public void Same_folder_gives_the_same_bytes_and_etags()
    {
        var first = Fixture.Snapshot();
        var second = Fixture.Snapshot();
        foreach (var path in new[] { FeedSnapshot.RssPath, FeedSnapshot.AtomPath, FeedSnapshot.JsonPath, FeedSnapshot.IndexPath })
        {
            Assert.Equal(first.Document(path)!.Identity.Body, second.Document(path)!.Identity.Body);
            Assert.Equal(first.Document(path)!.Identity.ETag, second.Document(path)!.Identity.ETag);
            Assert.Equal(first.Document(path)!.GzipVariant.ETag, second.Document(path)!.GzipVariant.ETag);
        }
    }

    [Fact]
    public void Published_items_exclude_drafts_future_items_and_ignored_files()
    {
        var slugs = Fixture.Snapshot().Items.Select(i => i.Slug);
        Assert.Equal(["wire-copy-with-forbidden-character", "derived-title", "every-field", "us-backs-operation-azm-e-istehkam"], slugs);
    }

    [Fact]
    public void Feeds_show_at_most_max_items_and_last_modified_is_the_newest_update()
    {
        var snapshot = FeedSnapshot.Build(Publication.Select(Fixture.Scan().Items, Fixture.Now), Fixture.Settings with { MaxItems = 2 });
        var json = System.Text.Json.JsonDocument.Parse(snapshot.Document(FeedSnapshot.JsonPath)!.Identity.Body);
        Assert.Equal(2, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal(new DateTimeOffset(2024, 7, 5, 0, 0, 0, TimeSpan.Zero), snapshot.Document(FeedSnapshot.RssPath)!.LastModified);
        Assert.NotNull(snapshot.ItemPage("us-backs-operation-azm-e-istehkam")); // pages exist beyond the feed's cap
    }

    [Fact]
    public void Empty_folder_gives_valid_empty_feeds_dated_at_the_epoch_not_now()
    {
        var snapshot = FeedSnapshot.Build(Publication.Select([], Fixture.Now), Fixture.Settings);
        var atom = System.ServiceModel.Syndication.SyndicationFeed.Load(System.Xml.XmlReader.Create(new MemoryStream(snapshot.Document(FeedSnapshot.AtomPath)!.Identity.Body)));
        Assert.Empty(atom.Items);
        Assert.Equal(DateTimeOffset.UnixEpoch, atom.LastUpdatedTime);
        Assert.Null(snapshot.Document(FeedSnapshot.AtomPath)!.LastModified);
    }

    [Fact]
    public void Compressed_variants_decompress_to_the_same_bytes_and_have_their_own_etags()
    {
        var rss = Fixture.Snapshot().Document(FeedSnapshot.RssPath)!;
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(rss.GzipVariant.Body), System.IO.Compression.CompressionMode.Decompress);
        using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(rss.BrotliVariant.Body), System.IO.Compression.CompressionMode.Decompress);
        Assert.Equal(rss.Identity.Body, ReadAll(gzip));
        Assert.Equal(rss.Identity.Body, ReadAll(brotli));
        Assert.Equal(3, new[] { rss.Identity.ETag, rss.GzipVariant.ETag, rss.BrotliVariant.ETag }.Distinct().Count());
        Assert.Matches("^\"[0-9a-f]{32}\"$", rss.Identity.ETag);
    }

    [Fact]
    public void Unchanged_items_keep_their_rendered_page_across_snapshots()
    {
        var items = Fixture.Scan().Items;
        var first = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Fixture.Settings);
        var page = first.ItemPage("every-field");
        var second = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Fixture.Settings, first);
        Assert.Same(page, second.ItemPage("every-field"));
    }

    static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    static FeedSnapshot Snapshot(int count, int maxItems, FeedSnapshot? previous = null, string tags = "[a]") =>
        FeedSnapshot.Build(Publication.Select(Enumerable.Range(1, count).Select(n => Parse.Item($"2024-01-{n:D2}-item-{n}.md", $"---\ntags: {(n % 2 == 0 ? tags : "[b]")}\n---\nStory {n}.\n")),
            Fixture.Now), Parse.Settings with { MaxItems = maxItems }, previous);

    static System.ServiceModel.Syndication.SyndicationFeed Atom(FeedSnapshot snapshot, string path) =>
        System.ServiceModel.Syndication.SyndicationFeed.Load(System.Xml.XmlReader.Create(new MemoryStream(snapshot.Document(path)!.Identity.Body)));

    [Fact]
    public void Following_prev_archive_from_the_feed_meets_every_item_and_no_page_repeats_one()
    {
        var snapshot = Snapshot(11, 3);
        var seen = new List<string>();
        var feed = Atom(snapshot, FeedSnapshot.AtomPath);
        var current = feed.Items.Select(i => i.Id).ToList();
        var archived = new List<string>();
        for (var link = feed.Links.SingleOrDefault(l => l.RelationshipType == "prev-archive"); link is not null;)
        {
            var page = Atom(snapshot, link.Uri.AbsolutePath);
            Assert.Contains(page.ElementExtensions, e => e.OuterName == "archive" && e.OuterNamespace == FeedBuilder.HistoryNamespace);
            Assert.Equal("https://news.example.com/atom.xml", page.Links.Single(l => l.RelationshipType == "current").Uri.AbsoluteUri);
            archived.AddRange(page.Items.Select(i => i.Id));
            link = page.Links.SingleOrDefault(l => l.RelationshipType == "prev-archive");
        }
        Assert.Equal(archived.Count, archived.Distinct().Count());
        Assert.Equal(snapshot.Items.Select(i => i.Id).Order(), current.Union(archived).Order());
        Assert.Equal(3, snapshot.ArchivePageCount);
        Assert.True(snapshot.Document("/archive/1.xml")!.IsArchived);
        Assert.Equal("https://news.example.com/archive/2.xml", Atom(snapshot, "/archive/1.xml").Links.Single(l => l.RelationshipType == "next-archive").Uri.AbsoluteUri);
        Assert.DoesNotContain(Atom(snapshot, "/archive/3.xml").Links, l => l.RelationshipType == "next-archive");
    }

    [Fact]
    public void Tag_feeds_hold_only_their_tags_items_newest_first_capped()
    {
        var snapshot = Snapshot(9, 3);
        var tagged = Atom(snapshot, "/tags/a/atom.xml");
        Assert.Equal(["item-8", "item-6", "item-4"], tagged.Items.Select(i => i.Links[0].Uri.Segments[^1]));
        Assert.Equal("Feed: a", tagged.Title.Text);
        Assert.Equal("https://news.example.com/tags/a/atom.xml", tagged.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
        Assert.NotNull(snapshot.Document("/tags/b/feed.json"));
        Assert.Contains("https://news.example.com/tags/a/feed.xml", System.Text.Encoding.UTF8.GetString(snapshot.Document("/tags/a")!.Identity.Body));
        Assert.Null(snapshot.Document("/tags/c/feed.xml"));
    }

    [Fact]
    public void A_change_rebuilds_only_the_documents_that_show_it()
    {
        var first = Snapshot(9, 3);
        var publication = Publication.Select(first.Items.Select(i => i.Slug == "item-9" ? i with { Title = "Edited" } : i), Fixture.Now);
        var second = FeedSnapshot.Build(publication, Parse.Settings with { MaxItems = 3 }, first);
        Assert.NotSame(first.Document("/feed.xml"), second.Document("/feed.xml"));
        Assert.NotSame(first.Document("/tags/b/feed.xml"), second.Document("/tags/b/feed.xml")); // item 9 is tagged b
        Assert.Same(first.Document("/tags/a/feed.xml"), second.Document("/tags/a/feed.xml"));
        Assert.Same(first.Document("/archive/1.xml"), second.Document("/archive/1.xml"));
    }

    [Fact]
    public void A_snapshot_does_not_keep_the_one_before_it_alive()
    {
        var (weak, current) = BuildTwo();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive, "the replaced snapshot is still reachable from the new one");
        Assert.NotNull(current.Document("/tags/a/feed.xml")); // not rendered until now, and still renders
        Assert.NotEmpty(current.Document("/tags/a/feed.xml")!.Identity.Body);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static (WeakReference, FeedSnapshot) BuildTwo()
    {
        var first = Snapshot(9, 3);
        var publication = Publication.Select(first.Items.Select(i => i.Slug == "item-9" ? i with { Title = "Edited" } : i), Fixture.Now);
        return (new WeakReference(first), FeedSnapshot.Build(publication, Parse.Settings with { MaxItems = 3 }, first));
    }
}
