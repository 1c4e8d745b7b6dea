using System.Diagnostics;
using Feed.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>
/// With the items folder unreadable, every look at it left an inotify instance open,
/// ten a second, until the per-user cap of 128; changes then showed only at the rescan. Root
/// lists any folder, so the server runs as an unprivileged user, and its inotify instances are
/// counted in /proc, where a watcher dropped without being disposed still shows.
/// </summary>
public sealed class WatcherLeakTests
{
    static int InotifyInstances(int pid) =>
        new DirectoryInfo($"/proc/{pid}/fd").EnumerateFileSystemInfos().Count(fd => fd.LinkTarget == "anon_inode:inotify");

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_unreadable_folder_leaks_no_inotify_instance_and_health_says_the_watcher_is_degraded()
    {
        using var folder = new TempFolder();
        folder.Write("2024-07-01-story.md", Items.Story("Story"));
        await using var server = await ServerProcess.StartAsync(folder.Path, unprivileged: true);
        var pid = server.Process.Id;
        // The folder's watcher, and any the host keeps of its own (configuration files).
        var watching = InotifyInstances(pid);
        Assert.True(watching >= 1, "no inotify instance while the folder is watched");
        Assert.Equal("ok", (await server.HealthAsync()).GetProperty("watcher").GetString());

        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            folder.Write("2024-07-02-trigger.md", Items.Story("A write the watcher reports")); // a look now
            await RunningServer.Eventually(async () => (await server.HealthAsync()).GetProperty("folder").GetString() == "unreadable", "the folder unreadable");
            Assert.Equal("degraded", (await server.HealthAsync()).GetProperty("watcher").GetString());

            // The unreadable folder is looked at every second: eight looks, counted all along.
            var most = 0;
            for (var watch = Stopwatch.StartNew(); watch.Elapsed < TimeSpan.FromSeconds(8); await Task.Delay(100))
                most = Math.Max(most, InotifyInstances(pid));
            Assert.True(most <= watching, $"{most} inotify instances open while the folder was unreadable, {watching} while it was watched");
        }
        finally
        {
            File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        }

        folder.Write("2024-07-03-back.md", Items.Story("Back"));
        await RunningServer.Eventually(async () => (await server.HealthAsync()).GetProperty("watcher").GetString() == "ok", "the watcher back", seconds: 30);
        Assert.Equal(watching, InotifyInstances(pid));
    }
}
