using Feed.Documents;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Tests.Documents;

public class LastModifiedClockTests
{
    static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_change_within_the_same_second_moves_Last_Modified_a_whole_second()
    {
        var next = LastModifiedClock.FromFolder(Noon, documentsChanged: true, changedAt: Noon.AddMilliseconds(400), [], startedAt: null);
        Assert.Equal(Noon.AddSeconds(1), next);
    }

    [Fact]
    public void Last_Modified_never_goes_back_when_the_folder_time_does()
    {
        Assert.Equal(Noon, LastModifiedClock.FromFolder(Noon, documentsChanged: false, changedAt: Noon.AddHours(-1), [], startedAt: null));
        Assert.Equal(Noon.AddSeconds(1), LastModifiedClock.FromFolder(Noon, documentsChanged: true, changedAt: Noon.AddHours(-1), [], startedAt: null));
    }

    [Fact]
    public void The_folder_time_is_cut_to_the_second_as_HTTP_dates_carry_it()
    {
        Assert.Equal(Noon.AddSeconds(5), LastModifiedClock.FromFolder(null, documentsChanged: true, changedAt: Noon.AddMilliseconds(5_900), [], startedAt: null));
    }

    [Fact]
    public void A_first_snapshot_within_two_seconds_of_the_folder_change_takes_the_next_second()
    {
        Assert.Equal(Noon.AddSeconds(1), LastModifiedClock.FromFolder(null, documentsChanged: true, changedAt: Noon, [], startedAt: Noon.AddSeconds(1.5)));
        Assert.Equal(Noon, LastModifiedClock.FromFolder(null, documentsChanged: true, changedAt: Noon, [], startedAt: Noon.AddSeconds(3)));
    }

    [Fact]
    public void The_ledger_time_of_the_same_documents_published_last_wins()
    {
        Assert.Equal(Noon, LastModifiedClock.Stamp(fromFolder: Noon.AddMinutes(5), latestRecorded: Noon, recordedForThese: Noon, now: Noon.AddMinutes(9)));
    }

    [Fact]
    public void Documents_published_again_after_others_get_a_time_after_the_latest()
    {
        Assert.Equal(Noon.AddMinutes(9), LastModifiedClock.Stamp(Noon, latestRecorded: Noon.AddMinutes(1), recordedForThese: Noon, now: Noon.AddMinutes(9).AddMilliseconds(300)));
        Assert.Equal(Noon.AddMinutes(1).AddSeconds(1), LastModifiedClock.Stamp(Noon, latestRecorded: Noon.AddMinutes(1), recordedForThese: null, now: Noon.AddMinutes(1)));
    }

    [Fact]
    public void A_later_time_recorded_for_the_served_documents_is_taken_an_earlier_one_never()
    {
        Assert.Equal(Noon.AddSeconds(2), LastModifiedClock.Later(Noon, Noon.AddSeconds(2)));
        Assert.Null(LastModifiedClock.Later(Noon, Noon.AddSeconds(-2)));
        Assert.Null(LastModifiedClock.Later(Noon, null));
    }

    [Fact]
    public async Task A_snapshot_is_served_only_once_its_Last_Modified_has_come()
    {
        var time = new FakeTimeProvider(Noon.AddMilliseconds(600));
        var waiting = LastModifiedClock.WhenServable(Noon.AddSeconds(1), time, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(200));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(time.GetUtcNow() >= Noon.AddSeconds(1));
    }

    [Fact]
    public async Task A_clock_set_back_holds_a_change_at_most_a_second()
    {
        var time = new FakeTimeProvider(Noon);
        var waiting = LastModifiedClock.WhenServable(Noon.AddHours(1), time, CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(1_001));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
