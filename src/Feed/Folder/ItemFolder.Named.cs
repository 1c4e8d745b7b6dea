namespace Feed.Folder;

/// <summary>A pass over the paths file events named: the same outcome as a walk, at the cost of what changed.</summary>
public sealed partial class ItemFolder
{
    /// <summary>
    /// The latest modification time of any file or folder (a deletion or rename shows only in its
    /// folder's time), none later than now: a time in the future (a skewed clock, `touch -d`) is
    /// no evidence of a change yet.
    /// </summary>
    DateTimeOffset? LatestTime()
    {
        var now = _time.GetUtcNow().UtcDateTime;
        DateTime? latest = null;
        foreach (var t in _times.Values)
        {
            if (t <= now && (latest is null || t > latest))
                latest = t;
        }
        foreach (var t in _folders.Values)
        {
            if (t <= now && (latest is null || t > latest))
                latest = t;
        }
        return latest is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Utc)) : null;
    }

    /// <summary>
    /// The files to look at for these named paths (with those unsettled or unreadable at the last
    /// pass), the folders that hold them looked at again; null when only a walk can tell.
    /// </summary>
    List<string>? Named(IReadOnlyCollection<string> changed)
    {
        var files = new HashSet<string>(_unsettled, StringComparer.Ordinal);
        files.UnionWith(_retry);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in changed)
        {
            var path = raw.Replace('\\', '/').Trim('/');
            if (path.Length == 0 || path == "." || path.StartsWith("../", StringComparison.Ordinal) || path == "..")
                return null; // the folder itself
            if (raw.EndsWith('/'))
            {
                // A folder's own status changed (its time, its attributes): looked at again, below.
                if (IgnoredBelow(path))
                    continue;
                if (!_folders.ContainsKey(path))
                    return null;
                folders.Add(path);
                continue;
            }
            var slash = path.LastIndexOf('/');
            var parent = slash < 0 ? "" : path[..slash];
            var name = path.AsSpan(slash + 1);
            if (IgnoredBelow(parent))
                continue; // inside a folder the walk never enters
            if (!_folders.ContainsKey(parent))
                return null; // a folder the last walk did not see
            folders.Add(parent);
            if (ItemNames.IsIgnored(name))
                continue;
            var full = System.IO.Path.Join(Root, path);
            if (_folders.ContainsKey(path) || Directory.Exists(full))
                return null; // a folder appeared, went or changed: only a walk knows what it holds now
            if (ItemNames.IsItem(name))
                files.Add(path);
        }
        var count = _files.Count;
        foreach (var file in files)
        {
            if (!_files.ContainsKey(file))
                count++;
        }
        if (count >= settings.MaxItemFiles)
            return null; // at the cap the first files by path are chosen: a walk chooses
        foreach (var folder in folders)
        {
            var info = new DirectoryInfo(folder.Length == 0 ? Root : System.IO.Path.Join(Root, folder));
            if (!info.Exists || (folder.Length > 0 && info.Attributes.HasFlag(FileAttributes.ReparsePoint)))
                return null;
            _folders[folder] = info.LastWriteTimeUtc;
        }
        var list = files.ToList();
        list.Sort(string.CompareOrdinal);
        return list;
    }

    static bool IgnoredBelow(string folder)
    {
        foreach (var segment in folder.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ItemNames.IsIgnored(segment))
                return true;
        }
        return false;
    }
}
