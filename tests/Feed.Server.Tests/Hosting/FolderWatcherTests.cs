using Feed.Server.Hosting;
using Feed.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Feed.Server.Tests.Hosting;

/// <summary>When the service looks at the folder again, on a fake clock: no sleeping, no timing luck.</summary>
public sealed class FolderWatcherTests : IDisposable
{
    static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);
    static readonly TimeSpan Rescan = TimeSpan.FromSeconds(30);

    readonly TempFolder _folder = new();
    readonly TimerClock _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    readonly FolderWatcher _watcher;

    public FolderWatcherTests()
    {
        _watcher = new FolderWatcher(_folder.Path, _clock, Quiet, Rescan, NullLogger<FeedService>.Instance);
        _watcher.Follow(folderExists: true);
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _folder.Dispose();
    }

    static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    // While the watcher waits on the clock it holds the rescan's timer and, in a quiet period, that period's.
    const int Waiting = 2;

    [Fact]
    public async Task A_burst_of_changes_is_one_wake_after_the_folder_has_been_quiet()
    {
        var wait = _watcher.WaitAsync(null, CancellationToken.None);
        for (var i = 0; i < 500; i++)
            _watcher.Poke();
        var took = await _clock.AdvanceUntil(wait, Waiting, Step, Rescan);
        Assert.InRange(took, Quiet, Quiet * 2);
    }

    [Fact]
    public async Task A_file_created_and_then_written_wakes_one_quiet_period_after_the_last_event()
    {
        var wait = _watcher.WaitAsync(null, CancellationToken.None);
        _watcher.Poke(); // created
        // Whether the watcher has read the first event by now or not, the quiet period counts from the last.
        _clock.Advance(TimeSpan.FromMilliseconds(30));
        _watcher.Poke(); // written
        var took = await _clock.AdvanceUntil(wait, Waiting, Step, Rescan) + TimeSpan.FromMilliseconds(30);
        // One period after the second event, not a period after the first and then another.
        Assert.InRange(took, Quiet + TimeSpan.FromMilliseconds(30), Quiet + TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public async Task Changes_that_keep_coming_are_cut_off_after_ten_quiet_periods()
    {
        var wait = _watcher.WaitAsync(null, CancellationToken.None);
        _watcher.Poke();
        // A folder that never goes quiet is published all the same, after ten periods (and not 12).
        var took = await _clock.AdvanceUntil(wait, Waiting, Step, Quiet * 12, beforeStep: _watcher.Poke);
        Assert.True(took >= Quiet * 10);
    }

    [Fact]
    public async Task Without_events_the_folder_is_rescanned_at_the_rescan_interval()
    {
        var wait = _watcher.WaitAsync(null, CancellationToken.None);
        Assert.Equal(_clock.GetUtcNow() + Rescan, _watcher.WakeAt);
        _clock.Advance(Rescan - TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_scheduled_story_wakes_the_service_at_its_time()
    {
        var due = _clock.GetUtcNow() + TimeSpan.FromSeconds(5);
        var wait = _watcher.WaitAsync(due, CancellationToken.None);
        Assert.Equal(due, _watcher.WakeAt);
        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(wait.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_file_written_while_waiting_wakes_it_without_a_rescan()
    {
        var wait = _watcher.WaitAsync(null, CancellationToken.None);
        _folder.Write("2024-07-01-story.md", "---\ntitle: x\n---\n");
        var took = await _clock.AdvanceUntil(wait, Waiting, Step, Rescan - TimeSpan.FromSeconds(1));
        Assert.True(took < Rescan);
    }
}
