using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace Feed;

/// <summary>
/// Items to a <see cref="SyndicationFeed"/> for RSS 2.0 or Atom 1.0. Pure: every id and date is
/// set from the items, because the library invents a random id and "now" for unset ones.
/// </summary>
public static class FeedBuilder
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    public const string HistoryNamespace = "http://purl.org/syndication/history/1.0";
    public const string Generator = "Feed";

    public static SyndicationFeed Rss(FeedDocument document, Uri selfUrl, FeedSettings settings)
    {
        var feed = Channel(document, selfUrl, settings);
        // Declared once on the channel so every item's extension reuses the short prefixes.
        feed.AttributeExtensions.Add(new XmlQualifiedName("atom", XNamespace.Xmlns.NamespaceName), AtomNamespace);
        feed.AttributeExtensions.Add(new XmlQualifiedName("content", XNamespace.Xmlns.NamespaceName), ContentNamespace);
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", XNamespace.Xmlns.NamespaceName), DublinCoreNamespace);
        // RSS has no self or hub link of its own; the Atom ones are the convention (RSS Best Practices).
        feed.ElementExtensions.Add(AtomLink("self", selfUrl, "application/rss+xml"));
        if (settings.WebSubHub is { } hub)
            feed.ElementExtensions.Add(AtomLink("hub", hub, null));
        feed.Items = document.Items.Select(item =>
        {
            var entry = Entry(item);
            // RSS 2.0 has one text field, description: the summary goes there and the full
            // HTML into content:encoded, as WordPress and most readers expect.
            entry.ElementExtensions.Add(new XElement(XName.Get("encoded", ContentNamespace), item.ContentHtml));
            // RSS <author> must be an email address; dc:creator carries names. One element with
            // every name, as WordPress writes it: readers such as newsboat keep only one.
            if (item.Authors.Count > 0)
                entry.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCoreNamespace), string.Join(", ", item.Authors.Select(a => a.Name))));
            return entry;
        }).ToList();
        return feed;
    }

    public static SyndicationFeed Atom(FeedDocument document, Uri selfUrl, FeedSettings settings)
    {
        var feed = Channel(document, selfUrl, settings);
        feed.Authors.Add(new SyndicationPerson { Name = settings.EffectiveAuthor });
        foreach (var (rel, href) in document.Links)
            feed.Links.Add(new SyndicationLink(href) { RelationshipType = rel, MediaType = "application/atom+xml" });
        if (document.IsArchive)
        {
            feed.AttributeExtensions.Add(new XmlQualifiedName("fh", XNamespace.Xmlns.NamespaceName), HistoryNamespace);
            feed.ElementExtensions.Add(new XElement(XName.Get("archive", HistoryNamespace)));
        }
        feed.Items = document.Items.Select(item =>
        {
            var entry = Entry(item);
            foreach (var author in item.Authors)
                entry.Authors.Add(new SyndicationPerson(author.Email, author.Name, author.Uri?.AbsoluteUri));
            entry.Content = SyndicationContent.CreateHtmlContent(item.ContentHtml);
            return entry;
        }).ToList();
        return feed;
    }

    static XElement AtomLink(string rel, Uri href, string? type) =>
        new(XName.Get("link", AtomNamespace),
            new XAttribute("href", href.AbsoluteUri),
            new XAttribute("rel", rel),
            type is null ? null : new XAttribute("type", type));

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
        feed.Links.Add(SyndicationLink.CreateAlternateLink(document.HomeUrl, "text/html"));
        feed.Links.Add(SyndicationLink.CreateSelfLink(selfUrl, "application/atom+xml"));
        if (settings.WebSubHub is { } hub)
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
            Summary = new TextSyndicationContent(item.Summary.Length > 0 ? item.Summary : item.Title),
        };
        entry.Links.Add(SyndicationLink.CreateAlternateLink(item.Link, "text/html"));
        foreach (var tag in item.Tags)
            entry.Categories.Add(new SyndicationCategory(tag));
        if (item.Enclosure is { } enclosure)
            entry.Links.Add(SyndicationLink.CreateMediaEnclosureLink(enclosure.Url, enclosure.MediaType, enclosure.Length));
        return entry;
    }
}
