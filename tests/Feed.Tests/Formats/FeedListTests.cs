using System.Text;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Publishing;

namespace Feed.Tests.Formats;

/// <summary>/feeds and /feeds.opml: every feed of the site (main, sections, authors, tags), as a page and as OPML 2.0.</summary>
public class FeedListTests
{
    static readonly DateTimeOffset Now = new(2024, 8, 1, 0, 0, 0, TimeSpan.Zero);

    static FeedSnapshot Snapshot(FeedSettings settings) => FeedSnapshot.Build(Publication.Select(
    [
        Parse.Item("world/a.md", "---\ntitle: A\ndate: 2024-07-01\nauthor: Jane Doe\ntags: [Weather]\n---\nBody.", settings),
        Parse.Item("b.md", "---\ntitle: B\ndate: 2024-07-02\nauthor: Ali & Sons\n---\nBody.", settings),
    ], Now), settings);

    static readonly string[] Rss =
    [
        "https://news.example.com/feed.xml", "https://news.example.com/sections/world/feed.xml", "https://news.example.com/authors/ali-sons/feed.xml",
        "https://news.example.com/authors/jane-doe/feed.xml", "https://news.example.com/tags/weather/feed.xml",
    ];

    [Fact]
    public void The_opml_lists_every_feed_grouped_by_kind()
    {
        var snapshot = Snapshot(Fixture.Settings);
        var opml = XDocument.Parse(Encoding.UTF8.GetString(snapshot.Document("/feeds.opml")!.Identity.Body));
        Assert.Equal("2.0", (string?)opml.Root!.Attribute("version"));
        Assert.Equal("Example News: every feed", opml.Root.Element("head")!.Element("title")!.Value);
        var feeds = opml.Descendants("outline").Where(o => o.Attribute("xmlUrl") is not null).ToList();
        Assert.Equal(Rss, feeds.Select(o => (string)o.Attribute("xmlUrl")!));
        Assert.All(feeds, o => Assert.Equal("rss", (string?)o.Attribute("type")));
        Assert.Equal("Example News: Ali & Sons", (string?)feeds[2].Attribute("text"));
        Assert.Equal("https://news.example.com/authors/ali-sons", (string?)feeds[2].Attribute("htmlUrl"));
        Assert.Equal(["Sections", "Authors", "Tags"], opml.Root.Element("body")!.Elements("outline").Skip(1).Select(o => (string)o.Attribute("text")!));
        Assert.Equal("text/x-opml; charset=utf-8", snapshot.Document("/feeds.opml")!.MediaType);
    }

    [Fact]
    public void The_feeds_page_has_a_subscribe_link_for_every_feed_in_every_format()
    {
        var page = Encoding.UTF8.GetString(Snapshot(Fixture.Settings).Document("/feeds")!.Identity.Body);
        foreach (var rss in Rss)
        {
            Assert.Contains($"<a type=\"application/rss+xml\" href=\"{rss}\">RSS</a>", page, StringComparison.Ordinal);
            Assert.Contains($"<a type=\"application/atom+xml\" href=\"{rss.Replace("feed.xml", "atom.xml", StringComparison.Ordinal)}\">Atom</a>", page, StringComparison.Ordinal);
            Assert.Contains($"<a type=\"application/feed+json\" href=\"{rss.Replace("feed.xml", "feed.json", StringComparison.Ordinal)}\">JSON Feed</a>", page, StringComparison.Ordinal);
        }
        Assert.Contains("href=\"https://news.example.com/feeds.opml\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_links_to_the_feeds_page()
    {
        var snapshot = Snapshot(Fixture.Settings);
        var pages = snapshot.DocumentPaths.Where(p => snapshot.Document(p)!.MediaType.StartsWith("text/html", StringComparison.Ordinal))
            .Select(p => snapshot.Document(p)!).Concat(snapshot.Items.Select(i => snapshot.ItemPage(i.PagePath)!)).Append(snapshot.NotFoundPage).ToList();
        Assert.True(pages.Count > 8);
        Assert.All(pages, p => Assert.Contains("<a href=\"https://news.example.com/feeds\">Every feed</a>", Encoding.UTF8.GetString(p.Identity.Body), StringComparison.Ordinal));
    }

    [Fact]
    public void Without_sections_the_list_has_none()
    {
        var opml = Encoding.UTF8.GetString(Snapshot(Fixture.Settings with { Sections = false }).Document("/feeds.opml")!.Identity.Body);
        Assert.DoesNotContain("/sections/", opml, StringComparison.Ordinal);
    }
}
