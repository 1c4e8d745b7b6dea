using System.Text;
using Feed.Documents;
using Feed.Publishing;

namespace Feed.Tests.Documents;

/// <summary>Item pages outside the main feeds live in a cache bounded by bytes; the main feeds' stay rendered.</summary>
public class ItemPageCacheTests
{
    static readonly FeedSettings Settings = Parse.Settings with { MaxItems = 3 };

    static List<NewsItem> Items(int count) =>
        [.. Enumerable.Range(1, count).Select(n => Parse.Item($"2024-{1 + n % 12:D2}-{1 + n % 28:D2}-story-{n}.md",
            $"---\ntitle: Story {n}\nsummary: About {n}.\ntags: [t{n % 5}]\n---\n# Story {n}\n\n{new string('x', 3_000)} *{n}*.\n"))];

    // Every page, each asked for `times` in a row (twice: a reader who comes back, so it is held).
    static FeedSnapshot Crawl(List<NewsItem> items, RenderCache cache, FeedSnapshot? previous = null, int times = 2)
    {
        var snapshot = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Settings, previous, cache: cache);
        foreach (var item in snapshot.Items)
        {
            for (var i = 0; i < times; i++)
                Assert.NotNull(snapshot.ItemPage(item.PagePath));
        }
        return snapshot;
    }

    [Fact]
    public void A_crawl_of_every_page_keeps_the_cache_under_its_bound()
    {
        var cache = new RenderCache(100_000);
        Crawl(Items(200), cache);
        Assert.True(cache.Bytes <= cache.Limit, $"{cache.Bytes:N0} bytes held over a bound of {cache.Limit:N0}");
        Assert.True(cache.Evictions > 100, $"{cache.Evictions} evictions");
    }

    [Fact]
    public void A_crawler_that_asks_for_each_page_once_a_walk_leaves_the_pages_unheld()
    {
        // Two walks over more pages than the cache remembers first requests for (64 marks here):
        // each page is rendered, sent and dropped, so it dies young instead of in the cache.
        var cache = new RenderCache(100_000);
        var items = Items(1_000);
        var snapshot = Crawl(items, cache, times: 1);
        Crawl(items, cache, snapshot, times: 1);
        Assert.True(cache.Count < 20, $"{cache.Count} pages held of {items.Count}");
        Assert.True(cache.Bytes <= cache.Limit, $"{cache.Bytes:N0} bytes held over a bound of {cache.Limit:N0}");
    }

    [Fact]
    public void A_page_dropped_from_the_cache_comes_back_with_the_same_bytes_and_ETag()
    {
        var cache = new RenderCache(100_000);
        var items = Items(200);
        var snapshot = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Settings, cache: cache);
        var oldest = snapshot.Items[^1].PagePath;
        _ = snapshot.ItemPage(oldest);
        var first = snapshot.ItemPage(oldest)!; // asked for again: held
        var firstGzip = first.GzipVariant;
        Assert.Same(first, snapshot.ItemPage(oldest));
        foreach (var item in snapshot.Items.Take(snapshot.Items.Count - 1))
        {
            _ = snapshot.ItemPage(item.PagePath);
            _ = snapshot.ItemPage(item.PagePath);
        }

        var again = snapshot.ItemPage(oldest)!;
        Assert.NotSame(first, again); // it was dropped, and rendered again
        Assert.Equal(first.Identity.ETag, again.Identity.ETag);
        Assert.Equal(first.Identity.Body, again.Identity.Body);
        Assert.Equal(firstGzip.ETag, again.GzipVariant.ETag);
    }

    [Fact]
    public void Pages_and_bodies_of_the_main_feeds_stories_stay_rendered()
    {
        var cache = new RenderCache(100_000);
        var items = Items(200);
        var snapshot = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Settings, cache: cache);
        var newest = snapshot.Items.Take(Settings.MaxItems).Select(i => snapshot.ItemPage(i.PagePath)).ToList();
        Crawl(items, cache, snapshot);
        var later = snapshot.Items.Take(Settings.MaxItems).Select(i => snapshot.ItemPage(i.PagePath)).ToList();
        Assert.Equal(newest.Count, later.Count);
        Assert.All(newest.Zip(later), pair => Assert.Same(pair.First, pair.Second));
        Assert.All(snapshot.Items.Take(Settings.MaxItems), item => Assert.True(item.Body.IsKept));
        Assert.All(snapshot.Items.Skip(Settings.MaxItems), item => Assert.False(item.Body.IsKept));
    }

    [Fact]
    public void An_edited_story_never_gets_the_page_of_its_earlier_version()
    {
        var cache = new RenderCache(10_000_000);
        var items = Items(20);
        var first = Crawl(items, cache);
        var oldest = first.Items[^1];
        Assert.Contains("Story", Encoding.UTF8.GetString(first.ItemPage(oldest.PagePath)!.Identity.Body), StringComparison.Ordinal);

        items[items.IndexOf(oldest)] = oldest with { Title = "Corrected headline" };
        var second = Crawl(items, cache, first);
        Assert.Contains("Corrected headline", Encoding.UTF8.GetString(second.ItemPage(oldest.PagePath)!.Identity.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_that_leaves_the_main_feeds_gives_its_body_back_to_the_bound()
    {
        var items = Items(6);
        var first = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Settings);
        var kept = first.Items.Take(Settings.MaxItems).ToList();
        Assert.All(kept, item => Assert.True(item.Body.IsKept));

        var newer = Enumerable.Range(1, 3).Select(n => Parse.Item($"2024-12-{20 + n}-late-{n}.md", $"---\ntitle: Late {n}\nsummary: Late.\n---\nText {n}.\n"));
        var second = FeedSnapshot.Build(Publication.Select(items.Concat(newer), Fixture.Now), Settings, first);
        Assert.All(kept, item => Assert.False(item.Body.IsKept));
        Assert.All(second.Items.Take(Settings.MaxItems), item => Assert.True(item.Body.IsKept));
        // Still shown, rendered again when asked for.
        Assert.All(kept, item => Assert.Contains("<p>", item.RenderContent(), StringComparison.Ordinal));
    }
}
