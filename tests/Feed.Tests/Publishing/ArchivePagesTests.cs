using Feed.Publishing;
namespace Feed.Tests.Publishing;

public class ArchivePagesTests
{
    static readonly DateTimeOffset Now = new(2024, 5, 10, 12, 0, 0, TimeSpan.Zero);

    static IReadOnlyList<NewsItem> NewestFirst(params string[] dates) =>
        Publication.Select(dates.Select(d => Parse.Item($"{d}-item-{d}.md", $"Story of {d}.")), Now).Items;

    [Fact]
    public void Every_month_from_the_oldest_story_to_the_current_month_has_a_page_empty_ones_included()
    {
        var pages = ArchivePages.From(NewestFirst("2024-01-05", "2024-01-20", "2024-03-02"), Now);
        Assert.Equal(["/archive/2024/01.xml", "/archive/2024/02.xml", "/archive/2024/03.xml", "/archive/2024/04.xml", "/archive/2024/05.xml"],
            pages.Select(p => p.Path));
        Assert.Equal(["item-2024-01-20", "item-2024-01-05"], pages[0].Items.Select(i => i.Slug));
        Assert.Empty(pages[1].Items);
        Assert.Equal([null, "/archive/2024/01.xml", "/archive/2024/02.xml", "/archive/2024/03.xml", "/archive/2024/04.xml"], pages.Select(p => p.PreviousPath));
        Assert.Equal(["/archive/2024/02.xml", "/archive/2024/03.xml", "/archive/2024/04.xml", "/archive/2024/05.xml", null], pages.Select(p => p.NextPath));
    }

    [Fact]
    public void Only_months_that_are_over_are_archives()
    {
        var pages = ArchivePages.From(NewestFirst("2024-04-30", "2024-05-01"), Now);
        Assert.Equal([true, false], pages.Select(p => p.IsComplete));
        Assert.Equal(["item-2024-05-01"], pages[^1].Items.Select(i => i.Slug));
        var june = ArchivePages.From(NewestFirst("2024-04-30", "2024-05-01"), new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal([true, true, false], june.Select(p => p.IsComplete));
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), ArchivePages.MonthAfter(Now));
    }

    [Fact]
    public void An_empty_month_has_a_plausible_updated_never_in_the_future()
    {
        var pages = ArchivePages.From(NewestFirst("2024-02-05"), Now);
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 23, 59, 59, TimeSpan.Zero), pages[1].EmptyUpdated);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), pages[^1].EmptyUpdated);
        Assert.All(pages, p => Assert.True(p.EmptyUpdated <= Now));
    }

    [Fact]
    public void A_back_dated_story_changes_only_the_page_of_its_month()
    {
        var before = ArchivePages.From(NewestFirst("2024-01-05", "2024-03-02", "2024-04-10"), Now);
        var after = ArchivePages.From(NewestFirst("2024-01-05", "2024-03-02", "2024-04-10", "2024-02-14"), Now);
        Assert.Equal(before.Select(p => (p.Path, p.PreviousPath, p.NextPath)), after.Select(p => (p.Path, p.PreviousPath, p.NextPath)));
        var changed = before.Zip(after).Where(p => !p.First.Items.Select(i => i.Id).SequenceEqual(p.Second.Items.Select(i => i.Id))).Select(p => p.First.Path);
        Assert.Equal(["/archive/2024/02.xml"], changed);
    }

    [Fact]
    public void A_story_in_the_current_month_changes_no_archive()
    {
        var before = ArchivePages.From(NewestFirst("2024-01-05", "2024-02-02"), Now);
        var after = ArchivePages.From(NewestFirst("2024-01-05", "2024-02-02", "2024-05-09"), Now);
        Assert.Equal(before.SkipLast(1).Select(p => (p.Path, p.PreviousPath, p.NextPath, string.Join(",", p.Items.Select(i => i.Id)))),
            after.SkipLast(1).Select(p => (p.Path, p.PreviousPath, p.NextPath, string.Join(",", p.Items.Select(i => i.Id)))));
    }

    [Fact]
    public void A_month_is_the_utc_month_of_the_published_instant()
    {
        var items = Publication.Select([Parse.Item("late.md", "---\ndate: 2024-02-01T02:00:00+05:00\n---\nLate January in UTC.\n")], DateTimeOffset.MaxValue).Items;
        Assert.Equal("/archive/2024/01.xml", ArchivePages.From(items, new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero))[0].Path);
    }

    [Fact]
    public void No_stories_make_no_archive() => Assert.Empty(ArchivePages.From([], Now));
}
