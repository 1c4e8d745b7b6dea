namespace Feed;

/// <summary>
/// A story's lead image (front matter <c>image</c>, or the first of <c>images</c>): the picture
/// pages, Open Graph, JSON-LD, Media RSS, JSON Feed and the sitemap show for it.
/// </summary>
/// <param name="Url">
/// Absolute on a story; as written in front matter (a path relative to the story, or an http(s)
/// URL) until the parser resolves it against the story's page.
/// </param>
/// <param name="Alt">Its text alternative (Jekyll's <c>image: {path, alt}</c>), when given.</param>
/// <param name="Width">Its width in pixels, when the front matter gives it.</param>
/// <param name="Height">Its height in pixels, when the front matter gives it.</param>
public sealed record LeadImage(Uri Url, string? Alt = null, int? Width = null, int? Height = null);
