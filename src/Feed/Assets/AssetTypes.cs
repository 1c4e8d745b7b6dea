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

    static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".svg"] = Svg,
        [".mp3"] = "audio/mpeg",
        [".m4a"] = "audio/mp4",
        [".aac"] = "audio/aac",
        [".ogg"] = "audio/ogg",
        [".oga"] = "audio/ogg",
        [".opus"] = "audio/ogg",
        [".wav"] = "audio/wav",
        [".flac"] = "audio/flac",
        [".mp4"] = "video/mp4",
        [".m4v"] = "video/mp4",
        [".webm"] = "video/webm",
        [".ogv"] = "video/ogg",
        [".mov"] = "video/quicktime",
        [".pdf"] = "application/pdf",
        // Captions and transcripts of the audio and video (WebVTT is UTF-8 by definition).
        [".vtt"] = "text/vtt",
        [".srt"] = "application/x-subrip",
    };

    /// <summary>The media type a file is served as, or null when its extension is not on the list.</summary>
    public static string? Of(string path) => ByExtension.GetValueOrDefault(Path.GetExtension(path));

    public static bool IsImage(string mediaType) => mediaType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>Audio and video: the files served with range requests and played in pages.</summary>
    public static bool IsPlayable(string mediaType) =>
        mediaType.StartsWith("audio/", StringComparison.Ordinal) || mediaType.StartsWith("video/", StringComparison.Ordinal);
}
