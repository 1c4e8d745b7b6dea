namespace Feed;

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
    public override Representation Render() => new(Bytes(Format, Document, Self, Settings), SitePaths.MediaType(Self.AbsolutePath), CompressNow);

    public static byte[] Bytes(FeedFormat format, FeedDocument document, Uri self, FeedSettings settings) => format switch
    {
        FeedFormat.Rss => FeedWriter.Rss(FeedBuilder.Rss(document, self, settings)),
        FeedFormat.Atom => FeedWriter.Atom(FeedBuilder.Atom(document, self, settings)),
        _ => JsonFeedWriter.Write(document, self, settings),
    };
}

/// <summary>The home page: the newest items and the tags.</summary>
public sealed record IndexRecipe(FeedDocument Document, FeedSettings Settings, IReadOnlyList<Tag> Tags) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.Index(Document, Settings, Tags), SitePaths.HtmlMediaType);
}

/// <summary>A tag's page.</summary>
public sealed record TagPageRecipe(Tag Tag, FeedDocument Document, FeedSettings Settings) : DocumentRecipe
{
    // Compressed on first request: a site may have hundreds of tags, most rarely visited.
    public override Representation Render() => new(HtmlPages.TagPage(Tag, Document, Settings), SitePaths.HtmlMediaType, compressNow: false);
}

/// <summary>One item's page.</summary>
public sealed record ItemPageRecipe(NewsItem Item, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.Item(Item, Settings), SitePaths.HtmlMediaType, compressNow: false);
}
