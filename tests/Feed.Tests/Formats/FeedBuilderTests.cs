using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Formats;
using Feed.Formats.Html;
using Feed.Formats.Syndication;

namespace Feed.Tests.Formats;

/// <summary>The feeds parse back with every field of every item intact.</summary>
public class FeedBuilderTests
{
    static readonly FeedDocument Document = Fixture.Document();

    static SyndicationFeed Load(byte[] bytes) => SyndicationFeed.Load(XmlReader.Create(new MemoryStream(bytes)));

    static string Extension(SyndicationItem item, string name, string ns) =>
        item.ElementExtensions.ReadElementExtensions<XElement>(name, ns).Single().Value;

    [Fact]
    public void Rss_parses_back_with_every_field()
    {
        var feed = Load(FeedWriter.Rss(FeedBuilder.Rss(Document, new Uri("https://news.example.com/feed.xml"), Fixture.Settings)));
        Assert.Equal("Example News", feed.Title.Text);
        Assert.Equal("Stories from the example newsroom.", feed.Description.Text);
        Assert.Equal("en", feed.Language);
        Assert.Equal(Document.Updated, feed.LastUpdatedTime);
        Assert.Equal(Document.Items.Count, feed.Items.Count());
        // The formatter reads atom:link back into Links.
        Assert.Equal("https://news.example.com/feed.xml", feed.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
        Assert.Equal("https://hub.example.com/", feed.Links.Single(l => l.RelationshipType == "hub").Uri.AbsoluteUri);

        foreach (var (expected, actual) in Document.Items.Zip(feed.Items))
        {
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.Title, actual.Title.Text);
            Assert.Equal(expected.Link, actual.Links.Single(l => l.RelationshipType is null or "alternate").Uri);
            Assert.Equal(expected.Published, actual.PublishDate);
            Assert.Equal(HtmlText.EscapeText(expected.Summary), actual.Summary.Text); // RSS description is HTML
            Assert.Equal(expected.RenderContent(), Extension(actual, "encoded", FeedBuilder.ContentNamespace));
            Assert.Equal(expected.Tags, actual.Categories.Select(c => c.Name));
            Assert.Equal(expected.Authors.Count == 0 ? [] : [string.Join(", ", expected.Authors.Select(a => a.Name))],
                actual.ElementExtensions.ReadElementExtensions<XElement>("creator", FeedBuilder.DublinCoreNamespace).Select(e => e.Value));
        }
    }

    [Fact]
    public void Atom_parses_back_with_every_field()
    {
        var feed = Load(FeedWriter.Atom(FeedBuilder.Atom(Document, new Uri("https://news.example.com/atom.xml"), Fixture.Settings)));
        Assert.Equal("tag:news.example.com,2024:feed", feed.Id); // RFC 4287 4.2.6: from the authority, so a move of the site keeps it
        Assert.Equal("Example Newsroom", feed.Authors.Single().Name);
        Assert.Equal("https://news.example.com/atom.xml", feed.Links.Single(l => l.RelationshipType == "self").Uri.AbsoluteUri);
        Assert.Equal("https://hub.example.com/", feed.Links.Single(l => l.RelationshipType == "hub").Uri.AbsoluteUri);

        foreach (var (expected, actual) in Document.Items.Zip(feed.Items))
        {
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.Title, actual.Title.Text);
            Assert.Equal(expected.Link, actual.Links.Single(l => l.RelationshipType == "alternate").Uri);
            Assert.Equal(expected.Published, actual.PublishDate);
            Assert.Equal(expected.Updated, actual.LastUpdatedTime);
            Assert.Equal(expected.Summary, actual.Summary.Text);
            Assert.Equal(expected.RenderContent(), ((TextSyndicationContent)actual.Content).Text);
            Assert.Equal("html", actual.Content.Type);
            Assert.Equal(expected.Tags, actual.Categories.Select(c => c.Name));
            Assert.Equal(expected.Authors.Select(a => (a.Name, a.Email, a.Uri?.AbsoluteUri)), actual.Authors.Select(a => (a.Name, (string?)a.Email, (string?)a.Uri)));
        }
        var enclosure = feed.Items.Single(i => i.Id.StartsWith("urn:uuid", StringComparison.Ordinal)).Links.Single(l => l.RelationshipType == "enclosure");
        Assert.Equal(("audio/mpeg", 123456L), (enclosure.MediaType, enclosure.Length));
    }

    [Fact]
    public void Json_feed_parses_back_with_every_field()
    {
        using var json = JsonDocument.Parse(JsonFeedWriter.Write(Document, new Uri("https://news.example.com/feed.json"), Fixture.Settings));
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("https://news.example.com/feed.json", root.GetProperty("feed_url").GetString());
        Assert.Equal("https://hub.example.com/", root.GetProperty("hubs")[0].GetProperty("url").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        foreach (var (expected, actual) in Document.Items.Zip(items))
        {
            Assert.Equal(expected.Id, actual.GetProperty("id").GetString());
            Assert.Equal(expected.Title, actual.GetProperty("title").GetString());
            Assert.Equal(expected.PageUrl.AbsoluteUri, actual.GetProperty("url").GetString());
            Assert.Equal(expected.Published, actual.GetProperty("date_published").GetDateTimeOffset());
            Assert.Equal(expected.Updated, actual.GetProperty("date_modified").GetDateTimeOffset());
            Assert.Equal(expected.Summary, actual.GetProperty("summary").GetString());
            Assert.Equal(expected.RenderContent(), actual.GetProperty("content_html").GetString());
            Assert.Equal(expected.Tags, actual.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()!) : []);
            Assert.Equal(expected.Authors.Select(a => a.Name),
                actual.TryGetProperty("authors", out var authors) ? authors.EnumerateArray().Select(a => a.GetProperty("name").GetString()!) : []);
        }
        var everyField = items.Single(i => i.GetProperty("id").GetString()!.StartsWith("urn:uuid", StringComparison.Ordinal));
        Assert.Equal("https://example.org/original-story", everyField.GetProperty("external_url").GetString());
        Assert.Equal("en-GB", everyField.GetProperty("language").GetString());
        Assert.Equal(123456, everyField.GetProperty("attachments")[0].GetProperty("size_in_bytes").GetInt64());
    }
}
