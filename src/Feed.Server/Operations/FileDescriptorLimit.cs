using System.Runtime.InteropServices;

namespace Feed.Server.Operations;

/// <summary>
/// Raises the soft limit on open file descriptors to the hard limit at start, as the `dotnet` host
/// does for a JIT-run app and the native AOT executable does not: at the usual soft limit of 1,024
/// an idle crowd of ~1,100 connections made the native server unreachable. Linux only;
/// a refusal (a sandbox's system call filter) leaves the limit as it was.
/// </summary>
internal static partial class FileDescriptorLimit
{
    const int RlimitNofile = 7; // RLIMIT_NOFILE on Linux

    [StructLayout(LayoutKind.Sequential)]
    internal struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRlimit(int resource, out Rlimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRlimit(int resource, in Rlimit limit);

    /// <summary>The soft and hard limits now, or null where they cannot be read.</summary>
    public static Rlimit? Current() => OperatingSystem.IsLinux() && GetRlimit(RlimitNofile, out var limit) == 0 ? limit : null;

    /// <summary>Sets the soft limit; false when refused.</summary>
    internal static bool SetSoft(ulong soft) =>
        Current() is { } limit && SetRlimit(RlimitNofile, new Rlimit { Current = soft, Maximum = limit.Maximum }) == 0;

    /// <summary>Raises the soft limit to the hard one; the soft limit after, or null off Linux.</summary>
    public static ulong? RaiseSoftToHard()
    {
        if (Current() is not { } limit)
            return null;
        if (limit.Current < limit.Maximum)
            SetSoft(limit.Maximum);
        return Current()?.Current;
    }
}
