using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Feed.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests;

/// <summary>Scheduling and what happens to the folder itself (issue 3, points 4 to 6).</summary>
public class FolderLifecycleTests
{
    [Fact]
    public async Task Future_item_appears_at_its_time_with_no_event_on_disk()
    {
        using var folder = new TempFolder();
        folder.Write("2024-06-27-old.md", Items.Story("Old news"));
        folder.Write("scheduled.md", Items.Story("Six a.m. story", "2025-01-02T06:00:00+05:00"));
        folder.Write("later.md", Items.Story("Much later", "2031-01-01"));
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        // Files older than the quiet period are trusted at once.
        foreach (var file in Directory.GetFiles(folder.Path))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        await using var server = await RunningServer.StartAsync(folder.Path, clock);

        Assert.Equal("ok: 1 items published\n", await server.TextAsync("/healthz"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/items/scheduled")).StatusCode);

        clock.Advance(TimeSpan.FromHours(13) - TimeSpan.FromSeconds(1)); // 00:59:59Z, a second early
        await Task.Delay(300);
        Assert.Equal("ok: 1 items published\n", await server.TextAsync("/healthz"));

        clock.Advance(TimeSpan.FromSeconds(1)); // 2025-01-02T01:00:00Z = 06:00 in +05:00
        await RunningServer.Eventually(async () => await server.TextAsync("/healthz") == "ok: 2 items published\n", "the scheduled item");
        Assert.Contains("Six a.m. story", await server.TextAsync("/feed.xml"));
        Assert.DoesNotContain("Much later", await server.TextAsync("/feed.xml"));
    }

    [Fact]
    public async Task Missing_folder_serves_empty_valid_feeds_then_is_picked_up()
    {
        using var parent = new TempFolder();
        var items = Path.Combine(parent.Path, "items");
        await using var server = await RunningServer.StartAsync(items);

        Assert.Equal("ok: 0 items published\n", await server.TextAsync("/healthz"));
        var atom = System.ServiceModel.Syndication.SyndicationFeed.Load(System.Xml.XmlReader.Create(new MemoryStream(await server.BytesAsync("/atom.xml"))));
        Assert.Empty(atom.Items);
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 6 && r.Message.Contains(items, StringComparison.Ordinal));

        parent.Write("items/2024-07-01-first.md", Items.Story("First story"));
        await RunningServer.Eventually(async () => await server.TextAsync("/healthz") == "ok: 1 items published\n", "the new folder");
        // Now watched: a later change arrives without waiting for a rescan.
        parent.Write("items/2024-07-02-second.md", Items.Story("Second story"));
        await RunningServer.Eventually(async () => await server.TextAsync("/healthz") == "ok: 2 items published\n", "a change in the new folder");
    }

    [Fact]
    public async Task Folder_removed_while_running_keeps_the_last_snapshot()
    {
        using var parent = new TempFolder();
        parent.Write("items/2024-07-01-story.md", Items.Story("Still here"));
        var items = Path.Combine(parent.Path, "items");
        await using var server = await RunningServer.StartAsync(items);
        var feed = await server.BytesAsync("/feed.xml");

        Directory.Delete(items, recursive: true);
        await RunningServer.Eventually(() => Task.FromResult(server.Logs.GetSnapshot().Any(r => r.Id.Id == 7)), "the folder-gone warning");
        Assert.Equal(feed, await server.BytesAsync("/feed.xml"));
        Assert.Equal("ok: 1 items published\n", await server.TextAsync("/healthz"));

        parent.Write("items/2024-07-01-story.md", Items.Story("Back again"));
        await RunningServer.Eventually(async () => (await server.TextAsync("/feed.xml")).Contains("Back again", StringComparison.Ordinal), "the folder's return");
    }

    [Fact]
    public async Task Symbolic_link_out_of_the_folder_is_not_published()
    {
        using var folder = new TempFolder();
        using var outside = new TempFolder();
        outside.Write("secret.md", Items.Story("Secret memo"));
        folder.Write("2024-07-01-story.md", Items.Story("Public story"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "secret.md"), Path.Combine(outside.Path, "secret.md"));
        await using var server = await RunningServer.StartAsync(folder);
        Assert.DoesNotContain("Secret memo", await server.TextAsync("/feed.xml"));
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Message.Contains("secret.md: is a symbolic link to outside the items folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Partial_write_is_never_published_as_valid()
    {
        using var folder = new TempFolder();
        folder.Write("2024-06-27-old.md", Items.Story("Old news"));
        await using var server = await RunningServer.StartAsync(folder);

        // An editor saving in place, a chunk at a time, faster than the quiet period.
        var path = Path.Combine(folder.Path, "2024-07-01-long.md");
        var writer = Task.Run(async () =>
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
            var head = "---\ntitle: Long story\ndate: 2024-07-01\n---\n"u8.ToArray();
            await file.WriteAsync(head);
            for (var i = 0; i < 40; i++)
            {
                await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"Paragraph {i} of the long story.\n\n"));
                await file.FlushAsync();
                await Task.Delay(30);
            }
            await file.WriteAsync("THE END\n"u8.ToArray());
        });

        var seenPartial = new List<string>();
        while (!writer.IsCompleted)
        {
            var json = await server.TextAsync("/feed.json");
            if (json.Contains("Long story", StringComparison.Ordinal) && !json.Contains("THE END", StringComparison.Ordinal))
                seenPartial.Add(json);
            await Task.Delay(10);
        }
        await writer;
        await RunningServer.Eventually(async () => (await server.TextAsync("/feed.json")).Contains("THE END", StringComparison.Ordinal), "the finished story");
        Assert.Empty(seenPartial);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Unreadable_file_is_a_warning_and_the_rest_is_served()
    {
        using var folder = new TempFolder();
        folder.Write("2024-07-01-readable.md", Items.Story("Readable"));
        var locked = folder.Write("2024-07-02-locked.md", Items.Story("Locked"));
        File.SetUnixFileMode(locked, UnixFileMode.None);
        // The server runs as an unprivileged user: root reads any file, so root cannot test this.
        MakeReadableBy(folder.Path);

        // A copy of the build that the unprivileged user can read, wherever this clone lives.
        using var app = new TempFolder();
        var built = Path.GetDirectoryName(typeof(FeedApp).Assembly.Location)!;
        foreach (var file in Directory.GetFiles(built, "*", SearchOption.AllDirectories))
            app.Write(Path.GetRelativePath(built, file), File.ReadAllBytes(file));
        MakeReadableBy(app.Path);
        foreach (var dir in Directory.GetDirectories(app.Path, "*", SearchOption.AllDirectories))
            MakeReadableBy(dir);
        foreach (var file in Directory.GetFiles(app.Path, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.OtherRead);

        var port = FreePort();
        var dll = Path.Combine(app.Path, Path.GetFileName(typeof(FeedApp).Assembly.Location));
        string[] appArgs = [dll, $"--urls=http://127.0.0.1:{port}", $"--Feed:ItemsPath={folder.Path}"];
        var start = Environment.UserName == "root"
            ? new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Which("dotnet"), .. appArgs])
            : new ProcessStartInfo("dotnet", appArgs);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        start.Environment["Logging__Console__FormatterName"] = "simple";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!await Healthy(client))
            {
                if (DateTime.UtcNow > deadline || process.HasExited)
                {
                    lock (output) Assert.Fail("The server as an unprivileged user did not start:\n" + output);
                }
                await Task.Delay(100);
            }

            Assert.Equal("ok: 1 items published\n", await client.GetStringAsync("/healthz"));
            Assert.Contains("Readable", await client.GetStringAsync("/feed.xml"));
            string log;
            lock (output) log = output.ToString();
            Assert.Contains("2024-07-02-locked.md: cannot be read (permission denied); check the file's permissions", log);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static void MakeReadableBy(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (dir.FullName == Path.GetTempPath().TrimEnd('/'))
                break;
            dir.UnixFileMode |= UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }
    }

    static async Task<bool> Healthy(HttpClient client)
    {
        try
        {
            return (await client.GetAsync("/healthz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string Which(string program) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
        ?? Path.Combine(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "/usr/share/dotnet", program);
}
