using System.Text;
using Feed.Items;
using Feed.Ledger;

namespace Feed.Tests.Ledger;

/// <summary>Identity is assigned once and remembered (docs/items.md, "Identity"): renames, date fixes and namesakes.</summary>
public class StoryIdentitiesTests
{
    static readonly DateTimeOffset Morning = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Afternoon = Morning.AddHours(7);

    readonly LedgerMemory _memory = new();
    readonly StoryIdentities _identities = new(Parse.Settings);

    static NewsItem File(string path, string text, DateTimeOffset? seenAt = null) =>
        ItemParser.Parse(new ItemSource(path, Encoding.UTF8.GetBytes(text), seenAt ?? Parse.FileTime), Parse.Settings).Item!;

    // As the feed service does: assign, then record the publication (the first one is the baseline).
    IReadOnlyList<NewsItem> Scan(DateTimeOffset now, params NewsItem[] files)
    {
        var assigned = _identities.Assign(files, _memory, now);
        _memory.Published((ulong)now.UtcTicks, now);
        return assigned;
    }

    [Fact]
    public void A_later_namesake_gets_the_suffix_not_the_earlier_story()
    {
        var wire = File("storm.txt", "date 2026-12-04\n\nStorm hits the coast.\n");
        var first = Assert.Single(Scan(Morning, wire));
        Assert.Equal("/2026/12/04/storm", first.PagePath);

        // The desk's file sorts before the wire's ("storm.md" < "storm.txt"): it still comes second.
        var desk = File("storm.md", "---\ntitle: Storm\ndate: 2026-12-04T15:00:00Z\n---\nThe desk's story.\n");
        var second = Scan(Afternoon, desk, wire);
        Assert.Equal((first.Id, first.PagePath), (second[1].Id, second[1].PagePath));
        Assert.Equal("/2026/12/04/storm-2", second[0].PagePath);
        Assert.EndsWith(":storm-2", second[0].Id);
    }

    [Fact]
    public void A_renamed_file_keeps_its_id_and_page()
    {
        const string text = "---\ntitle: Budget debate\n---\nThe assembly debated the budget.\n";
        var before = Assert.Single(Scan(Morning, File("2026-12-03-budjet-debate.md", text)));
        var after = Assert.Single(Scan(Afternoon, File("2026-12-03-budget-debate.md", text)));
        Assert.Equal((before.Id, before.PagePath), (after.Id, after.PagePath));
        Assert.Equal("2026-12-03-budget-debate.md", _memory.Story(before.Id)!.SourcePath);
    }

    [Fact]
    public void A_file_moved_and_edited_at_once_is_found_by_its_title()
    {
        var before = Assert.Single(Scan(Morning, File("floods.md", "---\ntitle: Floods recede\ndate: 2026-12-03\n---\nWater levels fall.\n")));
        var after = Assert.Single(Scan(Afternoon, File("desk/floods.md", "---\ntitle: Floods recede\ndate: 2026-12-03\n---\nWater levels fall further.\n")));
        Assert.Equal((before.Id, before.PagePath), (after.Id, after.PagePath));
        Assert.Equal(Afternoon, after.Noticed); // an edit is news: it rides the recent window
    }

