using Feed.Formats;
using Feed.Formats.Html;
using Feed.Formats.Syndication;
using Feed.Publishing;
using Feed.Site;
namespace Feed.Documents;

/// <summary>
/// How to render one document, holding exactly the state it needs and nothing else: no closure,
/// no snapshot, no dictionary of other documents. A recipe carried into the next snapshot
/// unrendered therefore keeps only its own items alive, never an earlier generation.
/// </summary>
public abstract record DocumentRecipe
{
    public abstract Representation Render();
}

/// <summary>One feed in one format.</summary>
public sealed record FeedRecipe(FeedFormat Format, FeedDocument Document, Uri Self, FeedSettings Settings, bool CompressNow) : DocumentRecipe
{
    public override Representation Render() => new(Bytes(Format, Document, Self, Settings), DocumentFormat.Of(Format).MediaType, CompressNow);

    public static byte[] Bytes(FeedFormat format, FeedDocument document, Uri self, FeedSettings settings) => format switch
    {
        FeedFormat.Rss => FeedWriter.Rss(FeedBuilder.Rss(document, self, settings)),
        FeedFormat.Atom => FeedWriter.Atom(FeedBuilder.Atom(document, self, settings)),
        _ => JsonFeedWriter.Write(document, self, settings),
    };
}

/// <summary>The home page: the newest items and the tags.</summary>
public sealed record IndexRecipe(FeedDocument Document, FeedSettings Settings, IReadOnlyList<Tag> Tags, string? Older) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.Index(Document, Settings, Tags, Older), DocumentFormat.Html.MediaType);
}

/// <summary>A numbered page of older stories, the site's or a tag's.</summary>
public sealed record NumberedPageRecipe(ListPage Page, string? TagSlug, string? TagName, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.NumberedPage(Page, TagSlug, TagName, Settings), DocumentFormat.Html.MediaType, compressNow: false);
}

/// <summary>/tags: names and counts only, so it holds no items.</summary>
public sealed record TagIndexRecipe(IReadOnlyList<(string Slug, string Name, int Count)> Tags, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.TagIndex(Tags, Settings), DocumentFormat.Html.MediaType);
}

/// <summary>/sitemap.xml (or one part of it): listing pages' paths and items.</summary>
public sealed record SitemapRecipe(IReadOnlyList<string> Pages, IReadOnlyList<NewsItem> Items, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(SitemapWriter.Write(Pages, Items, Settings), DocumentFormat.Sitemap.MediaType, compressNow: false);
}

/// <summary>A tag's page.</summary>
public sealed record TagPageRecipe(Tag Tag, FeedDocument Document, FeedSettings Settings, string? Older) : DocumentRecipe
{
    // Compressed on first request: a site may have hundreds of tags, most rarely visited.
    public override Representation Render() => new(HtmlPages.TagPage(Tag, Document, Settings, Older), DocumentFormat.Html.MediaType, compressNow: false);
}

/// <summary>One item's page.</summary>
public sealed record ItemPageRecipe(NewsItem Item, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.Item(Item, Settings), DocumentFormat.Html.MediaType, compressNow: false);
}

/// <summary>/sitemap.xml when the pages need more than one file: the index of its parts.</summary>
public sealed record SitemapIndexRecipe(int Parts, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(SitemapWriter.WriteIndex(Parts, Settings), DocumentFormat.Sitemap.MediaType, compressNow: false);
}

/// <summary>/podcast.xml: the audio stories with Apple's and the Podcasting 2.0 tags.</summary>
public sealed record PodcastRecipe(FeedDocument Document, Uri Self, FeedSettings Settings, PodcastSettings Podcast) : DocumentRecipe
{
    public override Representation Render() =>
        new(FeedWriter.Podcast(PodcastBuilder.Build(Document, Self, Settings, Podcast)), DocumentFormat.Rss.MediaType, compressNow: false);
}
