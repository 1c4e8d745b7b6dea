using Feed.Items;
using Feed.Site;

namespace Feed.Assets;

/// <summary>
/// Where a story's relative URLs point. A link to a page is resolved against the story's page, as
/// before; a file Feed serves (<see cref="AssetTypes"/>: "map.png", "/audio/bulletin.mp3") is
/// resolved where the file is: a relative path against the story file's own folder (Hugo's page
/// bundles, Jekyll's assets beside the post), a root path against the site's base URL.
/// </summary>
/// <param name="Page">The story's page.</param>
/// <param name="Folder">The folder of the story's file under the site, with a trailing slash.</param>
/// <param name="Site">Feed:BaseUrl, with a trailing slash.</param>
public sealed record StoryLocation(Uri Page, Uri Folder, Uri Site)
{
    /// <summary>The location of the file at <paramref name="sourcePath"/> (below the items folder) whose page is <paramref name="page"/>.</summary>
    public static StoryLocation Of(Uri site, string sourcePath, Uri page)
    {
        var slash = sourcePath.LastIndexOf('/');
        var folder = slash < 0 ? site : SitePaths.Absolute(site, "/" + sourcePath[..(slash + 1)]);
        return new StoryLocation(page, folder, site);
    }

    /// <summary>
    /// <paramref name="url"/> made absolute; one with a scheme is returned as it is. A front
    /// matter <c>image</c> or <c>enclosure</c> is always a file (<paramref name="isFile"/>).
    /// </summary>
    public string Resolve(string url, bool isFile = false)
    {
        if (TextPatterns.HasScheme(url))
            return url;
        if (url.StartsWith("//", StringComparison.Ordinal))
            return Uri.TryCreate(Page, url, out var other) ? other.AbsoluteUri : url; // another host, the site's scheme
        var end = url.AsSpan().IndexOfAny('?', '#');
        var path = end < 0 ? url : url[..end];
        if (path.Length > 0 && (isFile || AssetTypes.Of(path) is not null))
        {
            var resolved = path.StartsWith('/') ? (Uri.TryCreate(Site, url[1..], out var r) ? r : null)
                : Uri.TryCreate(Folder, url, out var f) ? f : null;
            // "../../x.jpg" may climb above the site's path: still a URL, just not one of ours.
            if (resolved is not null)
                return resolved.AbsoluteUri;
        }
        return Uri.TryCreate(Page, url, out var absolute) ? absolute.AbsoluteUri : url;
    }
}
