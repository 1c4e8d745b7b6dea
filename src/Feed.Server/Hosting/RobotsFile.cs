using Feed.Server.Configuration;

namespace Feed.Server.Hosting;

/// <summary>
/// The robots.txt the user keeps (Feed:RobotsTxt), looked at with the folder: at every file event
/// and every rescan its size and time are compared, and a changed file is read again. No watcher
/// of its own: robots.txt changes rarely and crawlers keep theirs for up to a day (RFC 9309 2.4),
/// so the rescan interval is soon enough. A file that turns bad keeps its last good text served.
/// </summary>
public sealed class RobotsFile(string path, ILogger logger)
{
    // Nothing seen yet: the first look reads the file, so an edit made while the server started is not missed.
    bool _looked;
    (long Length, DateTime Written)? _seen;

    /// <summary>The settings with the file's current text, and whether it changed since the last look.</summary>
    public bool Refresh(FeedSettings current, out FeedSettings next)
    {
        next = current;
        var stamp = Stamp(path);
        if (_looked && stamp == _seen)
            return false;
        (_looked, _seen) = (true, stamp);
        if (FeedOptions.RobotsTxtProblem(path) is { } problem)
        {
            Log.RobotsTxtUnreadable(logger, path, problem);
            return false;
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.RobotsTxtUnreadable(logger, path, e.Message);
            return false;
        }
        if (text == current.RobotsTxt)
            return false;
        next = current with { RobotsTxt = text };
        Log.RobotsTxtRead(logger, path);
        return true;
    }

    static (long, DateTime)? Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
    }
}
