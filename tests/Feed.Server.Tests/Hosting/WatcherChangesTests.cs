using Feed.Server.Hosting;
using Feed.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>
/// What the watcher's events name for the next look: the changed files alone, or the whole folder
/// when names cannot say exactly what changed (a rename, a new folder, a lost event, a new watch).
/// </summary>
public sealed class WatcherChangesTests : IDisposable
{
    static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    static readonly TimeSpan Rescan = TimeSpan.FromSeconds(30);

    readonly TempFolder _folder = new();
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    readonly FolderWatcher _watcher;

    public WatcherChangesTests()
    {
        _folder.Write("world/2024-06-27-old.md", Items.Story("Old news"));
        _watcher = new FolderWatcher(_folder.Path, _clock, Quiet, Rescan, NullLogger<FeedService>.Instance);
        _watcher.Follow(folderExists: true);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _folder.Dispose();
    }

    /// <summary>Waits (on the fake clock) for the watcher to wake after a change, then takes what it names.</summary>
    async Task<IReadOnlyCollection<string>?> NamedAfter(Action change)
    {
        Assert.Null(_watcher.TakeChanges()); // the first look after a new watch walks
        var wait = _watcher.WaitAsync(null, CancellationToken.None);
        change();
        var start = _clock.GetUtcNow();
        while (!wait.IsCompleted)
        {
            Assert.True(_clock.GetUtcNow() - start < Rescan - TimeSpan.FromSeconds(1), "no event woke the watcher");
            await Task.Delay(2); // real time only lets the events arrive; the fake clock decides
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }
        await wait;
        return _watcher.TakeChanges();
    }

    [Fact]
    public async Task Events_name_the_files_written_and_deleted()
    {
        var named = await NamedAfter(() =>
        {
            _folder.Write("2024-07-01-new.md", Items.Story("New"));
            _folder.Delete("world/2024-06-27-old.md");
        });
        Assert.NotNull(named);
        Assert.Contains("2024-07-01-new.md", named);
        Assert.Contains("world/2024-06-27-old.md", named);
    }

    [Fact]
    public async Task A_renamed_folder_asks_for_a_walk()
    {
        Assert.Null(await NamedAfter(() => Directory.Move(Path.Combine(_folder.Path, "world"), Path.Combine(_folder.Path, "earth"))));
    }

    [Fact]
    public async Task A_renamed_file_asks_for_a_walk()
    {
        Assert.Null(await NamedAfter(() => File.Move(Path.Combine(_folder.Path, "world/2024-06-27-old.md"), Path.Combine(_folder.Path, "world/2024-06-27-new.md"))));
    }

    [Fact]
    public async Task A_new_folder_asks_for_a_walk()
    {
        Assert.Null(await NamedAfter(() => _folder.Write("sport/2024-07-01-match.md", Items.Story("Match"))));
    }

    [Fact]
    public async Task An_overflowed_event_queue_asks_for_a_walk()
    {
        var named = await NamedAfter(() => _folder.Write("2024-07-01-new.md", Items.Story("New")));
        Assert.NotNull(named);

        // FileSystemWatcher raises Error with InternalBufferOverflowException when events were lost.
        _folder.Write("2024-07-02-newer.md", Items.Story("Newer"));
        _watcher.Lost(new ErrorEventArgs(new InternalBufferOverflowException()));
        Assert.Null(_watcher.TakeChanges());
    }

    [Fact]
    public async Task The_rescan_interval_asks_for_a_walk()
    {
        Assert.Null(_watcher.TakeChanges());
        var wait = _watcher.WaitAsync(null, CancellationToken.None);
        _clock.Advance(Rescan);
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(_watcher.TakeChanges());
    }
}
