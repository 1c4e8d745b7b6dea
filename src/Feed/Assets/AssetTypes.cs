using Feed.Site;

namespace Feed.Assets;

/// <summary>
/// The files beside the stories that Feed serves, by extension, with the media type each is sent
/// as: an allowlist, so a story file, a script, a config file or an editor's backup never is.
/// </summary>
public static class AssetTypes
{
    /// <summary>SVG is an image that may carry script: it is served, but under <see cref="SvgPolicy"/>.</summary>
    public const string Svg = "image/svg+xml";

    /// <summary>
    /// The Content-Security-Policy of an SVG: nothing it names is loaded, none of its script runs,
    /// and opened on its own it is a sandboxed, opaque origin (as GitHub serves raw SVG).
    /// </summary>
    public const string SvgPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    // Every extension Site.MediaTypes knows but e-books: pictures, audio, video, PDF, captions.
    static readonly HashSet<string> Served = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg",
        ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac",
        ".mp4", ".m4v", ".webm", ".ogv", ".mov",
        ".pdf", ".vtt", ".srt",
    };

    /// <summary>The media type a file is served as, or null when its extension is not on the list.</summary>
    public static string? Of(string path) => Served.Contains(Path.GetExtension(path)) ? MediaTypes.FromExtension(path) : null;

    public static bool IsImage(string mediaType) => mediaType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>Audio and video: the files served with range requests and played in pages.</summary>
    public static bool IsPlayable(string mediaType) =>
        mediaType.StartsWith("audio/", StringComparison.Ordinal) || mediaType.StartsWith("video/", StringComparison.Ordinal);
}
