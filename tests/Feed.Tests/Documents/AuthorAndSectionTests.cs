using System.Text;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Tests.Documents;

/// <summary>Bylines and desks as listings shaped like tags: pages, feeds, pagination, the sitemap.</summary>
public class AuthorAndSectionTests
{
    static readonly DateTimeOffset Now = new(2024, 8, 1, 0, 0, 0, TimeSpan.Zero);

    static NewsItem Story(string path, int day, string extra = "") =>
        Parse.Item(path, $"---\ntitle: Story {Path.GetFileNameWithoutExtension(path)}\ndate: 2024-07-{day:D2}\n{extra}---\nBody.", Fixture.Settings);

    static readonly NewsItem[] Stories =
    [
        Story("world/a.md", 1, "author: Jane Doe\n"),
        Story("world/asia/b.md", 2, "authors: [jane doe, Ali Khan]\n"),
        Story("business/c.md", 3, "author: Ali Khan\n"),
        Story("d.md", 4),
        Story("world/e.md", 5, "author: Jane Doe\n"),
    ];

    static FeedSnapshot Snapshot(FeedSettings? settings = null) =>
        FeedSnapshot.Build(Publication.Select(Stories, Now), settings ?? Fixture.Settings with { MaxItems = 2 });

    static string Text(FeedSnapshot snapshot, string path) => Encoding.UTF8.GetString(snapshot.Document(path)!.Identity.Body);

    [Fact]
    public void Authors_are_grouped_by_the_slug_of_their_name_newest_story_first()
    {
        var authors = AuthorSet.From(Publication.Select(Stories, Now).Items);
        Assert.Equal(["ali-khan", "jane-doe"], authors.Select(a => a.Listing.Slug));
        var jane = authors[1];
        Assert.Equal("Jane Doe", jane.Name);
        Assert.Equal(["Story e", "Story b", "Story a"], jane.Items.Select(i => i.Title));
    }

    [Fact]
    public void Every_top_level_folder_is_a_section_and_root_stories_belong_to_none()
    {
        var sections = SectionSet.From(Publication.Select(Stories, Now).Items);
        Assert.Equal(["business", "world"], sections.Select(s => s.Listing.Slug));
        Assert.Equal(["Story e", "Story b", "Story a"], sections[1].Items.Select(i => i.Title));
    }

    [Theory]
    [InlineData("/authors/jane-doe/feed.xml")]
    [InlineData("/authors/jane-doe/atom.xml")]
    [InlineData("/authors/jane-doe/feed.json")]
    [InlineData("/sections/world/feed.xml")]
    [InlineData("/sections/world/atom.xml")]
    [InlineData("/sections/world/feed.json")]
    public void Authors_and_sections_have_the_three_feeds_with_their_newest_stories(string path)
    {
        var text = Text(Snapshot(), path);
        Assert.Contains("Story e", text, StringComparison.Ordinal);
        Assert.Contains("Story b", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Story a", text, StringComparison.Ordinal); // MaxItems = 2
        Assert.DoesNotContain("Story c", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_author_feed_has_its_own_title_id_self_and_home_links()
    {
        var atom = XDocument.Parse(Text(Snapshot(), "/authors/jane-doe/atom.xml"));
        XNamespace a = "http://www.w3.org/2005/Atom";
        Assert.Equal("Example News: Jane Doe", atom.Root!.Element(a + "title")!.Value);
        Assert.Equal("tag:news.example.com,2024:feed/authors/jane-doe", atom.Root.Element(a + "id")!.Value);
        var links = atom.Root.Elements(a + "link").ToDictionary(l => (string)l.Attribute("rel")!, l => (string)l.Attribute("href")!);
        Assert.Equal("https://news.example.com/authors/jane-doe/atom.xml", links["self"]);
        Assert.Equal("https://news.example.com/authors/jane-doe", links["alternate"]);
    }

    [Fact]
    public void Author_and_section_pages_autodiscover_their_feeds_and_are_paginated_like_tags()
    {
        var snapshot = Snapshot();
        var page = Text(snapshot, "/authors/jane-doe");
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Example News: Jane Doe (Atom)\" href=\"https://news.example.com/authors/jane-doe/atom.xml\">",
            page, StringComparison.Ordinal);
        Assert.Contains("<h1>Jane Doe</h1>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.example.com/authors/jane-doe/page/1\">Older stories", page, StringComparison.Ordinal);
        Assert.Contains("Story a", Text(snapshot, "/authors/jane-doe/page/1"), StringComparison.Ordinal);
        Assert.Contains("Story a", Text(snapshot, "/sections/world/page/1"), StringComparison.Ordinal);
        Assert.Null(snapshot.Document("/authors/jane-doe/page/2"));
        var index = Text(snapshot, "/authors");
        Assert.Contains("<a href=\"https://news.example.com/authors/jane-doe\">Jane Doe</a> (3 stories)", index, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://news.example.com/sections/business\">business</a> (1 story)", Text(snapshot, "/sections"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bylines_link_to_the_author_page_and_the_desk_to_its_section()
    {
        var snapshot = Snapshot();
        var item = snapshot.Items.Single(i => i.Title == "Story b");
        var page = Encoding.UTF8.GetString(snapshot.ItemPage(item.PagePath)!.Identity.Body);
        Assert.Contains("by <a rel=\"author\" href=\"https://news.example.com/authors/jane-doe\">jane doe</a>, <a rel=\"author\" href=\"https://news.example.com/authors/ali-khan\">Ali Khan</a>",
            page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://news.example.com/sections/world\">world</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_false_turns_section_pages_and_feeds_off()
    {
        var snapshot = Snapshot(Fixture.Settings with { MaxItems = 2, Sections = false });
        Assert.DoesNotContain(snapshot.DocumentPaths, p => p.StartsWith("/sections", StringComparison.Ordinal));
        Assert.NotNull(snapshot.Document("/authors/jane-doe/feed.xml"));
        var item = snapshot.Items.Single(i => i.Title == "Story b");
        Assert.DoesNotContain("/sections/", Encoding.UTF8.GetString(snapshot.ItemPage(item.PagePath)!.Identity.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sitemap_lists_author_and_section_pages()
    {
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = XDocument.Parse(Text(Snapshot(), SitePaths.Sitemap)).Descendants(ns + "loc").Select(l => new Uri(l.Value).AbsolutePath).ToList();
        Assert.Contains("/authors", locations);
        Assert.Contains("/authors/jane-doe", locations);
        Assert.Contains("/authors/jane-doe/page/1", locations);
        Assert.Contains("/sections", locations);
        Assert.Contains("/sections/world", locations);
    }

    [Fact]
    public void A_story_by_one_author_changes_that_author_feed_and_leaves_the_other_as_it_was()
    {
        var before = Snapshot();
        var more = Stories.Append(Story("world/f.md", 6, "author: Jane Doe\n")).ToList();
        var after = FeedSnapshot.Build(Publication.Select(more, Now), Fixture.Settings with { MaxItems = 2 }, before);
        var changed = after.ChangedSince(before).ToList();
        Assert.Contains("/authors/jane-doe/feed.xml", changed);
        Assert.Contains("/sections/world/atom.xml", changed);
        Assert.DoesNotContain("/authors/ali-khan/feed.xml", changed);
        Assert.DoesNotContain("/sections/business/feed.xml", changed);
    }
}
