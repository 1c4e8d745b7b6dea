using Feed.Items;

namespace Feed.Assets;

/// <summary>
/// The files served from beside the stories, by the paths they answer at: each at its own path
/// under the site (/posts/cricket-final/trophy.jpg) and, for a page bundle (Hugo's
/// posts/cricket-final/index.md with files beside it), also beside the story's page
/// (/2024/03/07/cricket-final/trophy.jpg). Immutable: built with each snapshot.
/// </summary>
public sealed class AssetSet
{
    public static readonly AssetSet Empty = new([], [], new Uri("http://localhost/"));

    readonly Dictionary<string, AssetFile> _byPath = new(StringComparer.Ordinal);
    readonly Uri _site;

    /// <param name="files">What <see cref="AssetScan"/> found.</param>
    /// <param name="items">The stories, for their page bundles.</param>
    /// <param name="site">Feed:BaseUrl.</param>
    public AssetSet(IReadOnlyList<AssetFile> files, IEnumerable<NewsItem> items, Uri site)
    {
        Files = files;
        _site = site;
        foreach (var file in files)
            _byPath[file.SitePath] = file;
        foreach (var item in items)
        {
            if (BundleFolder(item.SourcePath) is not { } folder)
                continue;
            foreach (var file in files)
            {
                // A file's own path wins over a page's neighbour of the same name.
                if (file.Path.StartsWith(folder, StringComparison.Ordinal))
                    _byPath.TryAdd(item.PagePath + "/" + file.Path[folder.Length..], file);
            }
        }
    }

    /// <summary>Every file, once, by its own path.</summary>
    public IReadOnlyList<AssetFile> Files { get; }

    /// <summary>Every path a file is served at, with the file (an export writes each).</summary>
    public IEnumerable<(string Path, AssetFile Asset)> Paths => _byPath.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value));

    /// <summary>The file served at a request's (decoded) path, or null.</summary>
    public AssetFile? At(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The file an absolute URL names, when it is under the site and served; else null.</summary>
    public AssetFile? Of(Uri url) => Below(url) is { } path ? At(path) : null;

    /// <summary>The decoded path below the site of a URL under it ("/audio/a.mp3"), or null for a URL elsewhere.</summary>
    public string? Below(Uri url)
    {
        if (!url.IsAbsoluteUri || Uri.Compare(url, _site, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
            || !url.AbsolutePath.StartsWith(_site.AbsolutePath, StringComparison.Ordinal))
            return null;
        return "/" + Uri.UnescapeDataString(url.AbsolutePath[_site.AbsolutePath.Length..]);
    }

    /// <summary>
    /// A local enclosure with the file's real length and media type (RSS 2.0: length is the
    /// size in bytes); the item itself when it has none or nothing changes.
    /// </summary>
    public NewsItem WithFileFacts(NewsItem item)
    {
        if (item.Enclosure is not { } enclosure || Of(enclosure.Url) is not { } file
            || (enclosure.Length == file.Length && enclosure.MediaType == file.MediaType))
            return item;
        return item with { Enclosure = enclosure with { Length = file.Length, MediaType = file.MediaType } };
    }

    /// <summary>
    /// A warning for each lead image, enclosure or body image of <paramref name="item"/> whose URL
    /// is under the site but names no file served, with the line that names it.
    /// </summary>
    public IEnumerable<ItemProblem> Check(NewsItem item)
    {
        foreach (var media in item.Media)
        {
            if (Below(media.Url) is { } path && At(path) is null)
                yield return new ItemProblem(item.SourcePath, media.Line,
                    $"{media.What} {path} is not served: no such file beside the stories (or its kind is not served: images, audio, video, PDF, captions); add the file or correct the path",
                    ProblemLevel.Warning);
        }
    }

    // Hugo's leaf bundle: its story owns the files of its folder.
    /// <summary>Whether a story's file is a page bundle's index, with files that answer beside its page.</summary>
    public static bool IsBundle(string sourcePath) => BundleFolder(sourcePath) is not null;

    static string? BundleFolder(string sourcePath)
    {
        var slash = sourcePath.LastIndexOf('/');
        var name = sourcePath[(slash + 1)..];
        return slash > 0 && ItemFiles.IsBundleIndex(name)
            ? sourcePath[..(slash + 1)]
            : null;
    }
}
