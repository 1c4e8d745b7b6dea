using System.Text.RegularExpressions;

namespace Feed.Tests;

/// <summary>
/// The code explains itself within the repository: a comment that sends the reader to an issue
/// tracker or to a file outside the checkout stops making sense for whoever clones it.
/// </summary>
public partial class SourceHygieneTests
{
    [GeneratedRegex(@"\b[Ii]ssue \d+|(?<=[\s(])#\d{2}\b|PRODUCT\.md|STYLE\.md|\.\./shared/")]
    private static partial Regex OutsideReference();

    static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests", "bench" }
            .Select(folder => Path.Combine(Repository.Root, folder))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => Path.GetExtension(file) is ".cs" or ".py" or ".mjs" or ".sh")
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains("node_modules", StringComparison.Ordinal)
                && !file.Contains("w3c-feedvalidator", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}out{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void No_comment_cites_an_issue_number_or_a_file_outside_the_repository()
    {
        var found = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                // In C# only comments; in scripts every line, so docstrings count too.
                var comment = !file.EndsWith(".cs", StringComparison.Ordinal) ? line
                    : line.IndexOf("//", StringComparison.Ordinal) is >= 0 and var slash ? line[slash..]
                    : line.TrimStart().StartsWith('*') ? line : null;
                if (comment is not null && OutsideReference().IsMatch(comment))
                    found.Add($"{Path.GetRelativePath(Repository.Root, file)}:{i + 1}: {line.Trim()}");
            }
        }
        Assert.True(found.Count == 0, "comments that point outside the repository:\n" + string.Join('\n', found));
    }
}
