using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Feed.Folder;

// An open file's type, size and modification time in one call (statx), where .NET asks the
// system once for each and checks the user besides: a cold start takes four such statuses of
// each of 100,000 files.
sealed partial class FolderHandle
{
    /// <summary>What one status of an open file says.</summary>
    public readonly record struct FileStatus(bool IsRegular, long Length, DateTime LastWriteUtc);

    static volatile bool s_statxRefused;

    /// <summary>The open file's status, or null where the system has no statx (the caller asks .NET instead).</summary>
    public static FileStatus? Status(SafeFileHandle file)
    {
        if (s_statxRefused || !OperatingSystem.IsLinux())
            return null;
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            var buffer = new Statx();
            int result;
            try
            {
                result = statx((int)file.DangerousGetHandle(), "", AtEmptyPath, StatxType | StatxMtime | StatxSize, ref buffer);
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
            return new FileStatus((buffer.Mode & TypeMask) == RegularFile, (long)buffer.Size, lastWrite);
        }
        finally
        {
            if (added)
                file.DangerousRelease();
        }
    }

    const int AtEmptyPath = 0x1000;
    const uint StatxType = 0x1, StatxMtime = 0x40, StatxSize = 0x200;
    const ushort TypeMask = 0xF000, RegularFile = 0x8000;

    // struct statx is laid out alike on every Linux architecture: 256 bytes.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, ref Statx buffer);
}
