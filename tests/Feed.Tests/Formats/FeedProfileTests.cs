using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Formats;
using Feed.Formats.Syndication;

namespace Feed.Tests.Formats;

/// <summary>
/// The RSS Advisory Board's RSS Profile: what aggregators and the W3C
/// validator expect beyond what the Syndication formatters write on their own.
/// </summary>
public class FeedProfileTests
{
    static readonly XNamespace Atom = FeedBuilder.AtomNamespace;
    static readonly XNamespace Media = FeedBuilder.MediaNamespace;

    static readonly FeedSettings Settings = Parse.Settings with
    {
        Icon = new Uri("https://news.example.com/icon.png"),
        Logo = new Uri("https://news.example.com/logo.png"),
    };

    static FeedDocument Document(params NewsItem[] items) => new("News", "About", Settings.BaseUrl, items) { Id = Settings.FeedId(null) };

    static string Rss(params NewsItem[] items) =>
        Encoding.UTF8.GetString(FeedWriter.Rss(FeedBuilder.Rss(Document(items), Settings.Url("feed.xml"), Settings)));

    static string AtomText(params NewsItem[] items) =>
        Encoding.UTF8.GetString(FeedWriter.Atom(FeedBuilder.Atom(Document(items), Settings.Url("atom.xml"), Settings)));

    static readonly NewsItem Markup = Parse.Item("2024-07-01-att.md",
        "---\ntitle: AT&T <b>bold</b> move\nsummary: Use <script> & stuff\nimage:\n  url: /lead.jpg\n  width: 1200\n  height: 675\nlang: ur\n---\nBody.\n");

    [Fact]
    public void Rss_titles_write_lt_and_amp_as_character_references()
    {
        // RSS Profile, "Character Data": "&#x3C;" and "&#x26;", the forms the widest number of aggregators decode as text.
        Assert.Contains("<title>AT&#x26;T &#x3C;b&gt;bold&#x3C;/b&gt; move</title>", Rss(Markup));
        Assert.Equal("AT&T <b>bold</b> move", XDocument.Parse(Rss(Markup)).Descendants("item").Single().Element("title")!.Value);
    }

    [Fact]
    public void Rss_description_is_the_summary_escaped_as_html()
    {
        // RSS Profile, item description: it is HTML, so plain text is escaped twice.
        Assert.Contains("<description>Use &amp;lt;script&amp;gt; &amp;amp; stuff</description>", Rss(Markup));
    }

    [Fact]
    public void Rss_declares_every_namespace_on_the_rss_element()
    {
        var rss = XDocument.Parse(Rss(Markup));
        var declared = rss.Root!.Attributes().Where(a => a.IsNamespaceDeclaration).Select(a => a.Name.LocalName).ToList();
        Assert.Equal(["atom", "content", "dc", "media"], declared);
        Assert.DoesNotContain(rss.Root.Descendants().SelectMany(e => e.Attributes()), a => a.IsNamespaceDeclaration);
    }

    [Fact]
    public void Rss_dates_end_in_a_numeric_zone_not_z()
    {
        var rss = Rss(Markup);
        Assert.Contains("<pubDate>Mon, 01 Jul 2024 00:00:00 +0000</pubDate>", rss);
        Assert.Contains("<lastBuildDate>Mon, 01 Jul 2024 00:00:00 +0000</lastBuildDate>", rss);
        Assert.DoesNotContain(" Z<", rss);
    }

    [Fact]
    public void Rss_enclosure_of_unknown_size_has_length_zero()
    {
        var item = Parse.Item("2024-07-01-audio.md", "---\ntitle: Audio\nenclosure:\n  url: https://e.example/a.mp3\n  type: audio/mpeg\n---\nBody.\n");
        Assert.Contains("<enclosure url=\"https://e.example/a.mp3\" length=\"0\" type=\"audio/mpeg\" />", Rss(item));
    }

