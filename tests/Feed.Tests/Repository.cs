using System.Runtime.CompilerServices;

namespace Feed.Tests;

internal static class Repository
{
    /// <summary>The checkout's root, found from this source file's location.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", ".."));

    public static string TestsDirectory { get; } = ThisDirectory();

    /// <summary>
    /// Every folder of real item files in the repository: the hostile corpus, the unit fixtures,
    /// the interop fixture, the migration folder and the newsroom's own items. Tests that run
    /// "every item we have" through a parser take this one list, so a new folder reaches them all.
    /// </summary>
    public static IReadOnlyList<string> ItemRoots { get; } =
    [
        Path.Combine(TestsDirectory, "Corpus"),
        Path.Combine(TestsDirectory, "Fixtures"),
        Path.Combine(Root, "tests", "Interop", "fixture"),
        Path.Combine(Root, "tests", "Migration"),
        Path.Combine(Root, "items"),
    ];

    /// <summary>Every file under <see cref="ItemRoots"/>, with its root, in ordinal order.</summary>
    public static IEnumerable<(string Root, string File)> ItemFiles() =>
        ItemRoots.Where(Directory.Exists)
            .SelectMany(root => Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(file => (root, file)))
            .OrderBy(f => f.file, StringComparer.Ordinal);

    static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
