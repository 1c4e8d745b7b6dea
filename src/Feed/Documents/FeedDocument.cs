namespace Feed.Documents;

/// <summary>What one feed document is: its own title, where it lives, and the items it shows.</summary>
/// <param name="Title">The feed's title.</param>
/// <param name="Description">Its description (RSS) or subtitle (Atom).</param>
/// <param name="HomeUrl">The HTML page the feed belongs to.</param>
/// <param name="Items">Newest first, already capped.</param>
public sealed record FeedDocument(string Title, string Description, Uri HomeUrl, IReadOnlyList<NewsItem> Items)
{
    /// <summary>
    /// RFC 4287 4.2.15 and RSS lastBuildDate: the newest change shown, never "now" (and never in
    /// the future: <see cref="Publishing.Publication"/> publishes no story updated later than its moment of selection).
    /// </summary>
    public DateTimeOffset Updated => Items.Count == 0 ? EmptyUpdated : Items.Max(i => i.Updated);

    /// <summary>What <see cref="Updated"/> says when the document shows no item (an empty month of the archives).</summary>
    public DateTimeOffset EmptyUpdated { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>RSS channel pubDate: the newest story's published date.</summary>
    public DateTimeOffset Published => Items.Count == 0 ? EmptyUpdated : Items.Max(i => i.Published);

    /// <summary>
    /// Whether the document names the WebSub hub. The monthly documents do not: they are not
    /// pinged (a reader finds their changes through the feeds), and a hub link would promise it.
    /// </summary>
    public bool AdvertisesHub { get; init; } = true;

    /// <summary>JSON Feed next_url: the document with the next (older) stories, when there is one.</summary>
    public Uri? NextUrl { get; init; }

    /// <summary>
    /// RFC 4287 4.2.6 feed id: from the id authority, not the base URL, so it survives a move of
    /// the site. Archive documents share their feed's id (RFC 5005: one logical feed).
    /// </summary>
    public required string Id { get; init; }

    /// <summary>Links beyond alternate, self and hub, such as RFC 5005's prev-archive and current.</summary>
    public IReadOnlyList<(string Rel, Uri Href)> Links { get; init; } = [];

    /// <summary>An RFC 5005 archive document (fh:archive): its items are a fixed page of the history.</summary>
    public bool IsArchive { get; init; }
}