    [Fact]
    public void A_corrected_date_keeps_the_id_and_page_and_serves_the_new_date()
    {
        var before = Assert.Single(Scan(Morning, File("vote.md", "---\ntitle: Vote\ndate: 2026-12-03\n---\nText.\n")));
        var after = Assert.Single(Scan(Afternoon, File("vote.md", "---\ntitle: Vote\ndate: 2026-12-02\n---\nText.\n")));
        Assert.Equal((before.Id, before.PagePath), (after.Id, after.PagePath));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), after.Published);
    }

    [Fact]
    public void A_file_without_a_date_is_dated_when_first_published_not_when_read()
    {
        var first = Assert.Single(Scan(Morning, File("wire.txt", "Wire copy without a date.\n", seenAt: Morning)));
        // A checkout or a restart reads it again later: its date stays.
        var again = Assert.Single(Scan(Afternoon, File("wire.txt", "Wire copy without a date.\n", seenAt: Afternoon)));
        Assert.Equal(Morning, first.Published);
        Assert.Equal((first.Id, first.PagePath, Morning), (again.Id, again.PagePath, again.Published));
    }

    [Fact]
    public void A_deleted_story_is_gone_and_a_new_file_never_takes_its_page()
    {
        var story = Assert.Single(Scan(Morning, File("storm.md", "---\ntitle: Storm\ndate: 2026-12-04\n---\nA.\n")));
        Scan(Afternoon);
        Assert.Equal(Afternoon, _memory.Story(story.Id)!.GoneAt);
        Assert.True(_memory.UrlHistory([]).IsGone(story.PagePath));

        var other = Assert.Single(Scan(Afternoon.AddHours(1), File("storm.md", "---\ntitle: Another storm\ndate: 2026-12-04\n---\nB.\n")));
        // The same file back at its path is the same story, returned.
        Assert.Equal(story.PagePath, other.PagePath);
        Assert.Null(_memory.Story(story.Id)!.GoneAt);
    }

    [Fact]
    public void A_changed_own_slug_moves_the_page_and_the_old_one_redirects()
    {
        var before = Assert.Single(Scan(Morning, File("a.md", "---\ntitle: A\ndate: 2026-12-04\nslug: budjet\n---\nA.\n")));
        var after = Assert.Single(Scan(Afternoon, File("a.md", "---\ntitle: A\ndate: 2026-12-04\nslug: budget\n---\nA.\n")));
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("/2026/12/04/budget", after.PagePath);
        Assert.Equal(after.PagePath, _memory.UrlHistory([after]).MovedTo(before.PagePath));
    }

    [Fact]
    public void A_fresh_ledger_takes_what_it_finds_as_old_news_and_later_files_as_new()
    {
        var old = Assert.Single(Scan(Afternoon, File("old.md", "---\ntitle: Old\ndate: 2020-01-01\n---\nA.\n")));
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), old.Noticed);

        var late = Scan(Afternoon.AddHours(1), File("old.md", "---\ntitle: Old\ndate: 2020-01-01\n---\nA.\n"),
            File("late.md", "---\ntitle: Late\ndate: 2020-01-02\n---\nB.\n"));
        Assert.Equal(Afternoon.AddHours(1), late[1].Noticed);
    }

    [Fact]
    public void An_unchanged_file_keeps_the_same_item_instance()
    {
        var file = File("wire.txt", "Wire copy without a date.\n", seenAt: Morning);
        var first = Assert.Single(Scan(Morning, file));
        Assert.Same(first, Assert.Single(Scan(Afternoon, file)));
    }

    [Fact]
    public void A_draft_or_scheduled_file_is_not_remembered_until_it_is_published()
    {
        Scan(Morning, File("later.md", "---\ntitle: Later\ndate: 2026-12-04T12:00:00Z\n---\nA.\n"),
            File("draft.md", "---\ntitle: Draft\ndate: 2026-12-01\ndraft: true\n---\nB.\n"));
        Assert.Equal(0, _memory.Count);
        var due = Scan(Afternoon, File("later.md", "---\ntitle: Later\ndate: 2026-12-04T12:00:00Z\n---\nA.\n"));
        Assert.Equal(Afternoon, Assert.Single(due).Noticed);
    }

    [Fact]
    public void A_file_that_states_an_id_takes_over_its_story_and_every_page()
    {
        var before = Assert.Single(Scan(Morning, File("a.md", "---\ntitle: A\ndate: 2026-12-04\n---\nA.\n")));
        var after = Assert.Single(Scan(Afternoon, File("a.md", "---\ntitle: A\ndate: 2026-12-04\nid: urn:uuid:7d0e4a5c-1c1a-4c55-9a3b-4f0f3f4b9c11\n---\nA.\n")));
        Assert.Equal("urn:uuid:7d0e4a5c-1c1a-4c55-9a3b-4f0f3f4b9c11", after.Id);
        Assert.Equal(before.PagePath, after.PagePath);
        Assert.Null(_memory.Story(before.Id));
    }

    [Fact]
    public void Two_files_stating_one_id_give_it_to_the_newer_on_every_scan()
    {
        var older = File("a-older.md", "---\ntitle: Older\ndate: 2026-12-01\nid: urn:story:1\n---\nA.\n");
        var newer = File("z-newer.md", "---\ntitle: Newer\ndate: 2026-12-01\nupdated: 2026-12-02\nid: urn:story:1\n---\nB.\n");
        var first = Scan(Morning, older, newer);
        var second = Scan(Afternoon, older, newer);
        Assert.Equal(first.Select(i => i.PagePath), second.Select(i => i.PagePath));
        Assert.Equal("z-newer.md", _memory.Story("urn:story:1")!.SourcePath);
    }

    [Fact]
    public void A_file_that_states_an_id_takes_the_story_from_a_file_that_held_it_by_its_path()
    {
        // The story was stated in a.md, which then dropped the line: a.md held it by its path.
        var stated = Assert.Single(Scan(Morning, File("a.md", "---\ntitle: A\ndate: 2026-12-04\nid: urn:story:1\n---\nA.\n")));
        var held = Assert.Single(Scan(Morning.AddHours(1), File("a.md", "---\ntitle: A\ndate: 2026-12-04\n---\nA.\n")));
        Assert.Equal(("urn:story:1", stated.PagePath), (held.Id, held.PagePath));

        // The desk states it in another file, which sorts after a.md: the statement wins.
        var a = File("a.md", "---\ntitle: A\ndate: 2026-12-04\n---\nA.\n");
        var z = File("z.md", "---\ntitle: Z\ndate: 2026-12-04\nid: urn:story:1\n---\nZ.\n");
        var both = Scan(Afternoon, a, z);
        Assert.Equal(("urn:story:1", stated.PagePath), (both[1].Id, both[1].PagePath));
        Assert.NotEqual("urn:story:1", both[0].Id);
        Assert.NotEqual(stated.PagePath, both[0].PagePath);
        Assert.Equal("z.md", _memory.Story("urn:story:1")!.SourcePath);
        Assert.Equal("a.md", _memory.Story(both[0].Id)!.SourcePath);

        // Once the stating file is gone, a.md keeps the story it was given, on every scan.
        var after = Assert.Single(Scan(Afternoon.AddHours(1), a));
        Assert.Equal((both[0].Id, both[0].PagePath), (after.Id, after.PagePath));
        Assert.NotNull(_memory.Story("urn:story:1")!.GoneAt);
    }
}
