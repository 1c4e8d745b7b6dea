namespace Feed;

/// <summary>What one feed document is: its own title, where it lives, and the items it shows.</summary>
/// <param name="Title">The feed's title.</param>
/// <param name="Description">Its description (RSS) or subtitle (Atom).</param>
/// <param name="HomeUrl">The HTML page the feed belongs to.</param>
/// <param name="Items">Newest first, already capped.</param>
public sealed record FeedDocument(string Title, string Description, Uri HomeUrl, IReadOnlyList<NewsItem> Items)
{
    /// <summary>RFC 4287 4.2.15 and RSS lastBuildDate: the newest change shown, never "now".</summary>
    public DateTimeOffset Updated => Items.Count == 0 ? DateTimeOffset.UnixEpoch : Items.Max(i => i.Updated);
}
