using System.Globalization;

namespace Feed.Assets;

/// <summary>
/// One file served from beside the stories, as the last scan saw it.
/// </summary>
/// <param name="Path">Below the items folder, '/' separators ("posts/cricket-final/trophy.jpg"); its URL is /Path.</param>
/// <param name="MediaType">From <see cref="AssetTypes"/>.</param>
/// <param name="Length">Its size in bytes (an enclosure's length).</param>
/// <param name="LastWriteUtc">Its modification time: Last-Modified, and how a serve tells the file changed since the scan.</param>
/// <param name="Hash">XxHash3 of its bytes: the strong ETag (RFC 9110 8.8.3) says the bytes, not the time.</param>
public sealed record AssetFile(string Path, string MediaType, long Length, DateTime LastWriteUtc, ulong Hash)
{
    /// <summary>The strong entity tag, quoted.</summary>
    public string ETag { get; } = string.Create(CultureInfo.InvariantCulture, $"\"{Hash:x16}\"");

    /// <summary>Its path under the site.</summary>
    public string SitePath => "/" + Path;
}
