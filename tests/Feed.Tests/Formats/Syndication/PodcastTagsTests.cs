using Feed.Formats.Syndication;

namespace Feed.Tests.Formats.Syndication;

public class PodcastTagsTests
{
    // The namespace document's method, checked against a value published with it
    // (https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md#guid).
    [Theory]
    [InlineData("https://bigal.github.io/breakfast-wrap-feed/breakfast-wrap.xml", "f95d7b89-e1ee-554c-be7f-f126f0b92dae")]
    [InlineData("http://bigal.github.io/breakfast-wrap-feed/breakfast-wrap.xml/", "f95d7b89-e1ee-554c-be7f-f126f0b92dae")]
    public void Podcast_guid_is_the_uuid5_of_the_url_without_scheme_and_trailing_slash(string url, string guid) =>
        Assert.Equal(guid, PodcastGuid.Of(new Uri(url)).ToString());

    [Theory]
    [InlineData("News", "News", null)]
    [InlineData("News/Daily News", "News", "Daily News")]
    [InlineData("Society & Culture / Documentary", "Society & Culture", "Documentary")]
    public void Apple_categories_and_subcategories_are_read(string text, string category, string? sub) =>
        Assert.Equal((category, sub), ApplePodcastCategories.Parse(text, out _));

    [Theory]
    [InlineData("news", "'news' is spelt 'News' by Apple")]
    [InlineData("Breaking", "'Breaking' is not one of Apple's categories")]
    [InlineData("News/Cricket", "'Cricket' is not a subcategory of News")]
    [InlineData("History/Ancient", "'Ancient' is not a subcategory of History (it has none)")]
    public void Another_name_is_refused_with_the_reason(string text, string reason)
    {
        Assert.Null(ApplePodcastCategories.Parse(text, out var error));
        Assert.StartsWith(reason, error);
    }
}
