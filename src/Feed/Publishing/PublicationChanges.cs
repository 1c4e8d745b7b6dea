namespace Feed.Publishing;

/// <summary>
/// What the desk needs to hear between two publications (docs/items.md: "the log says,
/// once, when a story is held back as scheduled and when it goes out"): stories newly held as
/// scheduled, held stories that went out, stories that expired, and new drafts. Files are
/// matched by path, so an edit that moves a held story's time is told again, with the new time.
/// </summary>
public sealed record PublicationChanges(
    IReadOnlyList<NewsItem> Held,
    IReadOnlyList<NewsItem> WentOut,
    IReadOnlyList<NewsItem> Expired,
    IReadOnlyList<NewsItem> Drafts)
{
    /// <param name="previous">The publication served until now; null at the first build.</param>
    /// <param name="current">The one about to be served.</param>
    public static PublicationChanges Between(Publication? previous, Publication current)
    {
        var wasHeld = (previous?.Scheduled ?? []).ToDictionary(i => i.SourcePath, i => i.Published, StringComparer.Ordinal);
        var wasExpired = (previous?.Expired ?? []).Select(i => i.SourcePath).ToHashSet(StringComparer.Ordinal);
        var wasDraft = (previous?.Drafts ?? []).Select(i => i.SourcePath).ToHashSet(StringComparer.Ordinal);

        var held = current.Scheduled
            .Where(i => !wasHeld.TryGetValue(i.SourcePath, out var time) || time != i.Published)
            .OrderBy(i => i.Published).ThenBy(i => i.SourcePath, StringComparer.Ordinal).ToList();
        var wentOut = current.Items.Where(i => wasHeld.ContainsKey(i.SourcePath)).OrderBy(i => i.SourcePath, StringComparer.Ordinal).ToList();
        // At the first build nothing has left the feeds yet: an old expired story is not news.
        var expired = previous is null ? [] : current.Expired.Where(i => !wasExpired.Contains(i.SourcePath)).OrderBy(i => i.SourcePath, StringComparer.Ordinal).ToList();
        var drafts = current.Drafts.Where(i => !wasDraft.Contains(i.SourcePath)).OrderBy(i => i.SourcePath, StringComparer.Ordinal).ToList();
        return new PublicationChanges(held, wentOut, expired, drafts);
    }
}
