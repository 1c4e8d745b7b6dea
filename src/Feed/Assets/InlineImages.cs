using System.Text.RegularExpressions;

namespace Feed.Assets;

/// <summary>The images a Markdown body shows (<c>![alt](url)</c>), with their lines, found without rendering it.</summary>
public static partial class InlineImages
{
    [GeneratedRegex("""!\[[^\]\n]*\]\(\s*(?:<(?<url>[^>\n]+)>|(?<url>[^\s)]+))""")]
    private static partial Regex Image();

    /// <param name="markdown">The body.</param>
    /// <param name="firstLine">The line of the file the body starts on.</param>
    /// <param name="location">Where the story's relative URLs point.</param>
    public static IReadOnlyList<MediaReference> In(string markdown, int firstLine, StoryLocation location)
    {
        if (!markdown.Contains("![", StringComparison.Ordinal))
            return [];
        var found = new List<MediaReference>();
        foreach (Match match in Image().Matches(markdown))
        {
            var line = firstLine + markdown.AsSpan(0, match.Index).Count('\n');
            if (Uri.TryCreate(location.Resolve(match.Groups["url"].Value), UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
                found.Add(new MediaReference(url, line, "inline image"));
        }
        return found;
    }
}
