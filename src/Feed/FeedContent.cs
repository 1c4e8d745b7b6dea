namespace Feed;

/// <summary>What every feed carries of a story's text (Feed:FeedContent).</summary>
public enum FeedContent
{
    /// <summary>The full HTML content (RSS content:encoded, Atom content, JSON Feed content_html) beside the summary.</summary>
    Full,

    /// <summary>
    /// The summary and the link only, as paywalled and ad-funded newsrooms publish (WordPress's
    /// "Summary", jekyll-feed's excerpt_only). JSON Feed 1.1 needs one content field, so its
    /// content_text is the summary.
    /// </summary>
    Summary,
}
