using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Formats;
using Feed.Formats.Html;
using Feed.Formats.Syndication;
using Feed.Publishing;

namespace Feed.Tests.Formats;

/// <summary>What news aggregators read beyond the core fields: modified dates, channel pubDate, copyright, locale, alt text.</summary>
public class AggregatorFieldsTests
{
    static readonly XNamespace Atom = FeedBuilder.AtomNamespace;
    static readonly XNamespace Media = FeedBuilder.MediaNamespace;
    static readonly Uri Self = new("https://news.example.com/feed.xml");

    static XDocument Rss(FeedDocument document) => XDocument.Parse(Encoding.UTF8.GetString(FeedWriter.Rss(FeedBuilder.Rss(document, Self, Fixture.Settings))));

    [Fact]
    public void Rss_items_carry_their_modified_date_as_atom_updated()
    {
        var rss = Rss(Fixture.Document());
        var item = rss.Descendants("item").Single(i => i.Element("guid")!.Value.StartsWith("urn:uuid:", StringComparison.Ordinal));
        Assert.Equal("2024-07-02T08:00:00Z", item.Element(Atom + "updated")!.Value);
    }

    [Fact]
    public void Rss_channel_pubDate_is_the_newest_published_date()
    {
        var document = Fixture.Document();
        var rss = Rss(document);
        Assert.Equal(ExtensionElements.Rfc822(document.Items[0].Published), rss.Root!.Element("channel")!.Element("pubDate")!.Value);
    }

    [Fact]
    public void Copyright_reaches_rss_atom_and_json_feed()
    {
        var document = Fixture.Document();
        Assert.Equal("© 2024 Example News", Rss(document).Root!.Element("channel")!.Element("copyright")!.Value);
        var atom = XDocument.Parse(Encoding.UTF8.GetString(FeedWriter.Atom(FeedBuilder.Atom(document, Self, Fixture.Settings))));
        Assert.Equal("© 2024 Example News", atom.Root!.Element(Atom + "rights")!.Value);
        using var json = JsonDocument.Parse(JsonFeedWriter.Write(document, Self, Fixture.Settings));
        Assert.Equal("© 2024 Example News", json.RootElement.GetProperty("_copyright").GetProperty("text").GetString());
    }

    [Fact]
    public void No_copyright_is_written_when_none_is_configured()
    {
        var settings = Fixture.Settings with { Copyright = null };
        var rss = FeedWriter.Rss(FeedBuilder.Rss(Fixture.Document(), Self, settings));
        Assert.DoesNotContain("<copyright>", Encoding.UTF8.GetString(rss), StringComparison.Ordinal);
        Assert.DoesNotContain("_copyright", Encoding.UTF8.GetString(JsonFeedWriter.Write(Fixture.Document(), Self, settings)), StringComparison.Ordinal);
    }

    [Fact]
    public void Image_alt_text_is_the_media_description_and_og_image_alt()
    {
        var item = Rss(Fixture.Document()).Descendants("item").Single(i => i.Element(Media + "content") is not null);
        Assert.Equal("Troops at a checkpoint in \"Swat\" & <beyond>", item.Element(Media + "content")!.Element(Media + "description")!.Value);
        var page = Encoding.UTF8.GetString(Fixture.Snapshot().ItemPage("/2024/07/01/every-field")!.Identity.Body);
        Assert.Contains("<meta property=\"og:image:alt\" content=\"Troops at a checkpoint in &quot;Swat&quot; &amp; &lt;beyond&gt;\">", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "en_US")]
    [InlineData("en-gb", "en_GB")]
    [InlineData("ur-PK", "ur_PK")]
    [InlineData("zh-Hant-TW", "zh_TW")]
    [InlineData("es-419", "es_419")]
    [InlineData("en", null)]
    [InlineData("ur", null)]
    public void OgLocale_is_language_underscore_territory(string language, string? expected) =>
        Assert.Equal(expected, OpenGraphLocale.Of(language));

    [Fact]
    public void A_future_updated_never_makes_a_feed_date_in_the_future()
    {
        var now = new DateTimeOffset(2024, 7, 10, 0, 0, 0, TimeSpan.Zero);
        var item = Parse.Item("2024-07-01-ahead.md", "---\ntitle: Ahead\ndate: 2024-07-01\nupdated: 2024-08-01\n---\nBody.", Fixture.Settings);
        var publication = Publication.Select([item], now);
        Assert.Contains(publication.Problems, p => p.Level == ProblemLevel.Warning && p.Message.Contains("later than now", StringComparison.Ordinal));
        Assert.Equal(item.Updated, publication.NextScheduled);

        var snapshot = FeedSnapshot.Build(publication, Fixture.Settings);
        var rss = XDocument.Parse(Encoding.UTF8.GetString(snapshot.Document("/feed.xml")!.Identity.Body));
        Assert.Equal("Mon, 01 Jul 2024 00:00:00 +0000", rss.Root!.Element("channel")!.Element("lastBuildDate")!.Value);
        var atom = XDocument.Parse(Encoding.UTF8.GetString(snapshot.Document("/atom.xml")!.Identity.Body));
        Assert.Equal("2024-07-01T00:00:00Z", atom.Root!.Element(Atom + "updated")!.Value);

        // When the time comes the correction counts, and the feed says so.
        var later = FeedSnapshot.Build(Publication.Select([item], item.Updated), Fixture.Settings, snapshot);
        Assert.Contains("/atom.xml", later.ChangedSince(snapshot));
        atom = XDocument.Parse(Encoding.UTF8.GetString(later.Document("/atom.xml")!.Identity.Body));
        Assert.Equal("2024-08-01T00:00:00Z", atom.Root!.Element(Atom + "updated")!.Value);
    }
}
