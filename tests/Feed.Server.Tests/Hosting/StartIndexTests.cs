using System.Text.Json;
using Feed.Folder;
using Feed.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>
/// The start index through the real server: written when it stops, used when it starts again,
/// and a restart over it serves exactly what a start that reads every file serves.
/// </summary>
public class StartIndexTests
{
    static void WriteStories(TempFolder folder)
    {
        for (var i = 1; i <= 24; i++)
        {
            folder.Write($"desk/2026-11-{i:00}-story-{i}.md",
                $"---\ntitle: Story {i}\nsummary: What happened on day {i}.\ntags: [Politics, Day {i % 3}]\nauthor: Reporter {i % 2}\n"
                + $"date: 2026-11-{i:00}T0{i % 10}:00:00+01:00\n---\nBody {i} with [a link](../about) and ![a photo](photo-{i}.jpg).\n\n<p>Raw <b>HTML</b><script>x()</script></p>\n");
        }
        folder.Write("2026-11-30-wire.txt", "Wire copy headline\n\nRead at every start: plain text is rendered as it is read.");
        folder.Write("undated.md", "---\ntitle: Undated\nsummary: Dated by the ledger.\n---\nBody.\n");
    }

    static async Task<Dictionary<string, byte[]>> Documents(RunningServer server)
    {
        var paths = new List<string> { "/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/", "/tags/politics" };
        var json = JsonDocument.Parse(await server.TextAsync("/feed.json")).RootElement;
        paths.AddRange(json.GetProperty("items").EnumerateArray().Select(i => new Uri(i.GetProperty("url").GetString()!).AbsolutePath));
        var documents = new Dictionary<string, byte[]>();
        foreach (var path in paths)
            documents[path] = await server.BytesAsync(path);
        return documents;
    }

    [Fact]
    public async Task A_restart_over_the_start_index_serves_every_document_as_a_start_that_reads_every_file()
    {
        using var folder = new TempFolder();
        WriteStories(folder);
        var written = DateTime.UtcNow;
        var index = Path.Combine(folder.StatePath, ItemFolder.IndexFileName);
        Dictionary<string, byte[]> read;
        await using (var server = await RunningServer.StartAsync(folder))
        {
            read = await Documents(server);
            // Files are trusted only once their change time is older than a file system's time
            // step: that is the operating system's clock, which no test clock moves.
            while (DateTime.UtcNow < written + TimeSpan.FromSeconds(2.5))
                await Task.Delay(100);
        }
        Assert.True(File.Exists(index), "the index is written when the server stops");

        await using var restarted = await RunningServer.StartAsync(folder);
        var taken = Assert.Single(restarted.Logs.GetSnapshot(), r => r.Id.Id == 110);
        Assert.StartsWith("Took 24 of 26 story files", taken.Message);
        var again = await Documents(restarted);
        Assert.Equal(read.Keys, again.Keys);
        foreach (var (path, bytes) in read)
            Assert.True(bytes.AsSpan().SequenceEqual(again[path]), $"{path} differs after the restart over the index");

        // The ledger is read while the folder is scanned, from the index's stories: it keeps
        // their strings, not copies of its own (a fifth of the heap at 100,000 stories).
        var published = restarted.Store.Current!.Items.ToDictionary(i => i.SourcePath);
        var stories = restarted.Feeds.Ledger.Memory.Stories.Where(s => published.ContainsKey(s.SourcePath)).ToList();
        Assert.Equal(26, stories.Count);
        Assert.All(stories.Where(s => s.SourcePath.StartsWith("desk/", StringComparison.Ordinal)), story =>
        {
            var item = published[story.SourcePath];
            Assert.Same(item.SourcePath, story.SourcePath);
            Assert.Same(item.Title, story.Title);
            Assert.Same(item.PagePath, story.PagePath);
        });
    }

    [Fact]
    public async Task A_damaged_index_is_said_once_and_every_file_is_read()
    {
        using var folder = new TempFolder();
        WriteStories(folder);
        Directory.CreateDirectory(folder.StatePath);
        File.WriteAllText(Path.Combine(folder.StatePath, ItemFolder.IndexFileName), "not an index");

        await using var server = await RunningServer.StartAsync(folder);
        var said = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Id == 111);
        Assert.Contains("damaged", said.Message);
        Assert.Equal(26, await server.PublishedAsync());
    }

    [Fact]
    public async Task An_index_of_other_settings_is_said_as_information_not_as_a_warning()
    {
        using var folder = new TempFolder();
        WriteStories(folder);
        await using (var server = await RunningServer.StartAsync(folder))
            Assert.Equal(26, await server.PublishedAsync());
        Assert.True(File.Exists(Path.Combine(folder.StatePath, ItemFolder.IndexFileName)));

        await using var moved = await RunningServer.StartAsync(folder, "--Feed:BaseUrl=https://moved.example.com/");
        var logs = moved.Logs.GetSnapshot();
        Assert.Equal(LogLevel.Information, Assert.Single(logs, r => r.Id.Id == 114).Level);
        Assert.DoesNotContain(logs, r => r.Id.Id == 111);
        Assert.Equal(26, await moved.PublishedAsync());
    }

    [Fact]
    public async Task With_the_index_off_none_is_read_or_written()
    {
        using var folder = new TempFolder();
        WriteStories(folder);
        await using (var server = await RunningServer.StartAsync(folder, "--Feed:StartIndex=false"))
            Assert.Equal(26, await server.PublishedAsync());
        Assert.False(File.Exists(Path.Combine(folder.StatePath, ItemFolder.IndexFileName)));
    }
}
