namespace Feed;

/// <summary>
/// A story's transcript (front matter <c>transcript</c>), for the podcast feed's
/// <c>podcast:transcript</c>: an absolute URL and the media type its extension names.
/// </summary>
public sealed record Transcript(Uri Url, string MediaType)
{
    /// <summary>The media types the Podcasting 2.0 namespace lists, by file extension; null for another extension.</summary>
    public static string? MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".vtt" => "text/vtt",
        ".srt" => "application/x-subrip",
        ".json" => "application/json",
        ".html" or ".htm" => "text/html",
        ".txt" => "text/plain",
        _ => null,
    };

    /// <summary>Captions (WebVTT, SubRip) carry timings: the namespace marks them rel="captions".</summary>
    public bool IsCaptions => MediaType is "text/vtt" or "application/x-subrip";
}
