using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Formats.Syndication;
using Feed.Publishing;

namespace Feed.Tests.Formats;

/// <summary>Feed:FeedContent=summary: every feed carries summaries and links, never the story's text.</summary>
public class FeedContentTests
{
    static readonly FeedSettings SummaryOnly = Fixture.Settings with { FeedContent = FeedContent.Summary };

    static FeedSnapshot Snapshot(FeedSettings settings) => FeedSnapshot.Build(Publication.Select(Fixture.Scan().Items, Fixture.Now), settings);

    static string Text(FeedSnapshot snapshot, string path) => Encoding.UTF8.GetString(snapshot.Document(path)!.Identity.Body);

    [Fact]
    public void Summary_rss_has_descriptions_and_links_but_no_content_encoded()
    {
        var rss = XDocument.Parse(Text(Snapshot(SummaryOnly), "/feed.xml"));
        var items = rss.Descendants("item").ToList();
        Assert.NotEmpty(items);
        Assert.Empty(rss.Descendants(XName.Get("encoded", FeedBuilder.ContentNamespace)));
        Assert.All(items, i => Assert.NotEmpty(i.Element("description")!.Value));
        Assert.All(items, i => Assert.NotEmpty(i.Element("link")!.Value));
        Assert.NotEmpty(XDocument.Parse(Text(Snapshot(Fixture.Settings), "/feed.xml")).Descendants(XName.Get("encoded", FeedBuilder.ContentNamespace)));
    }

    [Theory]
    [InlineData("/atom.xml")]
    [InlineData("/tags/security/atom.xml")]
    [InlineData("/authors/jane-doe/atom.xml")]
    public void Summary_atom_entries_have_a_summary_and_no_content(string path)
    {
        XNamespace atom = FeedBuilder.AtomNamespace;
        var feed = XDocument.Parse(Text(Snapshot(SummaryOnly), path));
        Assert.Empty(feed.Descendants(atom + "content"));
        Assert.All(feed.Descendants(atom + "entry"), e => Assert.NotNull(e.Element(atom + "summary")));
    }

    [Fact]
    public void Summary_json_feed_has_content_text_and_no_content_html()
    {
        using var json = JsonDocument.Parse(Text(Snapshot(SummaryOnly), "/feed.json"));
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            Assert.False(item.TryGetProperty("content_html", out _));
            // JSON Feed 1.1: one of content_html and content_text must be present.
            Assert.False(string.IsNullOrEmpty(item.GetProperty("content_text").GetString()));
        }
    }

    [Fact]
    public void Pages_keep_the_full_story_in_summary_mode()
    {
        var snapshot = Snapshot(SummaryOnly);
        var page = Encoding.UTF8.GetString(snapshot.ItemPage("/2024/07/01/every-field")!.Identity.Body);
        Assert.Contains("<h2>A heading that is not the title</h2>", page, StringComparison.Ordinal);
    }
}
