using System.Text;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Formats;
using Feed.Publishing;

namespace Feed.Tests.Formats;

/// <summary>/sitemap-news.xml (Google News: two days, 1,000 stories), /robots.txt, and canonical URLs only in /sitemap.xml.</summary>
public class NewsSitemapTests
{
    static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static readonly XNamespace News = NewsSitemapWriter.NewsNamespace;
    static readonly DateTimeOffset Now = new(2024, 7, 10, 12, 0, 0, TimeSpan.Zero);

    static NewsItem Story(string slug, DateTimeOffset published, string extra = "") =>
        Parse.Item($"{slug}.md", $"---\ntitle: Story {slug}\ndate: {published:yyyy-MM-ddTHH:mm:ssZ}\n{extra}---\nBody.", Fixture.Settings);

    static XDocument Xml(FeedSnapshot snapshot, string path) => XDocument.Parse(Encoding.UTF8.GetString(snapshot.Document(path)!.Identity.Body));

    [Fact]
    public void The_news_sitemap_lists_the_stories_of_the_last_48_hours_with_publication_name_language_date_and_title()
    {
        var items = new[]
        {
            Story("fresh", Now.AddHours(-1), "lang: ur-PK\n"),
            Story("yesterday", Now.AddHours(-47)),
            Story("too-old", Now.AddHours(-49)),
            Story("elsewhere", Now.AddHours(-2), "link: https://example.org/elsewhere\n"),
        };
        var snapshot = FeedSnapshot.Build(Publication.Select(items, Now), Fixture.Settings);
        var urls = Xml(snapshot, "/sitemap-news.xml").Root!.Elements(Sitemap + "url").ToList();
        Assert.Equal(["https://news.example.com/2024/07/10/fresh", "https://news.example.com/2024/07/08/yesterday"],
            urls.Select(u => u.Element(Sitemap + "loc")!.Value));
        var news = urls[0].Element(News + "news")!;
        Assert.Equal("Example News", news.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("ur", news.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal("2024-07-10T11:00:00Z", news.Element(News + "publication_date")!.Value);
        Assert.Equal("Story fresh", news.Element(News + "title")!.Value);
        Assert.Equal("application/xml; charset=utf-8", snapshot.Document("/sitemap-news.xml")!.MediaType);
    }

    [Fact]
    public void The_news_sitemap_holds_at_most_1000_stories_the_newest()
    {
        var items = Enumerable.Range(0, 1005).Select(i => Story($"s{i}", Now.AddMinutes(-i))).ToList();
        var stories = NewsWindow.Stories(Publication.Select(items, Now).Items, Now);
        Assert.Equal(1000, stories.Count);
        Assert.Equal("Story s0", stories[0].Title);
        Assert.Equal("Story s999", stories[^1].Title);
    }

    [Fact]
    public void A_story_leaves_the_news_sitemap_when_its_two_days_are_over_with_no_edit()
    {
        var items = new[] { Story("a", Now.AddHours(-10)), Story("b", Now.AddHours(-30)) };
        var publication = Publication.Select(items, Now);
        Assert.Equal(Now.AddHours(18), publication.NextChange);
        Assert.Null(publication.NextScheduled);
        var before = FeedSnapshot.Build(publication, Fixture.Settings);
        var after = FeedSnapshot.Build(Publication.Select(items, Now.AddHours(18)), Fixture.Settings, before);
        Assert.Equal(["/sitemap-news.xml"], after.ChangedSince(before));
        Assert.Single(Xml(after, "/sitemap-news.xml").Root!.Elements(Sitemap + "url"));
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("ur-PK", "ur")]
    [InlineData("zh-CN", "zh-cn")]
    [InlineData("zh-Hans", "zh-cn")]
    [InlineData("zh-TW", "zh-tw")]
    [InlineData("zh-Hant-HK", "zh-tw")]
    public void News_language_is_an_ISO_639_code_or_zh_cn_zh_tw(string tag, string expected) =>
        Assert.Equal(expected, NewsSitemapWriter.Language(tag));

    [Fact]
    public void The_sitemap_lists_canonical_urls_only()
    {
        var snapshot = Fixture.Snapshot();
        var locations = Xml(snapshot, "/sitemap.xml").Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
        Assert.DoesNotContain("https://news.example.com/2024/07/01/every-field", locations);
        Assert.Contains("https://news.example.com/2024/07/04/derived-title", locations);
    }

    [Fact]
    public void No_sitemap_lastmod_is_in_the_future()
    {
        var item = Story("ahead", Now.AddDays(-3), "updated: 2024-08-01T00:00:00Z\n");
        var snapshot = FeedSnapshot.Build(Publication.Select([item], Now), Fixture.Settings);
        var lastmod = Xml(snapshot, "/sitemap.xml").Descendants(Sitemap + "lastmod").Single().Value;
        Assert.Equal("2024-07-07T12:00:00Z", lastmod);
    }

    [Fact]
    public void Robots_txt_names_both_sitemaps()
    {
        var robots = Encoding.UTF8.GetString(Fixture.Snapshot().Document("/robots.txt")!.Identity.Body);
        Assert.Contains("Sitemap: https://news.example.com/sitemap.xml\n", robots, StringComparison.Ordinal);
        Assert.Contains("Sitemap: https://news.example.com/sitemap-news.xml\n", robots, StringComparison.Ordinal);
        Assert.StartsWith("User-agent: *\n", robots, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("User-agent: *\nDisallow: /x/", "User-agent: *\nDisallow: /x/\n\nSitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/sitemap-news.xml\n")]
    [InlineData("\uFEFFSITEMAP:https://news.example.com/sitemap-news.xml # news\n", "SITEMAP:https://news.example.com/sitemap-news.xml # news\n\nSitemap: https://news.example.com/sitemap.xml\n")]
    [InlineData("Sitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/sitemap-news.xml\n", "Sitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/sitemap-news.xml\n")]
    [InlineData("# Sitemap: https://news.example.com/sitemap.xml\n", "# Sitemap: https://news.example.com/sitemap.xml\n\nSitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/sitemap-news.xml\n")]
    [InlineData("", "Sitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/sitemap-news.xml\n")]
    public void The_users_robots_txt_gets_the_sitemap_lines_it_lacks_and_no_other_change(string own, string served) =>
        Assert.Equal(served, Encoding.UTF8.GetString(RobotsTxt.Write(Fixture.Settings with { RobotsTxt = own })));

    [Fact]
    public void An_edited_robots_txt_changes_robots_txt_and_no_other_document()
    {
        var publication = Publication.Select([Story("a", Now.AddHours(-1))], Now);
        var before = FeedSnapshot.Build(publication, Fixture.Settings with { RobotsTxt = "User-agent: *\nDisallow: /a/\n" });
        var after = FeedSnapshot.Build(publication, Fixture.Settings with { RobotsTxt = "User-agent: *\nDisallow: /b/\n" }, before);
        Assert.Equal(["/robots.txt"], after.ChangedSince(before));
    }
}
