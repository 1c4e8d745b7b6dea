using Feed.Publishing;
namespace Feed.Tests.Publishing;

public class ArchivePagesTests
{
    static IReadOnlyList<NewsItem> NewestFirst(params string[] dates) =>
        Publication.Select(dates.Select(d => Parse.Item($"{d}-item-{d}.md", $"Story of {d}.")),
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).Items;

    [Fact]
    public void Every_month_from_the_oldest_to_the_newest_story_has_a_page_empty_ones_included()
    {
        var pages = ArchivePages.From(NewestFirst("2024-01-05", "2024-01-20", "2024-03-02"));
        Assert.Equal(["/archive/2024/01.xml", "/archive/2024/02.xml", "/archive/2024/03.xml"], pages.Select(p => p.Path));
        Assert.Equal(["item-2024-01-20", "item-2024-01-05"], pages[0].Items.Select(i => i.Slug));
        Assert.Empty(pages[1].Items);
        Assert.Equal([null, "/archive/2024/01.xml", "/archive/2024/02.xml"], pages.Select(p => p.PreviousPath));
    }

    [Fact]
    public void A_back_dated_story_changes_only_the_page_of_its_month()
    {
        var before = ArchivePages.From(NewestFirst("2024-01-05", "2024-03-02", "2024-04-10"));
        var after = ArchivePages.From(NewestFirst("2024-01-05", "2024-03-02", "2024-04-10", "2024-02-14"));
        Assert.Equal(before.Select(p => (p.Path, p.PreviousPath)), after.Select(p => (p.Path, p.PreviousPath)));
        var changed = before.Zip(after).Where(p => !p.First.Items.Select(i => i.Id).SequenceEqual(p.Second.Items.Select(i => i.Id))).Select(p => p.First.Path);
        Assert.Equal(["/archive/2024/02.xml"], changed);
    }

    [Fact]
    public void A_story_in_a_new_month_adds_a_page_and_changes_no_other()
    {
        var before = ArchivePages.From(NewestFirst("2024-01-05", "2024-02-02"));
        var after = ArchivePages.From(NewestFirst("2024-01-05", "2024-02-02", "2024-03-09"));
        Assert.Equal(before.Select(p => (p.Path, p.PreviousPath, string.Join(",", p.Items.Select(i => i.Id)))),
            after.Take(2).Select(p => (p.Path, p.PreviousPath, string.Join(",", p.Items.Select(i => i.Id)))));
        Assert.Equal("/archive/2024/02.xml", after[2].PreviousPath);
    }

    [Fact]
    public void A_month_is_the_utc_month_of_the_published_instant()
    {
        var items = Publication.Select([Parse.Item("late.md", "---\ndate: 2024-02-01T02:00:00+05:00\n---\nLate January in UTC.\n")], DateTimeOffset.MaxValue).Items;
        Assert.Equal("/archive/2024/01.xml", Assert.Single(ArchivePages.From(items)).Path);
    }

    [Fact]
    public void No_stories_make_no_archive() => Assert.Empty(ArchivePages.From([]));
}
