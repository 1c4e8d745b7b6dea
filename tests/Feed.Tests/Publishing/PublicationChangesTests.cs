using Feed.Publishing;
namespace Feed.Tests.Publishing;

/// <summary>What the desk is told between two builds: held once, out once, expired once, drafts once.</summary>
public class PublicationChangesTests
{
    static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    static NewsItem Item(string path, string front) => Parse.Item(path, $"---\n{front}\n---\nText.\n");

    static readonly NewsItem Scheduled = Item("scheduled.md", "date: 2025-01-01T13:00:00Z");
    static readonly NewsItem Expiring = Item("expiring.md", "date: 2024-12-01\nexpires: 2025-01-01T14:00:00Z");
    static readonly NewsItem Draft = Item("draft.md", "date: 2024-12-01\ndraft: true");
    static readonly NewsItem[] All = [Scheduled, Expiring, Draft];

    static List<string> Paths(IEnumerable<NewsItem> items) => items.Select(i => i.SourcePath).ToList();

    [Fact]
    public void First_build_tells_held_stories_and_drafts_but_no_old_expiry()
    {
        var changes = PublicationChanges.Between(null, Publication.Select([.. All, Item("old.md", "date: 2024-01-01\nexpires: 2024-02-01")], Now));
        Assert.Equal(["scheduled.md"], Paths(changes.Held));
        Assert.Equal(["draft.md"], Paths(changes.Drafts));
        Assert.Empty(changes.WentOut);
        Assert.Empty(changes.Expired);
    }

    [Fact]
    public void A_held_story_is_told_once_then_when_it_goes_out_then_when_it_expires()
    {
        var first = Publication.Select(All, Now);
        var again = Publication.Select(All, Now.AddMinutes(30));
        var quiet = PublicationChanges.Between(first, again);
        Assert.Empty(quiet.Held.Concat(quiet.WentOut).Concat(quiet.Expired).Concat(quiet.Drafts));

        var published = Publication.Select(All, Now.AddHours(1));
        var wentOut = PublicationChanges.Between(again, published);
        Assert.Equal(["scheduled.md"], Paths(wentOut.WentOut));
        Assert.Empty(wentOut.Held);

        var expired = PublicationChanges.Between(published, Publication.Select(All, Now.AddHours(2)));
        Assert.Equal(["expiring.md"], Paths(expired.Expired));
        Assert.Empty(expired.WentOut);
    }

    [Fact]
    public void Moving_a_held_story_to_another_time_tells_the_new_time()
    {
        var before = Publication.Select(All, Now);
        var moved = Item("scheduled.md", "date: 2025-01-01T15:00:00Z");
        var changes = PublicationChanges.Between(before, Publication.Select([moved, Expiring, Draft], Now));
        Assert.Equal([moved.Published], changes.Held.Select(i => i.Published));
    }
}
