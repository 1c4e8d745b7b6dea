using Feed.Items.Text;
using Feed.Site;

namespace Feed.Assets;

/// <summary>
/// Where a story's relative URLs point. A link to a page is resolved against the story's page, as
/// before; a file Feed serves (<see cref="AssetTypes"/>: "map.png", "/audio/bulletin.mp3") is
/// resolved where the file is: a relative path against the story file's own folder (Hugo's page
/// bundles, Jekyll's assets beside the post), a root path against the site's base URL. The page
/// and folder are made when a URL is first resolved (a render), not for every story at start.
/// </summary>
public sealed class StoryLocation
{
    readonly string? _pagePath;
    readonly string _sourcePath;
    Uri? _page;
    Uri? _folder;

    StoryLocation(Uri site, string sourcePath, Uri? page, string? pagePath)
    {
        Site = site;
        _sourcePath = sourcePath;
        _page = page;
        _pagePath = pagePath;
    }

    /// <summary>Feed:BaseUrl, with a trailing slash.</summary>
    public Uri Site { get; }

    /// <summary>The story's page.</summary>
    public Uri Page => _page ??= SitePaths.Absolute(Site, _pagePath!);

    /// <summary>The folder of the story's file under the site, with a trailing slash.</summary>
    public Uri Folder => _folder ??= FolderOf(Site, _sourcePath);

    /// <summary>The location of the file at <paramref name="sourcePath"/> (below the items folder) whose page is <paramref name="page"/>.</summary>
    public static StoryLocation Of(Uri site, string sourcePath, Uri page) => new(site, sourcePath, page, null);

    /// <summary>The location of the file at <paramref name="sourcePath"/> whose page is <paramref name="pagePath"/> below <paramref name="site"/>.</summary>
    public static StoryLocation Of(Uri site, string sourcePath, string pagePath) => new(site, sourcePath, null, pagePath);

    static Uri FolderOf(Uri site, string sourcePath)
    {
        var slash = sourcePath.LastIndexOf('/');
        return slash < 0 ? site : SitePaths.Absolute(site, "/" + sourcePath[..(slash + 1)]);
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
