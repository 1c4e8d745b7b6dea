using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Feed.Folder;

// An open file's type, size and modification time in one call (statx), where .NET asks the
// system once for each and checks the user besides: a cold start takes four such statuses of
// each of 100,000 files.
sealed partial class FolderHandle
{
    /// <summary>A file's status.</summary>
    /// <param name="Change">The inode's change time (ctime), which no program can set back: with the
    /// inode number it tells a file rewritten to its old size and time, as git's index does.</param>
    public readonly record struct FileStatus(bool IsRegular, long Length, DateTime LastWriteUtc, DateTime Change = default, ulong Inode = 0);

    static volatile bool s_statxRefused;

    public static FileStatus? Status(SafeFileHandle file)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return Status((int)file.DangerousGetHandle(), "", AtEmptyPath);
        }
        finally
        {
            if (added)
                file.DangerousRelease();
        }
    }

    /// <summary>The status of the file at <paramref name="relativePath"/>, not following a link there; null when it cannot be had.</summary>
    public FileStatus? StatusAt(string relativePath)
    {
        ObjectDisposedException.ThrowIf(_folder.IsClosed, this);
        return Status((int)_folder.DangerousGetHandle(), relativePath, AtSymlinkNoFollow);
    }

    static FileStatus? Status(int fd, string path, int flags)
    {
        if (s_statxRefused || !OperatingSystem.IsLinux())
            return null;
        var buffer = new Statx();
        int result;
        try
        {
            result = statx(fd, path, flags, StatxType | StatxMtime | StatxSize | StatxCtime | StatxIno, ref buffer);
        }
        catch (EntryPointNotFoundException)
        {
            s_statxRefused = true; // a C library older than statx (glibc 2.28)
            return null;
        }
        if (result != 0)
        {
            if (Marshal.GetLastPInvokeError() is ENOSYS or EPERM)
                s_statxRefused = true;
            return null;
        }
        const uint NeedBits = StatxType | StatxMtime | StatxSize;
        if ((buffer.Mask & NeedBits) != NeedBits)
            return null;
        // As .NET reads it (FileStatus): whole seconds, then the nanoseconds in 100 ns ticks.
        var lastWrite = DateTime.UnixEpoch.AddSeconds(buffer.MtimeSeconds).AddTicks(buffer.MtimeNanoseconds / 100);
        // Without both, a status cannot vouch for a file's bytes (an index entry is then not trusted).
        var known = (buffer.Mask & (StatxCtime | StatxIno)) == (StatxCtime | StatxIno);
        var change = known ? DateTime.UnixEpoch.AddSeconds(buffer.CtimeSeconds).AddTicks(buffer.CtimeNanoseconds / 100) : default;
        return new FileStatus((buffer.Mode & TypeMask) == RegularFile, (long)buffer.Size, lastWrite, change, known ? buffer.Inode : 0);
    }

    const int AtEmptyPath = 0x1000, AtSymlinkNoFollow = 0x100;
    const uint StatxType = 0x1, StatxMtime = 0x40, StatxCtime = 0x80, StatxIno = 0x100, StatxSize = 0x200;
    const ushort TypeMask = 0xF000, RegularFile = 0x8000;

    // struct statx is laid out alike on every Linux architecture: 256 bytes.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long CtimeSeconds;
        [FieldOffset(104)] public uint CtimeNanoseconds;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, ref Statx buffer);
}
