using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Feed.Folder;

/// <summary>
/// The items folder opened once per scan, and its files opened relative to that handle without
/// following any link on the way: a subfolder swapped for a link between the listing
/// and the read can no longer put a file from outside the folder into a feed, as a path open did.
/// The folder itself may be a link (a deploy swaps it) and is followed when it is opened.
/// .NET has no openat, so libc is called: Linux's openat2 with RESOLVE_NO_SYMLINKS (one system
/// call, as cheap as the path open it replaces), else openat with O_NOFOLLOW one name at a time
/// (kernels before 5.6, or a system call filter that refuses openat2). Elsewhere, null: the
/// caller opens by path as before.
/// </summary>
sealed partial class FolderHandle : IDisposable
{
    readonly SafeFileHandle _folder;

    FolderHandle(SafeFileHandle folder) => _folder = folder;

    /// <summary>The folder opened, or null where there is no openat to open its files with.</summary>
    public static FolderHandle? Open(string folder)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var fd = open(folder, OpenFlags.ReadOnly | OpenFlags.CloseOnExec | Flags.Directory);
        return fd < 0 ? null : new FolderHandle(new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>
    /// Opens a file by its path under the folder ("2024/story.md").
    /// </summary>
    /// <exception cref="FileNotFoundException">Gone, or a link somewhere on its path: not this folder's file.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    /// <exception cref="IOException">Any other failure, with the system's message.</exception>
    public SafeFileHandle OpenFile(string relativePath)
    {
        // Never relative to a number the system may have given to another file since.
        ObjectDisposedException.ThrowIf(_folder.IsClosed, this);
        var fd = s_openat2Refused ? OpenByNames(relativePath) : OpenBeneath(relativePath);
        if (fd >= 0)
            return new SafeFileHandle(fd, ownsHandle: true);
        var errno = Marshal.GetLastPInvokeError();
        throw errno switch
        {
            // A link (ELOOP), a file where a folder was (ENOTDIR), a way out (EXDEV): whatever it
            // leads to is not a file of this folder, so for this scan it is not there.
            ENOENT or ELOOP or ENOTDIR or EXDEV => new FileNotFoundException($"{relativePath}: not found without following a link"),
            EACCES or EPERM => new UnauthorizedAccessException($"{relativePath}: permission denied"),
            _ => new IOException(Marshal.GetPInvokeErrorMessage(errno)),
        };
    }

    public void Dispose() => _folder.Dispose();

    static volatile bool s_openat2Refused;

    /// <summary>Whether openat2 is no longer tried (tests set it to run the one-name-at-a-time road).</summary>
    internal static bool Openat2Refused { get => s_openat2Refused; set => s_openat2Refused = value; }

    int OpenBeneath(string relativePath)
    {
        var how = new OpenHow
        {
            Flags = (ulong)(OpenFlags.ReadOnly | OpenFlags.CloseOnExec | OpenFlags.NonBlocking | OpenFlags.NoControllingTty),
            Resolve = ResolveNoSymlinks | ResolveNoMagicLinks | ResolveBeneath,
        };
        for (var attempt = 0; ; attempt++)
        {
            var fd = (int)openat2(SysOpenat2, (int)_folder.DangerousGetHandle(), relativePath, ref how, (nuint)Marshal.SizeOf<OpenHow>());
            if (fd >= 0)
                return fd;
            var errno = Marshal.GetLastPInvokeError();
            // EAGAIN: a rename elsewhere raced the lookup, and the kernel asks for a retry.
            if (errno == EAGAIN && attempt < 8)
                continue;
            if (errno is ENOSYS or EPERM)
            {
                s_openat2Refused = true;
                return OpenByNames(relativePath);
            }
            return fd;
        }
    }

    // One name at a time, each folder opened with O_NOFOLLOW | O_DIRECTORY, the file with O_NOFOLLOW.
    int OpenByNames(string relativePath)
    {
        var names = relativePath.Split('/');
        var dir = (int)_folder.DangerousGetHandle();
        var opened = -1;
        try
        {
            for (var i = 0; i < names.Length - 1; i++)
            {
                var next = openat(dir, names[i], OpenFlags.ReadOnly | OpenFlags.CloseOnExec | Flags.NoFollow | Flags.Directory);
                if (next < 0)
                    return next;
                if (opened >= 0)
                    close(opened);
                dir = opened = next;
            }
            return openat(dir, names[^1], OpenFlags.ReadOnly | OpenFlags.CloseOnExec | OpenFlags.NonBlocking | OpenFlags.NoControllingTty | Flags.NoFollow);
        }
        finally
        {
            if (opened >= 0)
            {
                // close must not overwrite the errno the caller reads.
                var errno = Marshal.GetLastPInvokeError();
                close(opened);
                Marshal.SetLastPInvokeError(errno);
            }
        }
    }

    [Flags]
    enum OpenFlags
    {
        ReadOnly = 0,
        NoControllingTty = 0x100, // O_NOCTTY
        NonBlocking = 0x800, // O_NONBLOCK: a FIFO put in a file's place does not hang the scan
        CloseOnExec = 0x80000, // O_CLOEXEC
    }

    /// <summary>The two flags whose values differ between Linux architectures.</summary>
    static class Flags
    {
        static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64;
        public static readonly OpenFlags Directory = (OpenFlags)(Arm ? 0x4000 : 0x10000);
        public static readonly OpenFlags NoFollow = (OpenFlags)(Arm ? 0x8000 : 0x20000);
    }

    [StructLayout(LayoutKind.Sequential)]
    struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    const ulong ResolveNoMagicLinks = 0x02;
    const ulong ResolveNoSymlinks = 0x04;
    const ulong ResolveBeneath = 0x08;
    const long SysOpenat2 = 437; // the same number on every Linux architecture

    const int EPERM = 1, ENOENT = 2, EAGAIN = 11, EACCES = 13, EXDEV = 18, ENOTDIR = 20, ENOSYS = 38, ELOOP = 40;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, OpenFlags flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int openat(int dirfd, string path, OpenFlags flags);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial long openat2(long number, int dirfd, string path, ref OpenHow how, nuint size);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
