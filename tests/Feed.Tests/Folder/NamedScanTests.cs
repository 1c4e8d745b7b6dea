using Feed.Folder;
using Feed.Testing;

namespace Feed.Tests.Folder;

/// <summary>
/// A scan of the paths file events named looks at those files alone, and walks the whole folder
/// whenever names cannot say exactly what changed.
/// </summary>
public sealed class NamedScanTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly ItemFolder _items;

    public NamedScanTests() => _items = new ItemFolder(_folder.Path, Parse.Settings);

    public void Dispose()
    {
        _items.Dispose();
        _folder.Dispose();
    }

    static string Story(string title) => $"---\ntitle: {title}\ndate: 2024-01-01\n---\nText.\n";

    string[] Titles(FolderScan scan) => [.. scan.Items.Select(i => i.Title).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_named_scan_reads_the_named_files_and_nothing_else()
    {
        _folder.Write("world/a.md", Story("A"));
        _folder.Write("b.md", Story("B"));
        _items.Scan();

        _folder.Write("world/a.md", Story("A edited"));
        _folder.Write("b.md", Story("B edited, not named"));
        var scan = _items.Scan(["world/a.md"]);
        Assert.Equal(1, scan.FilesRead);
        Assert.Equal(["A edited", "B"], Titles(scan));
    }

    [Fact]
    public void The_first_scan_walks_even_when_names_are_given()
    {
        _folder.Write("a.md", Story("A"));
        _folder.Write("b.md", Story("B"));
        Assert.Equal(["A", "B"], Titles(_items.Scan(["a.md"])));
    }

    [Fact]
    public void A_deleted_folder_is_walked()
    {
        _folder.Write("world/a.md", Story("A"));
        _folder.Write("world/europe/b.md", Story("B"));
        _folder.Write("c.md", Story("C"));
        _items.Scan();

        Directory.Delete(Path.Combine(_folder.Path, "world"), recursive: true);
        // inotify names the folder, not every file it held, when it goes at once (rm -rf of a moved copy).
        Assert.Equal(["C"], Titles(_items.Scan(["world"])));
    }

    [Fact]
    public void A_folder_moved_inside_is_walked()
    {
        _folder.Write("world/europe/b.md", Story("B"));
        _folder.Write("business/c.md", Story("C"));
        _items.Scan();

        Directory.Move(Path.Combine(_folder.Path, "world/europe"), Path.Combine(_folder.Path, "business/europe"));
        var scan = _items.Scan(["world/europe", "business/europe"]);
        Assert.Equal(["business/c.md", "business/europe/b.md"], scan.Items.Select(i => i.SourcePath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_swapped_folder_is_walked_whatever_the_names()
    {
        var first = Directory.CreateDirectory(Path.Combine(_folder.Path, "rev1")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(_folder.Path, "rev2")).FullName;
        File.WriteAllText(Path.Combine(first, "a.md"), Story("A"));
        File.WriteAllText(Path.Combine(second, "b.md"), Story("B"));
        var current = Path.Combine(_folder.Path, "current");
        Directory.CreateSymbolicLink(current, first);
        using var items = new ItemFolder(current, Parse.Settings);
        Assert.Equal(["A"], Titles(items.Scan()));

        File.Delete(current);
        Directory.CreateSymbolicLink(current, second);
        Assert.Equal(["B"], Titles(items.Scan([])));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_file_that_could_not_be_read_is_read_again_unnamed()
    {
        var path = _folder.Write("a.md", Story("A"));
        File.SetUnixFileMode(path, UnixFileMode.None);
        var first = _items.Scan();
        if (first.Items.Count == 1)
            return; // root reads every file: nothing to show
        Assert.Equal(1, first.Skipped);

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(["A"], Titles(_items.Scan([]))); // a chmod is no event the watcher asks for
    }
}
