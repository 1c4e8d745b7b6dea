using Feed.Assets;
using Feed.Testing;

namespace Feed.Tests.Assets;

public sealed class AssetCatalogTests : IDisposable
{
    readonly TempFolder _folder = new();
    static readonly Uri Site = Parse.Settings.BaseUrl;

    public void Dispose() => _folder.Dispose();

    IReadOnlyList<AssetFile> Scan() => new AssetScan(_folder.Path).Scan().Files;

    [Fact]
    public void Only_allowed_visible_files_that_are_not_stories_or_links_are_served()
    {
        _folder.Write("posts/cricket-final/index.md", "---\ntitle: T\n---\nText.\n");
        _folder.Write("posts/cricket-final/trophy.jpg", [1, 2, 3]);
        _folder.Write("audio/bulletin.mp3", [4, 5]);
        _folder.Write("notes.txt", "a story");
        _folder.Write("script.js", "alert(1)");
        _folder.Write(".secret/key.png", [1]);
        _folder.Write(".hidden.png", [1]);
        _folder.Write("empty.png", []);
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "linked.png"), Path.Combine(_folder.Path, "posts/cricket-final/trophy.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "linked-folder"), Path.Combine(_folder.Path, "audio"));

        Assert.Equal(["audio/bulletin.mp3", "posts/cricket-final/trophy.jpg"], Scan().Select(f => f.Path));
    }

    [Fact]
    public void A_file_is_tagged_by_its_bytes_and_rehashed_only_when_it_changes()
    {
        _folder.Write("a.png", [1, 2, 3]);
        _folder.Write("b.png", [1, 2, 3]);
        var scan = new AssetScan(_folder.Path);
        var (first, changed) = scan.Scan();
        Assert.Equal(2, changed);
        Assert.Equal(first[0].ETag, first[1].ETag);
        Assert.Equal(0, scan.Scan().Changed);
        _folder.Write("b.png", [9, 9, 9, 9]);
        var (second, again) = scan.Scan();
        Assert.Equal(1, again);
        Assert.NotEqual(second[0].ETag, second[1].ETag);
        Assert.Equal(4, second[1].Length);
    }

    [Fact]
    public void A_page_bundle_serves_its_files_at_their_path_and_beside_the_page()
    {
        _folder.Write("posts/cricket-final/trophy.jpg", [1, 2, 3]);
        var item = Parse.Item("posts/cricket-final/index.md", "---\ntitle: T\ndate: 2024-03-07\nslug: cricket-final\n---\nText.\n");
        var assets = new AssetSet(Scan(), [item], Site);
        Assert.Equal("/2024/03/07/cricket-final", item.PagePath);
        Assert.Same(assets.At("/posts/cricket-final/trophy.jpg"), assets.At("/2024/03/07/cricket-final/trophy.jpg"));
        Assert.NotNull(assets.At("/posts/cricket-final/trophy.jpg"));
    }

    [Fact]
    public void A_local_enclosure_gets_the_real_length_and_type_of_its_file()
    {
        _folder.Write("audio/bulletin.mp3", new byte[1234]);
        var item = Parse.Item("2024-03-08-show.md", "---\ntitle: T\nenclosure: {url: /audio/bulletin.mp3, type: audio/wav}\n---\nText.\n");
        Assert.Equal(0, item.Enclosure!.Length);
        var catalog = new AssetCatalog(_folder.Path, Site);
        catalog.Scan();
        var (_, items, problems) = catalog.Apply([item]);
        Assert.Equal(new Enclosure(new Uri("https://news.example.com/audio/bulletin.mp3"), "audio/mpeg", 1234), items[0].Enclosure);
        Assert.Empty(problems);
        // Nothing changed: the same object, so no document is rebuilt.
        Assert.Same(items[0], catalog.Apply([item]).Items[0]);
    }

    [Fact]
    public void A_missing_local_file_is_a_warning_naming_file_and_line()
    {
        _folder.Write("posts/cricket-final/trophy.jpg", [1]);
        var item = Parse.Item("posts/cricket-final/index.md",
            "---\ntitle: T\ndate: 2024-03-07\nimage: trophy.jpg\nenclosure: /audio/missing.mp3\n---\nText.\n\n![map](map.png) and ![far](https://cdn.example.org/x.png)\n");
        var catalog = new AssetCatalog(_folder.Path, Site);
        catalog.Scan();
        var problems = catalog.Apply([item]).Problems;
        Assert.Equal(
        [
            "posts/cricket-final/index.md:5: enclosure /audio/missing.mp3 is not served",
            "posts/cricket-final/index.md:9: inline image /posts/cricket-final/map.png is not served",
        ], problems.Select(p => p.ToString()[..p.ToString().IndexOf(':', p.ToString().IndexOf("is not served", StringComparison.Ordinal))]));
        Assert.All(problems, p => Assert.Equal(ProblemLevel.Warning, p.Level));
    }

    [Theory]
    [InlineData("posts/x/index.md", "map.png", "https://news.example.com/posts/x/map.png")]
    [InlineData("posts/x/index.md", "/audio/a.mp3", "https://news.example.com/audio/a.mp3")]
    [InlineData("posts/x/index.md", "../other", "https://news.example.com/2024/01/other")]
    [InlineData("x.md", "//cdn.example.org/a.png", "https://cdn.example.org/a.png")]
    [InlineData("x.md", "https://example.org/a.png", "https://example.org/a.png")]
    public void Files_resolve_beside_the_story_file_and_pages_against_the_page(string source, string url, string expected)
    {
        var location = StoryLocation.Of(Site, source, new Uri("https://news.example.com/2024/01/01/x"));
        Assert.Equal(expected, location.Resolve(url));
    }

    [Fact]
    public void Root_paths_of_files_resolve_against_a_base_url_with_a_path()
    {
        var site = new Uri("https://example.com/news/");
        var location = StoryLocation.Of(site, "x.md", new Uri("https://example.com/news/2024/01/01/x"));
        Assert.Equal("https://example.com/news/audio/a.mp3", location.Resolve("/audio/a.mp3"));
    }
}
