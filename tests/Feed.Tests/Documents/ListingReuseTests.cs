using Feed.Documents;
using Feed.Publishing;

namespace Feed.Tests.Documents;

/// <summary>
/// A tag, author or section whose stories did not change keeps its documents from the previous
/// snapshot; these pin the cases where the same stories must still give other documents.
/// </summary>
public sealed class ListingReuseTests
{
    static readonly FeedSettings Settings = Parse.Settings with { MaxItems = 2, RecentWindow = TimeSpan.FromHours(1) };
    static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    static NewsItem Story(int day, DateTimeOffset noticed) =>
        Parse.Item($"story-{day}.md", $"---\ntitle: Story {day}\ndate: 2025-05-{day:D2}T08:00:00Z\ntags: [Weather]\nauthor: Ada Byline\n---\nText {day}.\n",
            Settings) with
        { Noticed = noticed };

    [Fact]
    public void A_tag_feed_drops_a_recent_story_when_the_window_passes_though_no_story_changed()
    {
        // The oldest story was noticed half an hour ago: the tag's feed carries it past its newest two, for the window's hour.
        NewsItem[] items = [Story(4, Now.AddDays(-5)), Story(3, Now.AddDays(-5)), Story(2, Now.AddDays(-5)), Story(1, Now.AddMinutes(-30))];
        var first = FeedSnapshot.Build(Publication.Select(items, Now), Settings);
        var later = Now.AddHours(2);
        var incremental = FeedSnapshot.Build(Publication.Select(items, later), Settings, first);
        var scratch = FeedSnapshot.Build(Publication.Select(items, later), Settings);

        Assert.Contains("Story 1", Text(first, "/tags/weather/feed.json"));
        Assert.DoesNotContain("Story 1", Text(scratch, "/tags/weather/feed.json"));
        foreach (var path in scratch.DocumentPaths)
            Assert.True(scratch.Document(path)!.Identity.Body.AsSpan().SequenceEqual(incremental.Document(path)!.Identity.Body), path);
    }

    [Fact]
    public void A_listing_whose_stories_did_not_change_keeps_its_documents_by_reference()
    {
        NewsItem[] items = [Story(4, Now.AddDays(-5)), Story(3, Now.AddDays(-5))];
        var first = FeedSnapshot.Build(Publication.Select(items, Now), Settings);
        var second = FeedSnapshot.Build(Publication.Select(items, Now.AddMinutes(1)), Settings, first);

        Assert.Empty(second.ChangedSince(first));
    }

    static string Text(FeedSnapshot snapshot, string path) => System.Text.Encoding.UTF8.GetString(snapshot.Document(path)!.Identity.Body);
}
