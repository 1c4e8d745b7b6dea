namespace Feed.Site;

/// <summary>
/// Media types by extension: of the files stories attach (guessed when front matter does not say)
/// and of the files beside the stories that Feed serves (<see cref="Assets.AssetTypes"/>).
/// </summary>
public static class MediaTypes
{
    static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp3"] = "audio/mpeg",
        [".m4a"] = "audio/mp4",
        [".aac"] = "audio/aac",
        [".ogg"] = "audio/ogg",
        [".oga"] = "audio/ogg",
        [".opus"] = "audio/ogg", // Opus in an Ogg file; audio/opus names the bare RTP stream
        [".wav"] = "audio/wav",
        [".flac"] = "audio/flac",
        [".mp4"] = "video/mp4",
        [".m4v"] = "video/mp4",
        [".webm"] = "video/webm",
        [".ogv"] = "video/ogg",
        [".mov"] = "video/quicktime",
        [".pdf"] = "application/pdf",
        [".epub"] = "application/epub+zip",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".svg"] = "image/svg+xml",
        // Captions and transcripts of the audio and video (WebVTT is UTF-8 by definition).
        [".vtt"] = "text/vtt",
        [".srt"] = "application/x-subrip",
    };

    /// <summary>The media type for a path's extension, or null when it is not one we know.</summary>
    public static string? FromExtension(string path) => ByExtension.GetValueOrDefault(Path.GetExtension(path));
}
