using System.Net;
using Feed.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>Scheduling and what happens to the folder itself.</summary>
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

        Assert.Equal(1, await server.PublishedAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/2025/01/02/scheduled")).StatusCode);

        // A second early (00:59:59Z) the rescan looks at the folder and must leave the story out;
        // then the service's next look is exactly at its time, 2025-01-02T01:00:00Z (06:00 in +05:00).
        var scanned = server.Feeds.NextScan;
        clock.Advance(TimeSpan.FromHours(13) - TimeSpan.FromSeconds(1));
        await scanned.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1, await server.PublishedAsync());
        await RunningServer.Eventually(() => Task.FromResult(server.Feeds.WakeAt is not null), "the service to wait again");
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 1, 0, 0, TimeSpan.Zero), server.Feeds.WakeAt);

        clock.Advance(TimeSpan.FromSeconds(1)); // 2025-01-02T01:00:00Z = 06:00 in +05:00
        await RunningServer.Eventually(async () => await server.PublishedAsync() == 2, "the scheduled item");
        Assert.Contains("Six a.m. story", await server.TextAsync("/feed.xml"));
        Assert.DoesNotContain("Much later", await server.TextAsync("/feed.xml"));
    }

    [Fact]
    public async Task Missing_folder_serves_empty_valid_feeds_then_is_picked_up()
    {
        using var parent = new TempFolder();
        var items = Path.Combine(parent.Path, "items");
        await using var server = await RunningServer.StartAsync(items);

        // Monitoring sees the missing folder: 503, and says why.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.GetAsync("/healthz")).StatusCode);
        var health = await server.HealthAsync();
        Assert.Equal("missing", health.GetProperty("folder").GetString());
        Assert.Equal("folder-missing", health.GetProperty("status").GetString());
        Assert.Equal(0, health.GetProperty("published").GetInt32());
        Assert.DoesNotContain(items, health.ToString(), StringComparison.Ordinal); // no file system path reaches a client
        var atom = System.ServiceModel.Syndication.SyndicationFeed.Load(System.Xml.XmlReader.Create(new MemoryStream(await server.BytesAsync("/atom.xml"))));
        Assert.Empty(atom.Items);
        Assert.Contains(server.Logs.GetSnapshot(), r => r.Id.Id == 6 && r.Message.Contains(items, StringComparison.Ordinal));

        parent.Write("items/2024-07-01-first.md", Items.Story("First story"));
        await RunningServer.Eventually(async () => await server.PublishedAsync() == 1, "the new folder");
        // Now watched: a later change arrives without waiting for a rescan.
        parent.Write("items/2024-07-02-second.md", Items.Story("Second story"));
        await RunningServer.Eventually(async () => await server.PublishedAsync() == 2, "a change in the new folder");
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
        Assert.Equal(1, await server.PublishedAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.GetAsync("/healthz")).StatusCode);
        Assert.Equal("missing", (await server.HealthAsync()).GetProperty("folder").GetString());

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

        // An editor saving in place, a chunk at a time, faster than the quiet period. It writes
        // from a thread of its own, as an editor is a process of its own: on the thread pool,
        // a pause of the pool (seen for most of a second while the test host warms up) paused
        // the writer too, and a writer that has paused for longer than the quiet period cannot
        // be told from one that has finished.
        var path = Path.Combine(folder.Path, "2024-07-01-long.md");
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
                file.Write("---\ntitle: Long story\ndate: 2024-07-01\n---\n"u8);
                for (var i = 0; i < 40; i++)
                {
                    file.Write(System.Text.Encoding.UTF8.GetBytes($"Paragraph {i} of the long story.\n\n"));
                    file.Flush();
                    // The writer's pace is the subject: chunks closer together than the quiet
                    // period, for longer than it, as a slow save over a network share writes.
                    Thread.Sleep(30);
                }
                file.Write("THE END\n"u8);
                written.SetResult();
            }
            catch (Exception e)
            {
                written.SetException(e);
            }
        })
        { IsBackground = true };
        thread.Start();
        var writer = written.Task;

        var seenPartial = new List<string>();
        while (!writer.IsCompleted)
        {
            var json = await server.TextAsync("/feed.json");
            if (json.Contains("Long story", StringComparison.Ordinal) && !json.Contains("THE END", StringComparison.Ordinal))
                seenPartial.Add(json);
            // A reader's pace while the writer writes: there is nothing to wait for but the writer.
            await Task.Delay(10);
        }
        await writer;
        await RunningServer.Eventually(async () => (await server.TextAsync("/feed.json")).Contains("THE END", StringComparison.Ordinal), "the finished story");
        Assert.Empty(seenPartial);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Unreadable_file_or_folder_is_a_warning_and_the_rest_is_served()
    {
        using var folder = new TempFolder();
        folder.Write("2024-07-01-readable.md", Items.Story("Readable"));
        File.SetUnixFileMode(folder.Write("2024-07-02-locked.md", Items.Story("Locked")), UnixFileMode.None);
        folder.Write("closed/2024-07-03-inside.md", Items.Story("Inside a closed folder"));
        File.SetUnixFileMode(Path.Combine(folder.Path, "closed"), UnixFileMode.None);
        folder.Write("desk/2024-07-05-kept.md", Items.Story("Kept while its folder is closed"));

        // Root reads any file, so the server runs as an unprivileged user.
        await using var server = await ServerProcess.StartAsync(folder.Path, unprivileged: true);
        Assert.Equal(2, await server.PublishedAsync());
        Assert.Contains("Readable", await server.Client.GetStringAsync("/feed.xml"));
        Assert.Contains("2024-07-02-locked.md: cannot be read (permission denied); check the permissions of the file and its folders", server.Output);

        // A subfolder that becomes unreadable keeps its stories, as the items folder itself does.
        File.SetUnixFileMode(Path.Combine(folder.Path, "desk"), UnixFileMode.None);
        folder.Write("2024-07-06-poke.md", Items.Story("A write the watcher reports"));
        await server.Eventually(() => Task.FromResult(server.Output.Contains("desk: folder cannot be read", StringComparison.Ordinal)), "the warning for desk");
        await server.Eventually(async () => await server.PublishedAsync() == 3, "the poke");
        Assert.Contains("Kept while its folder is closed", await server.Client.GetStringAsync("/feed.xml"));
        File.Delete(Path.Combine(folder.Path, "2024-07-06-poke.md"));
        await server.Eventually(async () => await server.PublishedAsync() == 2, "the poke gone");
        Assert.Contains("closed: folder cannot be read (permission denied); its stories stay published as they were until it can be read", server.Output);

        // Taking read permission away from the whole folder while running never takes the server down.
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        folder.Write("2024-07-04-trigger.md", Items.Story("A write the watcher reports")); // forces a rescan now
        await server.Eventually(() => Task.FromResult(server.Output.Contains("is gone or cannot be read", StringComparison.Ordinal)), "the warning");
        Assert.Equal(2, await server.PublishedAsync());
        Assert.Equal("unreadable", (await server.HealthAsync()).GetProperty("folder").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Client.GetAsync("/healthz")).StatusCode);
        Assert.Contains("Readable", await server.Client.GetStringAsync("/feed.xml"));
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(folder.Path, "desk"), (UnixFileMode)0b111_101_101);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Story_whose_folder_can_be_listed_but_not_entered_stays_published()
    {
        // A folder that can be listed but not entered names its files and says nothing of them:
        // the moment a permission change (chmod -R) catches a walk between listing and reading.
        using var folder = new TempFolder();
        folder.Write("2024-07-01-readable.md", Items.Story("Readable"));
        folder.Write("desk/2024-07-05-kept.md", Items.Story("Kept while its folder is shut"));
        await using var server = await ServerProcess.StartAsync(folder.Path, unprivileged: true);
        Assert.Equal(2, await server.PublishedAsync());

        var desk = Path.Combine(folder.Path, "desk");
        File.SetUnixFileMode(desk, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        // Saved the way editors save, by a rename: the folder is walked.
        File.Move(folder.Write(".poke.md.tmp", Items.Story("A write the watcher reports")), Path.Combine(folder.Path, "2024-07-06-poke.md"));
        await server.Eventually(() => Task.FromResult(server.Output.Contains("desk/2024-07-05-kept.md: cannot be read (permission denied)", StringComparison.Ordinal)), "the warning for the story");
        await server.Eventually(async () => await server.PublishedAsync() == 3, "the poke");
        Assert.Contains("Kept while its folder is shut", await server.Client.GetStringAsync("/feed.xml"));

        File.SetUnixFileMode(desk, (UnixFileMode)0b111_101_101);
        File.Delete(Path.Combine(folder.Path, "2024-07-06-poke.md"));
        await server.Eventually(async () => await server.PublishedAsync() == 2, "the poke gone");
        Assert.Contains("Kept while its folder is shut", await server.Client.GetStringAsync("/feed.xml"));
    }
}
