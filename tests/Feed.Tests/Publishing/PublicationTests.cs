using Feed.Publishing;
namespace Feed.Tests.Publishing;

public class PublicationTests
{
    static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    static NewsItem Item(string path, string front) => Parse.Item(path, $"---\n{front}\n---\nText.\n");

    [Fact]
    public void Drafts_are_never_published()
    {
        var publication = Publication.Select([Item("2024-01-01-a.md", "draft: true"), Item("2024-01-01-b.md", "draft: false")], Now);
        Assert.Equal(["b"], publication.Items.Select(i => i.Slug));
    }

    [Fact]
    public void Future_items_wait_for_their_time_and_the_earliest_is_next()
    {
        var items = new[]
        {
            Item("a.md", "date: 2025-01-01T12:00:00Z"),
            Item("b.md", "date: 2025-01-01T12:00:01Z"),
            Item("c.md", "date: 2025-02-01"),
        };
        var publication = Publication.Select(items, Now);
        Assert.Equal(["a"], publication.Items.Select(i => i.Slug));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 12, 0, 1, TimeSpan.Zero), publication.NextScheduled);
        Assert.Equal(3, Publication.Select(items, Now.AddMonths(2)).Items.Count);
    }

    [Fact]
    public void Newest_first_by_published_date_then_id()
    {
        var items = new[]
        {
            Item("2024-01-01-old.md", ""),
            Item("x.md", "date: 2024-03-01\nid: tag:x,2024:b"),
            Item("y.md", "date: 2024-03-01\nid: tag:x,2024:a"),
            Item("2024-02-01-middle.md", ""),
        };
        Assert.Equal(["y", "x", "middle", "old"], Publication.Select(items, Now).Items.Select(i => i.Slug));
    }

    [Fact]
    public void Two_items_with_one_id_both_reported_and_the_newer_wins()
    {
        var older = Item("a.md", "date: 2024-01-01\nid: urn:x:1\ntitle: Older");
        var newer = Item("b.md", "date: 2024-01-01\nupdated: 2024-01-05\nid: urn:x:1\ntitle: Newer");
        var other = Item("c.md", "date: 2024-01-02");
        var publication = Publication.Select([newer, older, other], Now);
        Assert.Equal(["c", "b"], publication.Items.Select(i => i.Slug));
        Assert.Equal(["a.md", "b.md"], publication.Problems.Select(p => p.Path).Order());
        Assert.All(publication.Problems, p => Assert.Contains("same id 'urn:x:1'", p.Message));
        Assert.Equal(publication.Items, Publication.Select([older, newer, other], Now).Items);
    }

    [Fact]
    public void Same_name_in_two_folders_is_two_stories_and_neither_url_depends_on_the_other()
    {
        var here = Item("2024-01-02-budget.md", "");
        var there = Item("desk2/2024-01-02-budget.md", "");
        var publication = Publication.Select([there, here], Now);
        Assert.Equal(["/2024/01/02/budget", "/2024/01/02/desk2/budget"], publication.Items.Select(i => i.PagePath).Order(StringComparer.Ordinal));
        Assert.Equal(2, publication.Items.Select(i => i.Id).Distinct().Count());
        Assert.Empty(publication.Problems);
        Assert.Equal(here.PagePath, Publication.Select([here], Now).Items[0].PagePath);
    }

    [Fact]
    public void An_older_story_with_the_same_name_moves_no_url()
    {
        var today = Item("desk2/budget.md", "date: 2026-11-28");
        var before = Publication.Select([today], Now.AddYears(5)).Items.Single();
        var after = Publication.Select([today, Item("y2025/budget.md", "date: 2025-11-28")], Now.AddYears(5)).Items.Single(i => i.SourcePath == "desk2/budget.md");
        Assert.Equal(before.PageUrl, after.PageUrl);
        Assert.Equal(before.Id, after.Id);
    }

    [Fact]
    public void Names_that_differ_only_in_case_or_extension_are_both_published_the_second_by_path_renamed()
    {
        var first = Item("2024-01-02-Same.md", "");
        var second = Item("2024-01-02-same.markdown", "");
        var publication = Publication.Select([second, first], Now);
        Assert.Equal(["/2024/01/02/same", "/2024/01/02/same-2"], publication.Items.Select(i => i.PagePath).Order(StringComparer.Ordinal));
        Assert.Equal("tag:news.example.com,2024-01-02:same-2", publication.Items.Single(i => i.SourcePath == "2024-01-02-same.markdown").Id);
        var warning = Assert.Single(publication.Problems);
        Assert.Equal("2024-01-02-same.markdown", warning.Path);
        Assert.Contains("its page is /2024/01/02/same-2", warning.Message);
        Assert.Equal(publication.Items, Publication.Select([first, second], Now).Items);
    }

    [Fact]
    public void Expired_items_leave_at_their_time_and_the_expiry_wakes_the_service()
    {
        var items = new[]
        {
            Item("2024-01-01-a.md", "expires: 2025-01-01T12:00:00Z"),
            Item("2024-01-01-b.md", "expires: 2025-01-02T00:00:00Z"),
            Item("2024-01-01-c.md", ""),
        };
        var publication = Publication.Select(items, Now);
        Assert.Equal(["b", "c"], publication.Items.Select(i => i.Slug).Order());
        Assert.Equal(["a"], publication.Expired.Select(i => i.Slug));
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero), publication.NextScheduled);
        Assert.Equal(["c"], Publication.Select(items, Now.AddDays(1)).Items.Select(i => i.Slug));
        Assert.Null(Publication.Select(items, Now.AddDays(1)).NextScheduled);
    }

    [Fact]
    public void Next_scheduled_is_the_earlier_of_an_expiry_and_a_held_item()
    {
        var items = new[] { Item("a.md", "date: 2025-03-01"), Item("2024-01-01-b.md", "expires: 2025-02-01") };
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), Publication.Select(items, Now).NextScheduled);
    }

    [Fact]
    public void Held_drafts_and_expired_items_are_listed_for_the_desk()
    {
        var publication = Publication.Select(
            [Item("a.md", "date: 2025-03-01"), Item("2024-01-01-b.md", "draft: true"), Item("2024-01-01-c.md", "expires: 2024-06-01")], Now);
        Assert.Empty(publication.Items);
        Assert.Equal(["a.md"], publication.Scheduled.Select(i => i.SourcePath));
        Assert.Equal(["2024-01-01-b.md"], publication.Drafts.Select(i => i.SourcePath));
        Assert.Equal(["2024-01-01-c.md"], publication.Expired.Select(i => i.SourcePath));
    }
}
