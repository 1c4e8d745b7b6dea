using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Formats.Html;
using Feed.Items;
using Feed.Site;

namespace Feed.Formats.Syndication;

/// <summary>
/// Items to a <see cref="SyndicationFeed"/> for RSS 2.0 or Atom 1.0. Pure: every id and date is
/// set from the items, because the library invents a random id and "now" for unset ones.
/// </summary>
public static class FeedBuilder
{
    public const string AtomNamespace = ExtensionElements.AtomNamespace;
    public const string ContentNamespace = ExtensionElements.ContentNamespace;
    public const string DublinCoreNamespace = ExtensionElements.DublinCoreNamespace;
    public const string MediaNamespace = ExtensionElements.MediaNamespace;
    public const string HistoryNamespace = "http://purl.org/syndication/history/1.0";
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    public const string Generator = "Feed";

    public static SyndicationFeed Rss(FeedDocument document, Uri selfUrl, FeedSettings settings)
    {
        var feed = Channel(document, selfUrl, settings);
        // RSS image is the channel's logo; a square icon stands in when no logo is set. The
        // formatter writes its title and link from the channel's, as the W3C validator wants.
        feed.ImageUrl = settings.Logo ?? settings.Icon;
        // Namespaces are declared on <rss> by ProfileXmlWriter (as the RSS Profile asks).
        // RSS has no self or hub link of its own; the Atom ones are the convention (RSS Best Practices).
        feed.ElementExtensions.Add(ExtensionElements.AtomLink("self", selfUrl, DocumentFormat.Rss.Type));
        // RSS 2.0 channel pubDate, which SmartNews requires: the newest story's published date
        // (the formatter knows only lastBuildDate). Published stories are never in the future.
        if (document.Items.Count > 0)
            feed.ElementExtensions.Add(ExtensionElements.Of(new XElement("pubDate", ExtensionElements.Rfc822(document.Published))));
        foreach (var hub in settings.WebSubHubs)
            feed.ElementExtensions.Add(ExtensionElements.AtomLink("hub", hub, null));
        feed.Items = document.Items.Select(item =>
        {
            var entry = Entry(item);
            // RSS Profile, item description: it holds HTML, so a plain-text summary is escaped as HTML
            // once here and once more as XML: "AT&T <b>" reaches every reader as that text.
            entry.Summary = new TextSyndicationContent(HtmlText.EscapeText(SummaryOrTitle(item)));
            if (item.Enclosure is { } enclosure)
                entry.ElementExtensions.Add(ExtensionElements.RssEnclosure(enclosure));
            // RSS has no modified date; atom:updated is the one feedparser reads ("updated") and the
            // W3C validator accepts in an item, and MSN needs one to pick up a correction.
            entry.ElementExtensions.Add(ExtensionElements.Element(AtomNamespace, "updated", ItemDate.Rfc3339String(item.Updated)));
            // RSS 2.0 has one text field, description: the summary goes there and the full
            // HTML into content:encoded, as WordPress and most readers expect.
            if (settings.FeedContent == FeedContent.Full && item.RenderContent() is { Length: > 0 } encoded)
                entry.ElementExtensions.Add(ExtensionElements.Element(ContentNamespace, "encoded", encoded));
            // RSS <author> must be an email address; dc:creator carries names. One element with
            // every name, as WordPress writes it: newsboat keeps only the first dc:creator, so
            // one element per author would lose every name but the first there.
            if (item.Authors.Count > 0)
                entry.ElementExtensions.Add(ExtensionElements.Element(DublinCoreNamespace, "creator", string.Join(", ", item.Authors.Select(a => a.Name))));
            foreach (var media in ExtensionElements.Media(item))
                entry.ElementExtensions.Add(media);
            return entry;
        }).ToList();
        return feed;
    }

