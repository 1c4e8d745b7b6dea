using Feed.Assets;
using Feed.Items.FrontMatter;

namespace Feed.Items;

/// <summary>An item's media made absolute: the lead image, the enclosure, the transcript, and every file its story names.</summary>
internal static class ItemMedia
{
    /// <summary>The front matter's image, resolved where the story's files are; null when it is not a URL.</summary>
    public static LeadImage? Image(FrontMatterFields front, StoryLocation location) =>
        front.Image is { } lead && Uri.TryCreate(location.Resolve(lead.Url.OriginalString, isFile: true), UriKind.Absolute, out var url)
            ? lead with { Url = url } : null;

    /// <summary>The front matter's enclosure with a relative URL resolved; null when that is not an http(s) URL.</summary>
    public static Enclosure? Enclosure(FrontMatterFields front, StoryLocation location) =>
        front.Enclosure is { Url.IsAbsoluteUri: false } local
            ? Uri.TryCreate(location.Resolve(local.Url.OriginalString, isFile: true), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? local with { Url = url } : null
            : front.Enclosure;

    /// <summary>The lead image, the enclosure and the body's images, with the lines that name them (checked against the files served).</summary>
    public static IReadOnlyList<MediaReference> References(LeadImage? image, Enclosure? enclosure, FrontMatterFields front, ItemText text, bool markdown, StoryLocation location)
    {
        var inline = markdown ? InlineImages.In(MayShowImages(text) ? text.BodyText : "", text.BodyLine, location) : [];
        return image is null && enclosure is null ? inline
            : [.. image is null ? [] : new[] { new MediaReference(image.Url, front.ImageLine, "lead image") },
               .. enclosure is null ? [] : new[] { new MediaReference(enclosure.Url, front.EnclosureLine, "enclosure") }, .. inline];
    }

    // A waiting body is decoded only when it may show an image.
    static bool MayShowImages(ItemText text) => !text.Deferred || text.Waiting.Span.IndexOf("!["u8) >= 0;

    /// <summary>
    /// The transcript made absolute: a path from the root against BaseUrl, a relative one against
    /// the story's page (beside it, as an image is); its media type from the extension.
    /// </summary>
    public static Transcript? Transcript(FrontMatterFields front, StoryLocation location, string path, List<ItemProblem> problems)
    {
        if (front.Transcript is not { } text)
            return null;
        var url = text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal)
            ? new Uri(location.Site, text.TrimStart('/'))
            : new Uri(location.Page, text);
        if (Feed.Transcript.MediaTypeOf(url.AbsolutePath) is { } type)
            return new Transcript(url, type);
        problems.Add(new(path, front.TranscriptLine,
            $"'transcript' must end in .vtt, .srt, .json, .html or .txt (its type is read from the extension); got '{text}'; it is left out",
            ProblemLevel.Warning));
        return null;
    }
}
