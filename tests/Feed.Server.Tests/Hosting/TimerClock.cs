using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>
/// A fake clock that knows how many of its timers are pending and how many have fired, so a test
/// advances it only while the code it drives is waiting on it: after an event, or a timer that
/// fired, that code runs until it waits on a timer again or ends, and the test waits for exactly
/// that instead of pausing for a real-time guess.
/// </summary>
public sealed class TimerClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    int _pending;
    int _fired;
    TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Timers made and neither fired nor disposed.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new CountedTimer(this);
        Interlocked.Increment(ref _pending);
        timer.Inner = base.CreateTimer(s =>
        {
            timer.End(fired: true);
            callback(s);
        }, state, dueTime, period);
        Changed();
        return timer;
    }

    /// <summary>
    /// Advances the clock a step at a time until <paramref name="wait"/> ends. Before the first
    /// step, and again after each timer that fires, it lets the code behind the wait run until it
    /// holds <paramref name="waiting"/> pending timers; returns how much fake time passed.
    /// </summary>
    /// <param name="wait">What the code behind it is doing.</param>
    /// <param name="waiting">How many timers that code holds while it waits on the clock.</param>
    /// <param name="step">How far each step advances the clock.</param>
    /// <param name="limit">The fake time that may pass before the test fails.</param>
    /// <param name="beforeStep">Runs before each step (a change that keeps coming).</param>
    public async Task<TimeSpan> AdvanceUntil(Task wait, int waiting, TimeSpan step, TimeSpan limit, Action? beforeStep = null)
    {
        var start = GetUtcNow();
        while (!wait.IsCompleted)
        {
            await Holding(waiting, wait);
            var fired = Volatile.Read(ref _fired);
            while (!wait.IsCompleted && Volatile.Read(ref _fired) == fired)
            {
                Assert.True(GetUtcNow() - start <= limit, $"still waiting after {limit} of fake time");
                beforeStep?.Invoke();
                Advance(step);
            }
        }
        await wait;
        return GetUtcNow() - start;
    }

    // Real time passes here only while the code runs: a deadline, not a pace.
    async Task Holding(int waiting, Task wait)
    {
        while (!wait.IsCompleted)
        {
            var changed = Volatile.Read(ref _changed);
            if (Pending >= waiting)
                return;
            await Task.WhenAny(changed.Task, wait).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    void Changed() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    sealed class CountedTimer(TimerClock clock) : ITimer
    {
        int _ended;

        public ITimer Inner { get; set; } = null!;

        public void End(bool fired)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
                return;
            Interlocked.Decrement(ref clock._pending);
            if (fired)
                Interlocked.Increment(ref clock._fired);
            clock.Changed();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            End(fired: false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            End(fired: false);
            return Inner.DisposeAsync();
        }
    }
}
