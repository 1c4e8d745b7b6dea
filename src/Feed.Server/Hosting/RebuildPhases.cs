using System.Diagnostics;

namespace Feed.Server.Hosting;

/// <summary>Where a rebuild's time went, phase by phase, for the debug log: a change must cost what it touched.</summary>
struct RebuildPhases(TimeSpan scan)
{
    long _lap = Stopwatch.GetTimestamp();
    public double Identities, Assets, Selection, Urls, Snapshot, Stamp, Save;

    /// <summary>Adds the time since the last lap to <paramref name="phase"/> (a save that lost a race runs every phase again).</summary>
    public void Lap(ref double phase)
    {
        var now = Stopwatch.GetTimestamp();
        phase += Stopwatch.GetElapsedTime(_lap, now).TotalMilliseconds;
        _lap = now;
    }

    public readonly void Log(ILogger logger)
    {
        if (logger.IsEnabled(LogLevel.Debug))
            Server.Log.RebuildPhases(logger, Math.Round(scan.TotalMilliseconds, 1), Math.Round(Identities, 1), Math.Round(Assets, 1), Math.Round(Selection, 1),
                Math.Round(Urls, 1), Math.Round(Snapshot, 1), Math.Round(Stamp, 1), Math.Round(Save, 1));
    }
}
