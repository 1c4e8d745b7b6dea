namespace Feed.Tests;

public class NewsItemTests
{
    const string Plain = "---\ntitle: Budget passed\ndate: 2024-06-27\n---\nThe budget passed.\n";

    [Fact]
    public void A_story_whose_rare_fields_were_set_and_cleared_equals_one_that_never_had_them()
    {
        var item = Parse.Item("budget.md", Plain);
        var image = new LeadImage(new Uri("https://news.example.com/lead.jpg"));
        var cleared = item with { Image = image, Language = "ur", Media = [], Aliases = [] } with { Image = null, Language = null };
        Assert.Equal(item, cleared);
        Assert.Equal(item.GetHashCode(), cleared.GetHashCode());
        Assert.NotEqual(item, item with { Image = image });
    }

    [Fact]
    public void Rare_fields_set_one_after_another_are_all_kept()
    {
        var item = Parse.Item("budget.md", Plain);
        var image = new LeadImage(new Uri("https://news.example.com/lead.jpg"));
        var set = item with { Image = image, Language = "ur", Duration = TimeSpan.FromSeconds(90), Aliases = [("/old/", 3)] };
        Assert.Equal((image, "ur", TimeSpan.FromSeconds(90)), (set.Image, set.Language, set.Duration));
        Assert.Equal([("/old/", 3)], set.Aliases);
        Assert.Empty(set.Media);
        Assert.Equal(("Budget passed", item.Id), (set.Title, set.Id));
    }
}
