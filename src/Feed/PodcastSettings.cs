namespace Feed;

/// <summary>
/// The podcast feed's channel (<c>Feed:Podcast:*</c>, docs/formats.md): what Apple Podcasts and
/// the Podcasting 2.0 namespace ask of a show beyond an RSS channel. Validated before it is built.
/// </summary>
/// <param name="Image">The show's artwork: a square JPEG or PNG, 1400 to 3000 pixels a side (itunes:image).</param>
/// <param name="Category">An Apple category, optionally with its subcategory (itunes:category).</param>
/// <param name="Subcategory">The subcategory, nested in the category.</param>
/// <param name="OwnerEmail">Who Apple and podcast directories write to (itunes:owner, podcast:locked's owner).</param>
/// <param name="OwnerName">The owner's name; the feed's author when not set.</param>
/// <param name="Explicit">Whether episodes hold explicit content (itunes:explicit).</param>
/// <param name="Locked">podcast:locked: other platforms may not import the show without the owner's word.</param>
public sealed record PodcastSettings(Uri Image, string Category, string? Subcategory, string OwnerEmail, string OwnerName, bool Explicit,
    bool Locked = true);
