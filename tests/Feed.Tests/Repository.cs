using System.Runtime.CompilerServices;

namespace Feed.Tests;

internal static class Repository
{
    /// <summary>The checkout's root, found from this source file's location.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", ".."));

    public static string TestsDirectory { get; } = ThisDirectory();

    static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
