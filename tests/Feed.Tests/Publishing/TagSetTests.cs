using Feed.Publishing;
namespace Feed.Tests.Publishing;

public class TagSetTests
{
    static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static IReadOnlyList<NewsItem> Items(params (string Date, string Tags)[] items) =>
        Publication.Select(items.Select((i, n) => Parse.Item($"{i.Date}-item-{n}.md", $"---\ntags: [{i.Tags}]\n---\nText {n}.\n")), Now).Items;

    [Fact]
    public void Tags_match_case_insensitively_and_take_the_newest_items_spelling()
    {
        var tags = TagSet.From(Items(("2024-01-01", "security"), ("2024-01-03", "Security"), ("2024-01-02", "SECURITY, world")));
        Assert.Equal(["security", "world"], tags.Select(t => t.Slug));
        var security = tags[0];
        Assert.Equal("Security", security.Name);
        Assert.Equal(["item-1", "item-2", "item-0"], security.Items.Select(i => i.Slug));
    }

    [Fact]
    public void Tag_names_become_url_slugs_in_any_script()
    {
        var tags = TagSet.From(Items(("2024-01-01", "Climate Change, 中文, \"!!\"")));
        Assert.Equal(["climate-change", "中文"], tags.Select(t => t.Slug));
    }

    [Fact]
    public void One_item_with_two_spellings_of_a_tag_is_listed_once()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\ntags: [News, news]\n---\nText.\n");
        Assert.Single(Assert.Single(TagSet.From([item])).Items);
    }
}
