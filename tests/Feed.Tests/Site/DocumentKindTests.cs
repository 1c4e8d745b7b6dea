using Feed.Documents;
using Feed.Site;

namespace Feed.Tests.Site;

public class DocumentKindTests
{
    // The kind a path is taken for (export's file name, CORS, WebSub topics) is the one its document was made as.
    [Fact]
    public void Every_document_is_served_in_the_format_of_the_kind_its_path_names()
    {
        var snapshot = FeedSnapshot.Build(Feed.Publishing.Publication.Select(Fixture.Scan().Items, Fixture.Now),
            Fixture.Settings with { Sections = true, MaxItems = 1, Podcast = new(new Uri("https://example.com/art.jpg"), "News", null, "a@example.com", "A", false, true) });
        foreach (var path in snapshot.DocumentPaths)
            Assert.True(DocumentKind.Of(path).Format.MediaType == snapshot.Document(path)!.MediaType, path);
        foreach (var item in snapshot.Items)
            Assert.Equal(DocumentKind.Page, DocumentKind.Of(item.PagePath));
    }

    [Theory]
    [InlineData("/feed.xml", true, true)]
    [InlineData("/tags/weather/feed.json", true, true)]
    [InlineData("/authors/jane-doe/atom.xml", true, true)]
    [InlineData("/podcast.xml", true, true)]
    [InlineData("/archive/2024/06.xml", false, true)]
    [InlineData("/archive/2024/06.json", false, true)]
    [InlineData("/tags/weather", false, false)]
    [InlineData("/sitemap.xml", false, false)]
    public void Feeds_are_pinged_and_archives_are_syndication_only(string path, bool feed, bool syndication)
    {
        Assert.Equal(feed, DocumentKind.Of(path).IsFeed);
        Assert.Equal(syndication, DocumentKind.Of(path).IsSyndication);
    }

    [Fact]
    public void Each_route_pattern_belongs_to_one_kind() =>
        Assert.Equal(DocumentKind.All.Sum(k => k.Routes.Count), DocumentKind.All.SelectMany(k => k.Routes).Distinct().Count());
}
