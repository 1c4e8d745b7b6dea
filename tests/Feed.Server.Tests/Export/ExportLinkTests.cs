using Feed.Testing;

namespace Feed.Server.Tests.Export;

/// <summary>
/// An export into a folder holding links overwrote a file outside it, wrote into a
/// linked folder, and its clean-up deleted files outside it. It writes and deletes only real
/// files under the export folder.
/// </summary>
public sealed class ExportLinkTests : IDisposable
{
    readonly TempFolder _items = new();
    readonly TempFolder _output = new();
    readonly TempFolder _outside = new();
    readonly string _site;

    public ExportLinkTests()
    {
        _site = Path.Combine(_output.Path, "site");
        _items.Write("budget.md", "---\ntitle: Budget\ndate: 2024-06-27\n---\nThe budget.\n");
        _items.Write("storm.md", "---\ntitle: Storm\ndate: 2024-06-27\n---\nThe storm.\n");
    }

    public void Dispose()
    {
        _items.Dispose();
        _output.Dispose();
        _outside.Dispose();
    }

    Task<(int ExitCode, string Output)> Export() =>
        StaticExportTests.Export(_site, $"--Feed:ItemsPath={_items.Path}", $"--Feed:BaseUrl={RunningServer.BaseUrl}");

    [Fact]
    public async Task A_link_in_a_files_place_is_replaced_and_what_it_points_to_is_left_alone()
    {
        Assert.Equal(0, (await Export()).ExitCode);
        _outside.Write("precious.txt", "precious");
        var feed = Path.Combine(_site, "feed.xml");
        File.Delete(feed);
        File.CreateSymbolicLink(feed, Path.Combine(_outside.Path, "precious.txt"));

        Assert.Equal(0, (await Export()).ExitCode);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(_outside.Path, "precious.txt")));
        Assert.Null(new FileInfo(feed).LinkTarget);
        Assert.Contains("<rss", File.ReadAllText(feed));
    }

    [Fact]
    public async Task A_linked_folder_is_not_written_into_and_the_export_says_which()
    {
        Assert.Equal(0, (await Export()).ExitCode);
        var year = Path.Combine(_site, "2024");
        Directory.Move(year, Path.Combine(_outside.Path, "2024"));
        Directory.CreateSymbolicLink(year, Path.Combine(_outside.Path, "2024"));
        var page = Path.Combine(_outside.Path, "2024", "06", "27", "budget", "index.html");
        File.WriteAllText(page, "someone else's page");

        var (exitCode, output) = await Export();
        Assert.Equal(1, exitCode);
        Assert.Contains("2024 is a symbolic link", output);
        Assert.Equal("someone else's page", File.ReadAllText(page));
    }

    [Fact]
    public async Task Clean_up_never_deletes_through_a_linked_folder()
    {
        Assert.Equal(0, (await Export()).ExitCode);
        var storm = Path.Combine(_site, "2024", "06", "27", "storm");
        Directory.Move(storm, Path.Combine(_outside.Path, "storm"));
        Directory.CreateSymbolicLink(storm, Path.Combine(_outside.Path, "storm"));
        _items.Delete("storm.md"); // its page is now stale: the next export removes what it wrote

        Assert.Equal(0, (await Export()).ExitCode);
        Assert.True(File.Exists(Path.Combine(_outside.Path, "storm", "index.html")));
        Assert.True(File.Exists(Path.Combine(_site, "2024", "06", "27", "budget", "index.html")));
    }
}
