using System.Xml.Linq;
using Feed.Documents;
using Feed.Formats.Syndication;
using Feed.Publishing;
using Feed.Site;
namespace Feed.Tests.Documents;

public class FeedSnapshotTests
{
    [Theory]
    [InlineData(SitePaths.Rss, "feed.xml")]
    [InlineData(SitePaths.Atom, "atom.xml")]
    [InlineData(SitePaths.Json, "feed.json")]
    [InlineData(SitePaths.Index, "index.html")]
    public void Documents_match_their_golden_files(string path, string golden) =>
        Golden.Match(golden, Fixture.Snapshot().Document(path)!.Identity.Body);

    [Fact]
    public void Item_page_matches_its_golden_file() =>
        Golden.Match("every-field.html", Fixture.Snapshot().ItemPage("/2024/07/01/every-field")!.Identity.Body);

    [Fact]
    public void Same_folder_gives_the_same_bytes_and_etags()
    {
        var first = Fixture.Snapshot();
        var second = Fixture.Snapshot();
        foreach (var path in new[] { SitePaths.Rss, SitePaths.Atom, SitePaths.Json, SitePaths.Index })
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
        Assert.Equal(["world/wire-copy-with-forbidden-character", "derived-title", "every-field", "us-backs-operation-azm-e-istehkam"], slugs);
    }

    [Fact]
    public void Feeds_show_at_most_max_items_and_every_item_has_its_page()
    {
        var snapshot = FeedSnapshot.Build(Publication.Select(Fixture.Scan().Items, Fixture.Now), Fixture.Settings with { MaxItems = 2 });
        var json = System.Text.Json.JsonDocument.Parse(snapshot.Document(SitePaths.Json)!.Identity.Body);
        Assert.Equal(2, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.NotNull(snapshot.ItemPage("/2024/06/27/us-backs-operation-azm-e-istehkam")); // pages exist beyond the feed's cap
    }

    [Fact]
    public void Last_modified_is_the_folder_change_time_or_the_newest_story_coming_due_whichever_is_later()
    {
        var publication = Publication.Select(Fixture.Scan().Items, Fixture.Now);
        var changed = new DateTimeOffset(2024, 12, 1, 10, 0, 0, 300, TimeSpan.Zero);
        Assert.Equal(changed.AddMilliseconds(-300), FeedSnapshot.Build(publication, Fixture.Settings, changedAt: changed).LastModified);
        // A folder copied with old file times: the newest story's publication is the latest known change.
        Assert.Equal(publication.Items[0].Published, FeedSnapshot.Build(publication, Fixture.Settings, changedAt: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).LastModified);
        Assert.Equal("Sun, 01 Dec 2024 10:00:00 GMT", FeedSnapshot.Build(publication, Fixture.Settings, changedAt: changed).LastModifiedHeader);
    }

    [Fact]
    public void Last_modified_moves_forward_for_every_change_and_never_back()
    {
        var items = Fixture.Scan().Items;
        var changed = new DateTimeOffset(2024, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var first = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Fixture.Settings, changedAt: changed);
        // A correction within the same second: the next second, or libcurl's time condition would miss it.
        var edited = Publication.Select(items.Select(i => i.Slug == "every-field" ? i with { Title = "Corrected" } : i), Fixture.Now);
        var second = FeedSnapshot.Build(edited, Fixture.Settings, first, changed.AddMilliseconds(400));
        Assert.Equal(changed.AddSeconds(1), second.LastModified);
        // The newest story deleted: the evidence goes back, Last-Modified does not.
        var third = FeedSnapshot.Build(Publication.Select(items.Where(i => i.Slug != "wire-copy-with-forbidden-character"), Fixture.Now), Fixture.Settings, second, changed);
        Assert.Equal(changed.AddSeconds(2), third.LastModified);
        // Nothing changed: it stays.
        var fourth = FeedSnapshot.Build(Publication.Select(items.Where(i => i.Slug != "wire-copy-with-forbidden-character"), Fixture.Now), Fixture.Settings, third, changed);
        Assert.Equal(third.LastModified, fourth.LastModified);
    }

    [Fact]
    public void Empty_folder_gives_valid_empty_feeds_dated_at_the_epoch_not_now()
    {
        var snapshot = FeedSnapshot.Build(Publication.Select([], Fixture.Now), Fixture.Settings);
        var atom = System.ServiceModel.Syndication.SyndicationFeed.Load(System.Xml.XmlReader.Create(new MemoryStream(snapshot.Document(SitePaths.Atom)!.Identity.Body)));
        Assert.Empty(atom.Items);
        Assert.Equal(DateTimeOffset.UnixEpoch, atom.LastUpdatedTime);
        Assert.Null(snapshot.LastModified);
    }

    [Fact]
    public void Compressed_variants_decompress_to_the_same_bytes_and_have_their_own_etags()
    {
        var rss = Fixture.Snapshot().Document(SitePaths.Rss)!;
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
        var page = first.ItemPage("/2024/07/01/every-field");
        var second = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Fixture.Settings, first);
        Assert.Same(page, second.ItemPage("/2024/07/01/every-field"));
    }

