namespace Feed.Tests;

public class ArchivePagesTests
{
    static IReadOnlyList<NewsItem> NewestFirst(int count) =>
        Publication.Select(Enumerable.Range(1, count).Select(n => Parse.Item($"2024-01-{n:D2}-item-{n}.md", $"Story {n}.")),
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).Items;

    [Fact]
    public void Pages_are_full_and_counted_from_the_oldest()
    {
        var pages = ArchivePages.From(NewestFirst(7), 3);
        Assert.Equal(2, pages.Count);
        Assert.Equal(["item-3", "item-2", "item-1"], pages[0].Items.Select(i => i.Slug));
        Assert.Equal(["item-6", "item-5", "item-4"], pages[1].Items.Select(i => i.Slug));
        Assert.Equal("/archive/1.xml", pages[0].Path);
    }

    [Fact]
    public void A_new_item_never_changes_a_full_page()
    {
        var before = ArchivePages.From(NewestFirst(7), 3);
        var after = ArchivePages.From(NewestFirst(8), 3);
        Assert.Equal(before.Select(p => p.Items.Select(i => i.Id)), after.Select(p => p.Items.Select(i => i.Id)));
        Assert.Equal(3, ArchivePages.From(NewestFirst(9), 3).Count);
    }

    [Fact]
    public void Fewer_items_than_a_page_make_no_archive() => Assert.Empty(ArchivePages.From(NewestFirst(2), 3));
}
