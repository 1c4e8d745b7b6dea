using Feed.Publishing;

namespace Feed.Tests.Publishing;

/// <summary>Late and corrected stories reach subscribers: the newest MaxItems plus the recent window.</summary>
public class SubscriptionTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    static readonly FeedSettings Settings = Parse.Settings with { MaxItems = 3, MaxRecentItems = 2 };

    // Newest first: story i is dated i days before now and was noticed long ago, unless said.
    static List<NewsItem> Stories(int count, Dictionary<int, DateTimeOffset>? noticed = null) =>
        Enumerable.Range(0, count).Select(i => Parse.Item($"s{i}.md", $"---\ntitle: S{i}\ndate: {Now.AddDays(-i - 1):yyyy-MM-dd}\n---\nText.\n") with
        {
            Noticed = noticed?.GetValueOrDefault(i) is { } n && n != default ? n : Now.AddDays(-i - 1),
        }).ToList();

    [Fact]
    public void Without_recent_stories_the_newest_MaxItems()
    {
        var items = Stories(6);
        Assert.Equal(items.Take(3), Subscription.Of(items, Settings, Now));
        Assert.Null(Subscription.NextChange(Subscription.Of(items, Settings, Now), Settings));
    }

    [Fact]
    public void A_story_filed_late_or_corrected_rides_along_until_the_window_passes()
    {
        var items = Stories(8, new() { [5] = Now.AddHours(-1) });
        var carried = Subscription.Of(items, Settings, Now);
        Assert.Equal([.. items.Take(3), items[5]], carried);
        Assert.Equal(Now.AddHours(-1) + Settings.RecentWindow, Subscription.NextChange(carried, Settings));
        Assert.Equal(items.Take(3), Subscription.Of(items, Settings, Now + Settings.RecentWindow));
    }

    [Fact]
    public void At_most_MaxRecentItems_ride_along_and_the_rest_are_counted()
    {
        var items = Stories(9, new() { [4] = Now, [5] = Now, [6] = Now, [7] = Now });
        Assert.Equal([.. items.Take(3), items[4], items[5]], Subscription.Of(items, Settings, Now));
        Assert.Equal(2, Subscription.LeftOut(items, Settings, Now));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_recent_stories_kept_between_snapshots_carry_what_looking_at_every_story_carries(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 50; round++)
        {
            var noticed = Enumerable.Range(0, 12).Where(_ => random.Next(3) == 0).ToDictionary(i => i, _ => Now.AddHours(-random.Next(0, 60)));
            var items = Stories(random.Next(0, 12), noticed);
            var at = Now.AddHours(random.Next(0, 30));
            Assert.Equal(Subscription.Of(items, Settings, at), Subscription.Of(items, Settings, Subscription.Recent(items, Settings, at)));
        }
    }
}
