using System.Diagnostics;
using Feed.Server.Hosting;
using Feed.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Feed.Server.Tests.Hosting;

/// <summary>git-sync's layout: the items folder is a symbolic link swapped atomically to each new revision.</summary>
public sealed class FolderSwapTests : IDisposable
{
    static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    static readonly TimeSpan Rescan = TimeSpan.FromSeconds(30);
    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    // While the watcher waits on the clock it holds the rescan's timer and, in a quiet period, that period's.
    const int Waiting = 2;

    readonly TempFolder _folder = new();
    readonly TimerClock _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_swapped_symlinked_folder_is_followed_without_waiting_for_the_rescan()
    {
        var first = Directory.CreateDirectory(Path.Combine(_folder.Path, "rev1")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(_folder.Path, "rev2")).FullName;
        var current = Path.Combine(_folder.Path, "current");
        Directory.CreateSymbolicLink(current, first);
        using var watcher = new FolderWatcher(current, _clock, Quiet, Rescan, NullLogger<FeedService>.Instance);
        watcher.Follow(folderExists: true);

        // git-sync: a new link beside the old one, renamed over it.
        var swapped = watcher.WaitAsync(null, CancellationToken.None);
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "current.tmp"), second);
        using (var mv = Process.Start(new ProcessStartInfo("mv", ["-T", Path.Combine(_folder.Path, "current.tmp"), current])))
            await mv!.WaitForExitAsync();
        Assert.True(await _clock.AdvanceUntil(swapped, Waiting, Step, Rescan - TimeSpan.FromSeconds(1)) < Rescan);

        // The service follows before it scans, and the first look at the new revision walks it
        // whatever the events named; from then on, a change in the new revision is seen at once.
        watcher.Follow(folderExists: true);
        Assert.Null(watcher.TakeChanges());
        var written = watcher.WaitAsync(null, CancellationToken.None);
        File.WriteAllText(Path.Combine(second, "2024-07-01-story.md"), "---\ntitle: x\n---\n");
        Assert.True(await _clock.AdvanceUntil(written, Waiting, Step, Rescan - TimeSpan.FromSeconds(1)) < Rescan);
    }
}
