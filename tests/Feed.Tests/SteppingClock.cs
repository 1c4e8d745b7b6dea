namespace Feed.Tests;

/// <summary>A clock that moves on by a step each time it is read: a slow parse or render, without waiting for one.</summary>
internal sealed class SteppingClock(TimeSpan step) : TimeProvider
{
    long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks += step.Ticks;
}