    static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    static FeedSnapshot Snapshot(int count, int maxItems, FeedSnapshot? previous = null, string tags = "[a]") =>
        FeedSnapshot.Build(Publication.Select(Enumerable.Range(1, count).Select(n => Parse.Item($"2024-{1 + (n - 1) / 3:D2}-{n:D2}-item-{n}.md", $"---\ntags: {(n % 2 == 0 ? tags : "[b]")}\n---\nStory {n}.\n")),
            Fixture.Now), Parse.Settings with { MaxItems = maxItems }, previous);

    static System.ServiceModel.Syndication.SyndicationFeed Atom(FeedSnapshot snapshot, string path) =>
        System.ServiceModel.Syndication.SyndicationFeed.Load(System.Xml.XmlReader.Create(new MemoryStream(snapshot.Document(path)!.Identity.Body)));

    [Fact]
    public void Following_prev_archive_from_the_feed_meets_every_item_and_no_page_repeats_one()
    {
        var snapshot = Snapshot(11, 3);
        var seen = new List<string>();
        var feed = Atom(snapshot, SitePaths.Atom);
        var current = feed.Items.Select(i => i.Id).ToList();
        var archived = new List<string>();
        string? cameFrom = null;
        for (var link = feed.Links.SingleOrDefault(l => l.RelationshipType == "prev-archive"); link is not null;)
        {
            var page = Atom(snapshot, link.Uri.AbsolutePath);
            // The current month (Fixture.Now is 2025-01-01) keeps growing: a page, not an archive.
            var isArchive = page.ElementExtensions.Any(e => e.OuterName == "archive" && e.OuterNamespace == FeedBuilder.HistoryNamespace);
            Assert.Equal(link.Uri.AbsolutePath != "/archive/2025/01.xml", isArchive);
            Assert.Equal("https://news.example.com/atom.xml", page.Links.Single(l => l.RelationshipType == "current").Uri.AbsoluteUri);
            Assert.Equal(cameFrom, page.Links.SingleOrDefault(l => l.RelationshipType == "next-archive")?.Uri.AbsolutePath);
            archived.AddRange(page.Items.Select(i => i.Id));
            cameFrom = link.Uri.AbsolutePath;
            link = page.Links.SingleOrDefault(l => l.RelationshipType == "prev-archive");
        }
        Assert.Equal(archived.Count, archived.Distinct().Count());
        Assert.Equal(snapshot.Items.Select(i => i.Id).Order(), current.Union(archived).Order());
        Assert.Equal(13, snapshot.DocumentPaths.Count(p => p.StartsWith("/archive/", StringComparison.Ordinal) && p.EndsWith(".xml", StringComparison.Ordinal)));
        Assert.Equal("https://news.example.com/archive/2024/03.xml", Atom(snapshot, "/archive/2024/04.xml").Links.Single(l => l.RelationshipType == "prev-archive").Uri.AbsoluteUri);
        Assert.DoesNotContain(Atom(snapshot, "/archive/2024/01.xml").Links, l => l.RelationshipType is "prev-archive");
        Assert.Equal("/archive/2024/01.xml", cameFrom);
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
        Assert.Same(first.Document("/archive/2024/01.xml"), second.Document("/archive/2024/01.xml"));
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

    [Fact]
    public void Item_urls_of_earlier_versions_lead_to_the_same_stories()
    {
        var older = Parse.Item("2024-01-01-same.md", "---\ntitle: Older\n---\nText.\n");
        var newer = Parse.Item("world/2024-10-13-same.md", "---\ntitle: Newer\ndate: 2024-10-13T09:00:00+05:00\n---\nText.\n");
        var snapshot = FeedSnapshot.Build(Publication.Select([newer, older], Fixture.Now), Parse.Settings);
        // Earlier versions gave the oldest the plain /items/same and the newer /items/same-2024-10-13.
        Assert.Equal("Older", snapshot.ItemByLegacySlug("same")!.Title);
        Assert.Equal("Newer", snapshot.ItemByLegacySlug("same-2024-10-13")!.Title);
        Assert.Null(snapshot.ItemByLegacySlug("same-2024-10-14"));
        Assert.Null(snapshot.ItemByLegacySlug("other"));
    }

    [Fact]
    public void Dated_item_urls_of_earlier_versions_are_found_in_any_letter_case_as_plain_ones_are()
    {
        var older = Parse.Item("2024-01-01-same.md", "---\ntitle: Older\n---\nText.\n");
        var newer = Parse.Item("world/2024-10-13-same.md", "---\ntitle: Newer\ndate: 2024-10-13T09:00:00+05:00\n---\nText.\n");
        var snapshot = FeedSnapshot.Build(Publication.Select([newer, older], Fixture.Now), Parse.Settings);
        Assert.Equal("Older", snapshot.ItemByLegacySlug("SAME")!.Title);
        Assert.Equal("Newer", snapshot.ItemByLegacySlug("Same-2024-10-13")!.Title);
        Assert.Null(snapshot.ItemByLegacySlug("same-2024-13-45"));
        Assert.Null(snapshot.ItemByLegacySlug("-2024-10-13"));
    }

    [Fact]
    public void A_new_story_rebuilds_the_index_tags_and_sitemap_but_no_numbered_page()
    {
        static NewsItem Story(int i) => Parse.Item($"2024-01-{i:D2}-story-{i}.md", $"---\ntitle: Story {i}\ntags: [world]\n---\nText.\n");
        var settings = Fixture.Settings with { MaxItems = 2 };
        var stories = Enumerable.Range(1, 6).Select(Story).ToList(); // the same items, as a rescan keeps unchanged files' items
        var before = FeedSnapshot.Build(Publication.Select(stories.Take(5), Fixture.Now), settings);
        var after = FeedSnapshot.Build(Publication.Select(stories, Fixture.Now), settings, before);
        var changed = after.ChangedSince(before).ToHashSet();
        Assert.Contains("/", changed);
        Assert.Contains("/tags", changed);
        Assert.Contains("/sitemap.xml", changed);
        Assert.DoesNotContain("/page/1", changed);
        Assert.DoesNotContain("/page/2", changed);
        Assert.DoesNotContain("/tags/world/page/1", changed);
    }

    [Fact]
    public void Past_the_url_limit_the_sitemap_is_an_index_of_parts_that_list_every_page_once()
    {
        var stories = Enumerable.Range(1, 25).Select(i => Parse.Item($"2024-01-{i:D2}-s-{i}.md", $"---\ntitle: S {i}\n---\nText.\n")).ToList();
        // The protocol's limit is 50,000 URLs a file; 10 here: 25 stories, the index, /tags, /authors, /sections, /feeds and 4 numbered pages of 5.
        var snapshot = FeedSnapshot.Build(Publication.Select(stories, Fixture.Now), Fixture.Settings with { MaxItems = 5, MaxSitemapUrls = 10 });
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        static XDocument Load(Representation document) => XDocument.Parse(System.Text.Encoding.UTF8.GetString(document.Identity.Body));
        var index = Load(snapshot.Document("/sitemap.xml")!);
        Assert.Equal("sitemapindex", index.Root!.Name.LocalName);
        var parts = index.Root.Elements(ns + "sitemap").Select(s => new Uri(s.Element(ns + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/sitemap/1.xml", "/sitemap/2.xml", "/sitemap/3.xml", "/sitemap/4.xml"], parts);
        var urls = parts.SelectMany(p => Load(snapshot.Document(p)!).Root!.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value)).ToList();
        Assert.All(parts, p => Assert.True(Load(snapshot.Document(p)!).Root!.Elements(ns + "url").Count() <= 10));
        Assert.Equal(urls.Count, urls.Distinct().Count());
        Assert.Equal(25 + 5 + 4, urls.Count);
    }

    [Fact]
    public void A_start_within_two_seconds_of_a_change_takes_the_next_second_a_later_start_the_folder_time()
    {
        var publication = Publication.Select(Fixture.Scan().Items, Fixture.Now);
        var changed = new DateTimeOffset(2024, 12, 1, 10, 0, 0, 400, TimeSpan.Zero);
        // The process before may have published this second for the bytes before a change made while it was down.
        Assert.Equal(changed.AddMilliseconds(-400).AddSeconds(1),
            FeedSnapshot.Build(publication, Fixture.Settings, changedAt: changed, startedAt: changed.AddMilliseconds(500)).LastModified);
        // Long after the last change, a restart gives the same Last-Modified as before it.
        Assert.Equal(changed.AddMilliseconds(-400),
            FeedSnapshot.Build(publication, Fixture.Settings, changedAt: changed, startedAt: changed.AddMinutes(5)).LastModified);
    }

    // The ledger keeps Last-Modified by this fingerprint: a setting that changes the bytes must change it.
    [Fact]
    public void A_second_hub_changes_the_fingerprint_as_it_changes_the_bytes()
    {
        var publication = Publication.Select(Fixture.Scan().Items, Fixture.Now);
        var one = Fixture.Settings with { WebSubHubs = [new Uri("https://hub.example.com/")] };
        var two = Fixture.Settings with { WebSubHubs = [new Uri("https://hub.example.com/"), new Uri("https://hub2.example.com/")] };
        Assert.NotEqual(FeedSnapshot.Build(publication, one).Fingerprint, FeedSnapshot.Build(publication, two).Fingerprint);
        Assert.Equal(FeedSnapshot.Build(publication, one).Fingerprint, FeedSnapshot.Build(publication, one).Fingerprint);
    }
}