    public static SyndicationFeed Atom(FeedDocument document, Uri selfUrl, FeedSettings settings)
    {
        var feed = Channel(document, selfUrl, settings);
        feed.Authors.Add(new SyndicationPerson { Name = settings.EffectiveAuthor });
        foreach (var (rel, href) in document.Links)
            feed.Links.Add(new SyndicationLink(href) { RelationshipType = rel, MediaType = DocumentFormat.Atom.Type });
        if (document.IsArchive)
        {
            feed.AttributeExtensions.Add(new XmlQualifiedName("fh", XNamespace.Xmlns.NamespaceName), HistoryNamespace);
            feed.ElementExtensions.Add(ExtensionElements.Of(new XElement(XName.Get("archive", HistoryNamespace))));
        }
        // RFC 4287 4.2.5 icon (square, small) and 4.2.8 logo (about 2:1).
        if (settings.Icon is { } icon)
            feed.ElementExtensions.Add(ExtensionElements.Of(new XElement(XName.Get("icon", AtomNamespace), icon.AbsoluteUri), prefixed: false));
        feed.ImageUrl = settings.Logo;
        feed.Items = document.Items.Select(item =>
        {
            var entry = Entry(item);
            entry.Summary = new TextSyndicationContent(SummaryOrTitle(item));
            foreach (var author in item.Authors)
                entry.Authors.Add(new SyndicationPerson(author.Email, author.Name, author.Uri?.AbsoluteUri));
            // An empty <content type="html"/> says "this story has no text" (the W3C validator's
            // NotBlank); with no body the entry has its summary and its alternate link (RFC 4287 4.1.1.1).
            // Feed:FeedContent=summary: the summary and the alternate link only.
            if (settings.FeedContent == FeedContent.Full && item.RenderContent() is { Length: > 0 } content)
                entry.Content = SyndicationContent.CreateHtmlContent(content);
            // RFC 4287 2: xml:lang on the entry, so a reader hyphenates and aligns it rightly.
            if (item.Language is { } language)
                entry.AttributeExtensions.Add(new XmlQualifiedName("lang", XmlNamespace), language);
            if (item.Enclosure is { } enclosure)
                entry.Links.Add(SyndicationLink.CreateMediaEnclosureLink(enclosure.Url, enclosure.MediaType, enclosure.Length));
            foreach (var media in ExtensionElements.Media(item))
                entry.ElementExtensions.Add(media);
            return entry;
        }).ToList();
        return feed;
    }

    static string SummaryOrTitle(NewsItem item) => item.Summary.Length > 0 ? item.Summary : item.Title;

    static SyndicationFeed Channel(FeedDocument document, Uri selfUrl, FeedSettings settings)
    {
        var feed = new SyndicationFeed
        {
            Id = document.Id,
            Title = new TextSyndicationContent(document.Title),
            Description = new TextSyndicationContent(document.Description),
            Language = settings.Language,
            LastUpdatedTime = document.Updated,
            Generator = Generator,
        };
        // RSS copyright, Atom rights (RFC 4287 4.2.10).
        if (settings.Copyright is { } copyright)
            feed.Copyright = new TextSyndicationContent(copyright);
        feed.Links.Add(SyndicationLink.CreateAlternateLink(document.HomeUrl, DocumentFormat.Html.Type));
        feed.Links.Add(SyndicationLink.CreateSelfLink(selfUrl, DocumentFormat.Atom.Type));
        foreach (var hub in document.AdvertisesHub ? settings.WebSubHubs : [])
            feed.Links.Add(new SyndicationLink(hub) { RelationshipType = "hub" });
        return feed;
    }

    static SyndicationItem Entry(NewsItem item)
    {
        var entry = new SyndicationItem
        {
            Id = item.Id,
            Title = new TextSyndicationContent(item.Title),
            PublishDate = item.Published,
            LastUpdatedTime = item.Updated,
        };
        entry.Links.Add(SyndicationLink.CreateAlternateLink(item.Link, DocumentFormat.Html.Type));
        foreach (var tag in item.Tags)
            entry.Categories.Add(new SyndicationCategory(tag));
        return entry;
    }
}
