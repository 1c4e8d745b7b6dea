using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Feed.Server.Http;

/// <summary>
/// Opens a file below a folder without following a symbolic link anywhere on the way: each folder
/// and then the file is opened with openat(2) and O_NOFOLLOW, relative to the one before, so a
/// link swapped in after the scan (a folder replaced by a link to /etc) is refused at the open
/// itself, not checked beforehand and raced. Linux; elsewhere every component is checked for a
/// link before a plain open, which a swap between the two can defeat.
/// </summary>
internal static partial class NoFollowFile
{
    // Linux open(2) flags; O_DIRECTORY and O_NOFOLLOW differ between x64 and arm64.
    const int ReadOnly = 0;
    const int NonBlock = 0x800;     // a FIFO named like a picture must not block the open
    const int CloseOnExec = 0x80000;
    static readonly int Directory = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;
    static readonly int NoFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(int directory, string path, int flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>
    /// A seekable read-only stream of <paramref name="relative"/> ('/' separators) below
    /// <paramref name="root"/>, or null when any part of the way is a link, missing, or not a
    /// regular file. The root itself may be a link (items -> /srv/news), as the scan allows.
    /// </summary>
    public static FileStream? Open(string root, string relative)
    {
        var parts = relative.Split('/');
        if (Array.Exists(parts, p => p.Length == 0 || p is "." or ".."))
            return null;
        if (!OperatingSystem.IsLinux())
            return Checked(root, parts);

        var dir = Open(root, ReadOnly | Directory | CloseOnExec);
        if (dir < 0)
            return null;
        try
        {
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var next = OpenAt(dir, parts[i], ReadOnly | Directory | NoFollow | CloseOnExec);
                Close(dir);
                dir = next;
                if (dir < 0)
                    return null;
            }
            var fd = OpenAt(dir, parts[^1], ReadOnly | NoFollow | NonBlock | CloseOnExec);
            if (fd < 0)
                return null;
            var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read, bufferSize: 0);
            if (stream.CanSeek)
                return stream;
            stream.Dispose(); // a FIFO, socket or device
            return null;
        }
        finally
        {
            if (dir >= 0)
                Close(dir);
        }
    }

    static FileStream? Checked(string root, string[] parts)
    {
        var path = root;
        foreach (var part in parts)
        {
            path = Path.Join(path, part);
            if (new FileInfo(path) is { LinkTarget: not null })
                return null;
        }
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
