namespace Feed.Server.Export;

/// <summary>
/// Writes and deletes in the export folder only real files in real folders under it, never
/// through a link (an export into a folder holding links overwrote a file outside it,
/// wrote into a linked folder, and its clean-up deleted files outside it). The folder itself may
/// be a link (a web root served from elsewhere) and is followed.
/// </summary>
static class ExportFolder
{
    /// <summary>
    /// Writes a file as a new file renamed into place: a link in the file's place is replaced,
    /// not written through, and a reader never sees half a file.
    /// </summary>
    /// <exception cref="IOException">A folder on the way is a link.</exception>
    public static void Write(string target, string file, ReadOnlySpan<byte> bytes)
    {
        using var stream = Create(target, file, out var temporary, out var path);
        try
        {
            stream.Write(bytes);
            stream.Dispose();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes a copy of <paramref name="source"/> the same way: renamed into place.</summary>
    /// <exception cref="IOException">A folder on the way is a link.</exception>
    public static void Write(string target, string file, Stream source)
    {
        using var stream = Create(target, file, out var temporary, out var path);
        try
        {
            source.CopyTo(stream);
            stream.Dispose();
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    static FileStream Create(string target, string file, out string temporary, out string path)
    {
        path = Path.Combine(target, file);
        if (LinkOnTheWay(target, file) is { } link)
            throw new IOException($"{link} is a symbolic link, and export writes only in real folders inside {target}, never through a link; remove the link or export to another folder");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
    }

    /// <summary>
    /// Deletes a file an earlier export wrote, and the folders it leaves empty; a file reached
    /// through a linked folder is not this export's to delete and stays. A link in the file's
    /// own place is deleted itself, never what it points to.
    /// </summary>
    public static void Delete(string target, string file)
    {
        if (LinkOnTheWay(target, file) is not null)
            return;
        var path = Path.Combine(target, file);
        File.Delete(path);
        for (var dir = Path.GetDirectoryName(path); dir is not null && dir.Length > target.Length && !Directory.EnumerateFileSystemEntries(dir).Any();
             dir = Path.GetDirectoryName(dir))
            Directory.Delete(dir);
    }

    /// <summary>The first folder between the export folder and the file that is a link, if one is.</summary>
    static string? LinkOnTheWay(string target, string file)
    {
        var names = file.Split('/', '\\');
        var dir = target;
        for (var i = 0; i < names.Length - 1; i++)
        {
            dir = Path.Combine(dir, names[i]);
            var info = new DirectoryInfo(dir);
            if (info.LinkTarget is not null)
                return Path.GetRelativePath(target, dir);
            if (!info.Exists)
                return null; // nothing further down exists yet either
        }
        return null;
    }
}
