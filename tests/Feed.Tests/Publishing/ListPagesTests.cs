using Feed.Formats;
using Feed.Publishing;
namespace Feed.Tests.Publishing;

public class ListPagesTests
{
    static List<NewsItem> NewestFirst(int count) =>
        [.. Enumerable.Range(1, count).Reverse().Select(i => Parse.Item($"2024-01-{i:D2}-story-{i}.md", $"---\ntitle: Story {i}\n---\nText.\n"))];

    [Theory]
    [InlineData(0, 2, "")]
    [InlineData(2, 2, "")]          // the index shows both
    [InlineData(3, 2, "1:1-2")]     // page 1 holds the two oldest
    [InlineData(5, 2, "2:3-4 1:1-2")]
    [InlineData(7, 3, "2:4-6 1:1-3")]
    public void Pages_are_full_and_numbered_from_the_oldest(int count, int size, string expected)
    {
        var pages = ListPages.From(NewestFirst(count), size, null);
        var described = string.Join(' ', pages.Select(p => $"{p.Number}:{p.Items[^1].Slug[6..]}-{p.Items[0].Slug[6..]}"));
        Assert.Equal(expected, described);
        Assert.All(pages, p => Assert.Equal(size, p.Items.Count));
    }

    [Fact]
    public void Each_page_links_its_neighbours_and_the_newest_links_back_to_the_first_page()
    {
        var pages = ListPages.From(NewestFirst(5), 2, "weather");
        Assert.Equal(("/tags/weather/page/2", "/tags/weather", "/tags/weather/page/1"), (pages[0].Path, pages[0].Newer, pages[0].Older));
        Assert.Equal(("/tags/weather/page/1", "/tags/weather/page/2", (string?)null), (pages[1].Path, pages[1].Newer, pages[1].Older));
        Assert.Equal("/tags/weather/page/2", ListPages.OlderThanFirst(5, 2, "weather"));
        Assert.Null(ListPages.OlderThanFirst(2, 2, null));
    }
}

public class SitemapWriterTests
{
    [Theory]
    [InlineData(2, 3, 10, "2+3")]
    [InlineData(2, 3, 5, "2+3")]
    [InlineData(2, 3, 4, "2+2 0+1")]
    [InlineData(2, 3, 2, "2+0 0+2 0+1")]
    [InlineData(5, 0, 2, "2+0 2+0 1+0")]
    [InlineData(1, 0, 2, "1+0")]
    public void Pages_are_split_into_parts_of_at_most_the_limit_each_url_once(int pages, int items, int max, string expected)
    {
        var stories = Enumerable.Range(1, items).Select(i => Parse.Item($"2024-01-{i:D2}-s-{i}.md", $"---\ntitle: S {i}\n---\nText.\n")).ToList();
        var parts = SitemapWriter.Parts([.. Enumerable.Range(1, pages).Select(i => $"/p{i}")], stories, max);
        Assert.Equal(expected, string.Join(' ', parts.Select(p => $"{p.Pages.Count}+{p.Items.Count}")));
        Assert.Equal(pages, parts.SelectMany(p => p.Pages).Distinct().Count());
        Assert.Equal(stories, parts.SelectMany(p => p.Items));
    }

    [Fact]
    public void An_index_lists_each_part()
    {
        var xml = System.Text.Encoding.UTF8.GetString(SitemapWriter.WriteIndex(2, Fixture.Settings));
        Assert.Contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", xml);
        Assert.Contains($"<loc>{Fixture.Settings.BaseUrl}sitemap/2.xml</loc>", xml);
    }
}
