using System.ServiceModel.Syndication;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Items;

namespace Feed.Formats.Syndication;

/// <summary>
/// The podcast feed (/podcast.xml): the news RSS channel of the audio stories, with the tags Apple
/// Podcasts requires (https://help.apple.com/itc/podcasts_connect/#/itcb54353390: itunes:image,
/// itunes:category, itunes:explicit, itunes:author, itunes:owner) and the Podcasting 2.0
/// namespace's podcast:guid, podcast:locked and podcast:transcript.
/// </summary>
public static class PodcastBuilder
{
    const string Itunes = ExtensionElements.ItunesNamespace;
    const string Podcast = ExtensionElements.PodcastNamespace;

    /// <summary>A story is an episode when its enclosure is audio.</summary>
    public static bool IsEpisode(NewsItem item) => item.Enclosure?.MediaType.StartsWith("audio/", StringComparison.Ordinal) == true;

    public static SyndicationFeed Build(FeedDocument document, Uri selfUrl, FeedSettings settings, PodcastSettings podcast)
    {
        var feed = FeedBuilder.Rss(document, selfUrl, settings);
        // The RSS image is the show's artwork too: some apps read only that one.
        feed.ImageUrl = podcast.Image;
        var channel = feed.ElementExtensions;
        channel.Add(Element(Itunes, "author", settings.EffectiveAuthor));
        channel.Add(ExtensionElements.Of(new XElement(XName.Get("owner", Itunes),
            new XElement(XName.Get("name", Itunes), podcast.OwnerName), new XElement(XName.Get("email", Itunes), podcast.OwnerEmail))));
        channel.Add(ExtensionElements.Of(new XElement(XName.Get("image", Itunes), new XAttribute("href", podcast.Image.AbsoluteUri))));
        channel.Add(ExtensionElements.Of(new XElement(XName.Get("category", Itunes), new XAttribute("text", podcast.Category),
            podcast.Subcategory is { } sub ? new XElement(XName.Get("category", Itunes), new XAttribute("text", sub)) : null)));
        channel.Add(Element(Itunes, "explicit", Explicit(podcast)));
        // News bulletins are heard newest first.
        channel.Add(Element(Itunes, "type", "episodic"));
        channel.Add(Element(Podcast, "guid", PodcastGuid.Of(selfUrl).ToString()));
        // "yes": other platforms may not import the show unless its owner (this email) agrees.
        channel.Add(ExtensionElements.Of(new XElement(XName.Get("locked", Podcast), new XAttribute("owner", podcast.OwnerEmail),
            podcast.Locked ? "yes" : "no")));

        foreach (var (entry, item) in feed.Items.Zip(document.Items))
        {
            var tags = entry.ElementExtensions;
            if (item.Duration is { } duration)
                tags.Add(Element(Itunes, "duration", MediaDuration.ForItunes(duration)));
            tags.Add(Element(Itunes, "episodeType", "full"));
            tags.Add(Element(Itunes, "explicit", Explicit(podcast)));
            if (item.Transcript is { } transcript)
                tags.Add(ExtensionElements.Of(new XElement(XName.Get("transcript", Podcast),
                    new XAttribute("url", transcript.Url.AbsoluteUri), new XAttribute("type", transcript.MediaType),
                    item.Language is { } language ? new XAttribute("language", language) : null,
                    transcript.IsCaptions ? new XAttribute("rel", "captions") : null)));
        }
        return feed;
    }

    // Apple's current form, "true" or "false" ("yes"/"clean" are its old one).
    static string Explicit(PodcastSettings podcast) => podcast.Explicit ? "true" : "false";

    static SyndicationElementExtension Element(string ns, string name, string text) => ExtensionElements.Element(ns, name, text);
}
