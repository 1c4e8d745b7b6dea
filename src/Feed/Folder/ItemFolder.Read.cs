using Feed.Items;
using Microsoft.Win32.SafeHandles;

namespace Feed.Folder;

/// <summary>Reading one file: its status, and its bytes only when they were stable across the whole read.</summary>
public sealed partial class ItemFolder
{
    /// <param name="Change">The file's change time and inode as the read found them (default and 0 where unknown): a start index keeps them.</param>
    /// <param name="FromIndex">Taken from the start index, not read.</param>
    sealed record FileRead(ItemParseResult Result, long Length, DateTime LastWrite, bool ReadFailed = false,
        bool Vanished = false, bool Unsettled = false, ulong Hash = 0, DateTime Change = default, ulong Inode = 0, bool FromIndex = false);

    /// <summary>An item file's size and modification time, when its status was taken.</summary>
    readonly record struct ItemFile(string Path, long Length, DateTime LastWrite);

    /// <summary>What one file's status said: gone, unchanged, or read again (<see cref="Read"/>).</summary>
    readonly record struct Look(string Path, bool Gone, DateTime LastWrite, FileRead? Read);

    Look LookAt(string path, List<ItemProblem> problems)
    {
        // A file not seen before is opened at once and its status taken from the open file: no
        // lookup of its path for a status first. Anything unusual (a link, a name that is not
        // UTF-8, a file gone or unreadable, no statx) takes the road below, which words it.
        if (_opened is { } folder && !_files.ContainsKey(path) && (Indexed(folder, path) ?? ReadNew(folder, path)) is { } fresh)
        {
            // A story from the index is keyed by its own path string, so the walk's copy is not kept too.
            return new Look(fresh.FromIndex ? fresh.Result.Item!.SourcePath : path, false, fresh.LastWrite, fresh);
        }
        var info = new FileInfo(System.IO.Path.Join(Root, path));
        try
        {
            if (!info.Exists)
            {
                // A name that is not UTF-8 (Latin-1 "café.md") is listed with U+FFFD for the bytes
                // it cannot decode, a name that opens nothing: skipped, said and counted, not lost.
                if (path.Contains('\uFFFD', StringComparison.Ordinal))
                    return new Look(path, false, default, new FileRead(new ItemParseResult(null, [NameNotUtf8(path)]), 0, default, ReadFailed: true));
                // No status is also what a folder that can be listed but not entered gives (a
                // chmod between the listing and this look): only a file that is not there is gone.
                return WhyNoStatus(info.FullName) is { } denied
                    ? new Look(path, false, default, CannotRead(path, denied, 0, default))
                    : new Look(path, true, default, null); // deleted since the listing
            }
            if (info.Attributes.HasFlag(FileAttributes.ReparsePoint) && info.LinkTarget is not null)
            {
                SkipLink(path, info, problems);
                return new Look(path, true, default, null);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Look(path, true, default, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Look(path, false, default, CannotRead(path, e, 0, default));
        }
        var file = new ItemFile(path, info.Length, info.LastWriteTimeUtc);
        var unchanged = _files.TryGetValue(path, out var state) && !state.ReadFailed
            && state.Length == file.Length && state.LastWrite == file.LastWrite;
        return new Look(path, false, file.LastWrite, unchanged ? null : Read(file));
    }

    /// <summary>Why a file's status cannot be had: null when it is not there (or is there again).</summary>
    static Exception? WhyNoStatus(string fullPath)
    {
        try
        {
            File.GetAttributes(fullPath);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    /// <summary>A file that is there but cannot be read: its last good version stays published, and it is tried again at every pass.</summary>
    static FileRead CannotRead(string path, Exception e, long length, DateTime lastWrite)
    {
        var reason = e is UnauthorizedAccessException ? "permission denied" : e.Message;
        return new FileRead(new ItemParseResult(null, [new(path, null, $"cannot be read ({reason}); check the permissions of the file and its folders")]),
            length, lastWrite, ReadFailed: true);
    }

    FileRead? ReadNew(FolderHandle folder, string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = folder.OpenFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (FolderHandle.Status(handle) is not { IsRegular: true } status)
        {
            handle.Dispose();
            return null;
        }
        return Read(new ItemFile(path, status.Length, status.LastWriteUtc), handle);
    }

    FileRead Read(ItemFile file, SafeFileHandle? opened = null)
    {
        var (path, length, lastWrite) = file;
        if (length == 0 || length > settings.MaxItemBytes)
            opened?.Dispose();
        if (length == 0)
        {
            // Not read (nor opened, unless opened for its status): an empty name may be a FIFO
            // or a device, and reading one blocks.
            return new FileRead(new ItemParseResult(null, [ItemParser.Empty(path)]), length, lastWrite);
        }
        if (length > settings.MaxItemBytes)
        {
            // Too big to read at all: say so without loading it.
            return new FileRead(new ItemParseResult(null, [ItemParser.TooLarge(path, length, settings)]), length, lastWrite);
        }

        byte[] bytes;
        DateTime lastWriteAfter;
        long lengthAfter;
        FolderHandle.FileStatus? status;
        try
        {
            // The handle's own status, before and after: no second lookup of the path.
            using var handle = opened ?? _opened?.OpenFile(path) ?? File.OpenHandle(System.IO.Path.Join(Root, path));
            bytes = new byte[opened is null ? RandomAccess.GetLength(handle) : length];
            var done = 0;
            for (int read; done < bytes.Length && (read = RandomAccess.Read(handle, bytes.AsSpan(done), done)) > 0;)
                done += read;
            bytes = done == bytes.Length ? bytes : bytes[..done];
            (lengthAfter, lastWriteAfter) = (status = FolderHandle.Status(handle)) is { } after
                ? (after.Length, after.LastWriteUtc)
                : (RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle));
        }
        catch (FileNotFoundException) { return Gone(); }
        catch (DirectoryNotFoundException) { return Gone(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return CannotRead(path, e, length, lastWrite);
        }

        // A file written in place can be caught half-written: only bytes that were stable across
        // the whole read are trusted, otherwise the next pass reads it again.
        if (lengthAfter != length || lastWriteAfter != lastWrite || bytes.Length != length || IsRecent(lastWrite))
            return new FileRead(new ItemParseResult(null, []), length, lastWrite, Unsettled: true);

        ItemParseResult result;
        try
        {
            result = ItemParser.Parse(new ItemSource(path, bytes, _time.GetUtcNow()), settings, _bodies);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in Feed or a library must cost one file, never the feed.
            result = new ItemParseResult(null, [new(path, null,
                $"could not be read as an item ({e.GetType().Name}: {e.Message}); this is a bug in Feed: please report it with the file")]);
        }
        return new FileRead(result, length, lastWrite, Hash: System.IO.Hashing.XxHash3.HashToUInt64(bytes),
            Change: status?.Change ?? default, Inode: status?.Inode ?? 0);

        FileRead Gone() => new(new ItemParseResult(null, []), 0, default, Vanished: true);
    }

    // File times come from the operating system's clock, so they are compared with that clock,
    // not with the clock that decides publication. A time in the future (a skewed clock, a
    // `touch -d`) is trusted rather than waited for forever.
    bool IsRecent(DateTime lastWriteUtc)
    {
        var age = _time.GetUtcNow().UtcDateTime - lastWriteUtc;
        return age >= TimeSpan.Zero && age < settle;
    }
}