    [Fact]
    public void Media_rss_carries_the_lead_image_with_its_size_in_rss_and_atom()
    {
        foreach (var xml in new[] { Rss(Markup), AtomText(Markup) })
        {
            var doc = XDocument.Parse(xml);
            var content = Assert.Single(doc.Descendants(Media + "content"));
            Assert.Equal(("https://news.example.com/lead.jpg", "image", "1200", "675"),
                ((string)content.Attribute("url")!, (string)content.Attribute("medium")!, (string)content.Attribute("width")!, (string)content.Attribute("height")!));
            var thumbnail = Assert.Single(doc.Descendants(Media + "thumbnail"));
            Assert.Equal(("https://news.example.com/lead.jpg", "1200"), ((string)thumbnail.Attribute("url")!, (string)thumbnail.Attribute("width")!));
        }
    }

    [Fact]
    public void Atom_entry_carries_its_own_language()
    {
        var entry = XDocument.Parse(AtomText(Markup)).Descendants(Atom + "entry").Single();
        Assert.Equal("ur", (string)entry.Attribute(XNamespace.Xml + "lang")!);
    }

    [Fact]
    public void Atom_entry_without_a_body_has_no_content_element()
    {
        var item = Parse.Item("2024-07-01-link.md", "---\ntitle: A link post\nlink: https://e.example/story\n---\n");
        var entry = XDocument.Parse(AtomText(item)).Descendants(Atom + "entry").Single();
        Assert.Null(entry.Element(Atom + "content"));
        Assert.NotNull(entry.Element(Atom + "summary"));
        Assert.Empty(XDocument.Parse(Rss(item)).Descendants(XName.Get("encoded", FeedBuilder.ContentNamespace)));
    }

    [Fact]
    public void Icon_and_logo_reach_every_format()
    {
        var rssImage = XDocument.Parse(Rss(Markup)).Descendants("image").Single();
        Assert.Equal(("https://news.example.com/logo.png", "News", "https://news.example.com/"),
            ((string)rssImage.Element("url")!, (string)rssImage.Element("title")!, (string)rssImage.Element("link")!));
        var atom = XDocument.Parse(AtomText(Markup)).Root!;
        Assert.Equal("https://news.example.com/icon.png", (string)atom.Element(Atom + "icon")!);
        Assert.Equal("https://news.example.com/logo.png", (string)atom.Element(Atom + "logo")!);
        using var json = JsonDocument.Parse(JsonFeedWriter.Write(Document(Markup), Settings.Url("feed.json"), Settings));
        Assert.Equal("https://news.example.com/icon.png", json.RootElement.GetProperty("icon").GetString());
        Assert.Equal("https://news.example.com/icon.png", json.RootElement.GetProperty("favicon").GetString());
    }

    [Fact]
    public void Without_icon_or_logo_no_image_is_written()
    {
        var plain = Parse.Settings;
        var document = new FeedDocument("News", "About", plain.BaseUrl, [Markup]) { Id = plain.FeedId(null) };
        Assert.DoesNotContain("<image>", Encoding.UTF8.GetString(FeedWriter.Rss(FeedBuilder.Rss(document, plain.Url("feed.xml"), plain))));
        var atom = Encoding.UTF8.GetString(FeedWriter.Atom(FeedBuilder.Atom(document, plain.Url("atom.xml"), plain)));
        Assert.DoesNotContain("<icon>", atom);
        Assert.DoesNotContain("<logo>", atom);
    }

    [Theory]
    [InlineData("image: /a.jpg", "https://news.example.com/a.jpg", null, null)]
    [InlineData("image:\n  url: /a.jpg\n  width: 800", "https://news.example.com/a.jpg", 800, null)]
    [InlineData("image: {path: /a.jpg, width: 800, height: 450}", "https://news.example.com/a.jpg", 800, 450)]
    public void Image_front_matter_gives_the_url_and_optional_size(string yaml, string url, int? width, int? height)
    {
        var item = Parse.Item("2024-07-01-x.md", $"---\ntitle: T\n{yaml}\n---\nBody.\n");
        Assert.Equal((url, width, height), (item.Image?.Url.AbsoluteUri, item.Image?.Width, item.Image?.Height));
    }

    [Fact]
    public void Image_size_that_is_not_a_number_of_pixels_is_reported()
    {
        var problem = Parse.Error("2024-07-01-x.md", "---\ntitle: T\nimage:\n  url: /a.jpg\n  width: wide\n---\nBody.\n");
        Assert.Contains("width must be a whole number of pixels", problem.Message);
    }
}
