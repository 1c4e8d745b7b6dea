using System.Diagnostics;
using System.IO.Compression;
using Feed.Server.Export;
using Feed.Site;
using Feed.Testing;

namespace Feed.Server.Tests.Export;

/// <summary>`export OUTDIR` writes what the server sends, byte for byte.</summary>
public class StaticExportTests
{
    internal static async Task<(int ExitCode, string Output)> Export(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(FeedApp).Assembly.Location, "export", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A German culture writes 1.000: the progress must not.
        start.Environment["LANG"] = start.Environment["LC_ALL"] = "de_DE.UTF-8";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task An_export_writes_the_robots_txt_of_Feed_RobotsTxt_with_the_sitemap_lines()
    {
        using var folder = new TempFolder();
        folder.Write("storm.md", "---\ntitle: Storm\ndate: 2024-06-27\n---\nThe storm.\n");
        using var output = new TempFolder();
        var robots = output.Write("robots.txt", "User-agent: *\nDisallow: /drafts/\n");
        var outDir = Path.Combine(output.Path, "site");
        Assert.Equal(0, (await Export(outDir, $"--Feed:ItemsPath={folder.Path}", $"--Feed:BaseUrl={RunningServer.BaseUrl}", $"--Feed:RobotsTxt={robots}")).ExitCode);
        Assert.Equal("User-agent: *\nDisallow: /drafts/\n\nSitemap: https://news.example.com/sitemap.xml\nSitemap: https://news.example.com/sitemap-news.xml\n",
            File.ReadAllText(Path.Combine(outDir, "robots.txt")));
    }

    [Fact]
    public async Task Pages_stories_used_to_have_are_exported_as_redirects()
    {
        using var folder = new TempFolder();
        folder.Write("budget.md", "---\ntitle: Budget\ndate: 2024-06-27\nslug: budjet\n---\nThe budget.\n");
        folder.Write("storm.md", "---\ntitle: Storm\ndate: 2024-06-27\n---\nThe storm.\n");
        using var output = new TempFolder();
        var outDir = Path.Combine(output.Path, "site");
        Assert.Equal(0, (await Export(outDir, $"--Feed:ItemsPath={folder.Path}", $"--Feed:BaseUrl={RunningServer.BaseUrl}")).ExitCode);

        folder.Write("budget.md", "---\ntitle: Budget\ndate: 2024-06-27\nslug: budget\n---\nThe budget.\n");
        folder.Delete("storm.md");
        Assert.Equal(0, (await Export(outDir, $"--Feed:ItemsPath={folder.Path}", $"--Feed:BaseUrl={RunningServer.BaseUrl}")).ExitCode);

        var redirects = File.ReadAllLines(Path.Combine(outDir, "_redirects"));
        Assert.Contains("/2024/06/27/budjet https://news.example.com/2024/06/27/budget 301", redirects);
        Assert.Contains("/2024/06/27/storm /404.html 410", redirects);
        var page = File.ReadAllText(Path.Combine(outDir, "2024", "06", "27", "budjet", "index.html"));
        Assert.Contains("<link rel=\"canonical\" href=\"https://news.example.com/2024/06/27/budget\">", page);
        Assert.False(File.Exists(Path.Combine(outDir, "2024", "06", "27", "storm", "index.html")));
    }

    [Fact]
    public async Task Old_paths_and_old_feed_urls_of_a_migration_are_exported_as_redirects()
    {
        using var folder = new TempFolder();
        folder.Write("posts/flood.md", "+++\ntitle = \"Flood\"\ndate = 2024-03-03T06:00:00Z\naliases = [\"/2024/03/flood/\"]\n+++\nText.\n");
        folder.Write("_posts/2024-03-10-note.md", "---\ntitle: Note\nredirect_from: /2024/03/10/note.html\n---\nText.\n");
        using var output = new TempFolder();
        var outDir = Path.Combine(output.Path, "site");
        var (exitCode, log) = await Export(outDir, $"--Feed:ItemsPath={folder.Path}", $"--Feed:BaseUrl={RunningServer.BaseUrl}");
        Assert.True(exitCode == 0 && log.Contains("(2 items", StringComparison.Ordinal), log);

        var redirects = File.ReadAllLines(Path.Combine(outDir, "_redirects"));
        Assert.Contains("/2024/03/flood https://news.example.com/2024/03/03/posts/flood 301", redirects);
        Assert.Contains("/2024/03/10/note.html https://news.example.com/2024/03/10/posts/note 301", redirects);
        Assert.Contains("/index.xml https://news.example.com/feed.xml 301", redirects);
        Assert.Contains("/feed.atom https://news.example.com/atom.xml 301", redirects);
        Assert.Contains("<link rel=\"canonical\" href=\"https://news.example.com/2024/03/03/posts/flood\">",
            File.ReadAllText(Path.Combine(outDir, "2024", "03", "flood", "index.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "2024", "03", "10", "note.html")));
        // A feed reader follows no HTML refresh: old feed URLs are _redirects lines only.
        Assert.False(Directory.Exists(Path.Combine(outDir, "index.xml")));
        Assert.True(File.Exists(Path.Combine(outDir, "atom.xml")));
    }

    [Fact]
    public async Task Export_writes_every_document_with_the_bytes_the_server_sends()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 1_000; i++)
            folder.Write($"2024-01-01-story-{i:D4}.md", Items.Story($"Story {i}", $"2024-{1 + i % 12:D2}-{1 + i % 28:D2}", extra: $"tags: [tag-{i % 3}]\nid: urn:story:{i}\n"));
        folder.Write("2024-01-01-bad.md", "---\ndate: never\n---\n");
        using var output = new TempFolder();
        var outDir = Path.Combine(output.Path, "site");

        var (exitCode, log) = await Export(outDir, $"--Feed:ItemsPath={folder.Path}", $"--Feed:BaseUrl={RunningServer.BaseUrl}", "--Feed:Title=Example News");
        Assert.Equal(0, exitCode);
        // 12 site documents (3 feeds, the index, /tags, /authors, /sections, /feeds, /feeds.opml,
        // the sitemap, the news sitemap, robots.txt) and the 404 page, 4 per tag, 19 numbered pages
        // of the site and 6 of each tag, every month from January 2024 to the current one as Atom
        // and JSON Feed, and 1,000 item pages.
        var now = DateTime.UtcNow;
        var documents = (1_062 + 2 * (now.Year * 12 + now.Month - (2024 * 12 + 1) + 1)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"exported 1,000 of {documents} documents", log);
        Assert.Contains($"Exported {documents} documents (1,000 items, 1 files skipped)", log);
        Assert.Contains("2024-01-01-bad.md:2: 'date' is not a date", log);

        await using var server = await RunningServer.StartAsync(folder);
        string[] paths = ["/", "/feed.xml", "/atom.xml", "/feed.json", "/tags/tag-1", "/tags/tag-1/atom.xml", "/archive/2024/01.xml", "/archive/2024/12.xml", "/2024/07/15/story-0042",
            "/tags", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt", "/feeds", "/feeds.opml", "/page/1", "/page/19", "/tags/tag-1/page/6"];
        foreach (var path in paths)
        {
            var file = Path.Combine(outDir, SitePaths.ExportFile(path));
            var served = await server.BytesAsync(path);
            Assert.Equal(served, await File.ReadAllBytesAsync(file));
            Assert.Equal(served, Decompress(new GZipStream(File.OpenRead(file + ".gz"), CompressionMode.Decompress)));
            Assert.Equal(served, Decompress(new BrotliStream(File.OpenRead(file + ".br"), CompressionMode.Decompress)));
        }
        Assert.Equal(1_000, Directory.GetFiles(outDir, "index.html", SearchOption.AllDirectories).Length - 45);
        Assert.Contains("<h1>Not found</h1>", File.ReadAllText(Path.Combine(outDir, "404.html")));

        // A second export replaces what the first wrote, and only that.
        File.WriteAllText(Path.Combine(outDir, "robots.txt"), "User-agent: *\n");
        Directory.CreateDirectory(Path.Combine(outDir, "2024", "07", "07", "images"));
        File.WriteAllText(Path.Combine(outDir, "2024", "07", "07", "images", "photo.jpg"), "a user's file");
        folder.Delete("2024-01-01-story-0042.md");
        Assert.Equal(0, (await Export(outDir, $"--Feed:ItemsPath={folder.Path}")).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(outDir, "2024", "07", "15", "story-0042")));
        Assert.True(File.Exists(Path.Combine(outDir, "robots.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "2024", "07", "07", "images", "photo.jpg")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_export_that_fails_midway_leaves_a_folder_the_next_export_can_replace()
    {
        using var folder = new TempFolder();
        folder.Write("2024-01-01-story.md", Items.Story("Story", extra: "tags: [news]\n"));
        using var output = new TempFolder();
        var outDir = Path.Combine(output.Path, "site");
        // A file where the export needs a folder: it fails after writing part of the site.
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, StaticExport.Marker), "");
        File.WriteAllText(Path.Combine(outDir, "tags"), "in the way");

        var (exitCode, log) = await Export(outDir, $"--Feed:ItemsPath={folder.Path}");
        Assert.Equal(1, exitCode);
        Assert.Contains("Feed cannot export to", log);
        File.Delete(Path.Combine(outDir, "tags"));

        (exitCode, log) = await Export(outDir, $"--Feed:ItemsPath={folder.Path}");
        Assert.True(exitCode == 0, log);
        Assert.True(File.Exists(Path.Combine(outDir, "tags", "news", "atom.xml")));
    }

    [Fact]
    public async Task Export_refuses_a_folder_it_did_not_write_and_a_missing_items_folder()
    {
        using var folder = new TempFolder();
        folder.Write("2024-01-01-story.md", Items.Story("Story"));
        using var busy = new TempFolder();
        busy.Write("precious.txt", "not ours");

        var (exitCode, log) = await Export(busy.Path, $"--Feed:ItemsPath={folder.Path}");
        Assert.Equal(1, exitCode);
        Assert.Contains("the folder is not empty and is not an earlier export; choose an empty or new folder", log);
        Assert.True(File.Exists(Path.Combine(busy.Path, "precious.txt")));

        (exitCode, log) = await Export(Path.Combine(busy.Path, "out"), $"--Feed:ItemsPath={Path.Combine(folder.Path, "missing")}");
        Assert.Equal(1, exitCode);
        Assert.Contains("does not exist (Feed:ItemsPath)", log);

        (exitCode, log) = await Export();
        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", log);
    }

    static byte[] Decompress(Stream stream)
    {
        using var output = new MemoryStream();
        using (stream)
            stream.CopyTo(output);
        return output.ToArray();
    }
}
