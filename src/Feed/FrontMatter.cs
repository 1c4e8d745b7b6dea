using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Feed;

/// <summary>The keys of an item's YAML front matter (Jekyll/Hugo style), typed and checked.</summary>
public sealed partial record FrontMatter
{
    public string? Title { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string? Id { get; init; }
    public string? Slug { get; init; }
    public IReadOnlyList<Person>? Authors { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public Uri? Link { get; init; }
    public string? Image { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public Enclosure? Enclosure { get; init; }
    public string? Language { get; init; }
    public bool Draft { get; init; }

    /// <summary>
    /// Splits "---\nYAML\n---\nbody" and reads the YAML. A text without a leading "---" line has
    /// no front matter. <paramref name="bodyLine"/> is the 1-based line where the body starts.
    /// </summary>
    public static FrontMatter Read(string text, string path, TimeZoneInfo zone, List<ItemProblem> problems,
        out string body, out int bodyLine)
    {
        body = text;
        bodyLine = 1;
        if (!OpeningLine().IsMatch(text))
            return new FrontMatter();

        var closing = ClosingLine().Match(text);
        if (!closing.Success)
        {
            problems.Add(new(path, 1, "front matter starts with '---' but has no closing '---' line; add one after the last key"));
            return new FrontMatter();
        }

        var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
        var yaml = text[(firstNewline + 1)..closing.Index];
        body = text[(closing.Index + closing.Length)..];
        bodyLine = 2 + CountLines(yaml) + 1;
        return Parse(yaml, path, zone, problems);
    }

    [GeneratedRegex(@"\A---[ \t]*\r?\n")]
    private static partial Regex OpeningLine();

    // The closing fence is the first "---" (or YAML's "...") line after the opening one.
    [GeneratedRegex(@"(?<=\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\z)")]
    private static partial Regex ClosingLine();

    static int CountLines(string text) => text.Count(c => c == '\n');

    static FrontMatter Parse(string yaml, string path, TimeZoneInfo zone, List<ItemProblem> problems)
    {
        const int firstYamlLine = 2;
        var reader = new YamlFieldReader(path, firstYamlLine - 1, zone, problems);
        if (NestingDepth(yaml) > MaxNesting)
        {
            // YamlDotNet builds nodes recursively: a deep enough nesting overflows the stack,
            // which no catch can stop, so it never gets such a text.
            problems.Add(new(path, null, $"front matter nests lists or keys more than {MaxNesting} levels deep; front matter needs at most two"));
            return new FrontMatter();
        }
        YamlStream stream = [];
        var parser = SimpleYamlParser.TryCreate(yaml, out var simple) ? simple : new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // An error found at the end of the text (an unclosed bracket) is reported on the
            // last line of the front matter, not on the closing fence.
            problems.Add(new(path, Math.Min(reader.LineOf(e.Start), firstYamlLine + CountLines(yaml) - 1), $"front matter is not valid YAML: {YamlMessage(e)}"));
            return new FrontMatter();
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated constructs; the last
            // event it read is the best position there is.
            var line = parser.Current is { } last ? reader.LineOf(last.End) : (int?)null;
            problems.Add(new(path, line, "front matter is not valid YAML: a '[', '{' or quote is not closed"));
            return new FrontMatter();
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new FrontMatter();
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            problems.Add(new(path, reader.LineOf(stream.Documents[0].RootNode.Start),
                "front matter must be 'key: value' lines (such as 'title: ...'), not a list or a bare value"));
            return new FrontMatter();
        }

        var result = new FrontMatter();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value?.Trim().ToLowerInvariant() ?? "";
            if (!seen.Add(key is "categories" ? "tags" : key is "authors" ? "author" : key))
            {
                problems.Add(new(path, reader.LineOf(keyNode.Start), $"'{key}' is given twice; keep one"));
                continue;
            }
            result = key switch
            {
                "title" => result with { Title = reader.Text(key, value) },
                "date" => result with { Date = reader.Date(key, value) },
                "updated" => result with { Updated = reader.Date(key, value) },
                "id" => result with { Id = reader.AbsoluteUri(key, value, "such as tag:example.com,2024-06-27:my-story or urn:uuid:...")?.OriginalString },
                "slug" => result with { Slug = reader.Slug(key, value) },
                "author" or "authors" => result with { Authors = reader.People(key, value) },
                "summary" => result with { Summary = reader.Text(key, value) },
                "tags" or "categories" => result with { Tags = reader.List(key, value) },
                "link" => result with { Link = reader.AbsoluteUri(key, value, "such as https://example.com/story", webOnly: true) },
                "image" => WithImage(result, reader.Image(key, value)),
                "enclosure" => result with { Enclosure = reader.Enclosure(key, value) },
                "lang" or "language" => result with { Language = reader.Language(key, value) },
                "draft" => result with { Draft = reader.Boolean(key, value) ?? false },
                _ => Unknown(result, key),
            };

            FrontMatter Unknown(FrontMatter current, string name)
            {
                problems.Add(new(path, reader.LineOf(keyNode.Start), $"unknown front matter key '{name}' is not published", ProblemLevel.Debug));
                return current;
            }
        }
        return result;
    }

    static FrontMatter WithImage(FrontMatter result, (string? Url, int? Width, int? Height) image) =>
        result with { Image = image.Url, ImageWidth = image.Width, ImageHeight = image.Height };

    const int MaxNesting = 64;

    /// <summary>The deepest nesting of brackets, braces or indentation: an upper bound, quotes not excluded.</summary>
    static int NestingDepth(string yaml)
    {
        int depth = 0, deepest = 0, indent = 0;
        var lineStart = true;
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                lineStart = true;
                indent = 0;
                continue;
            }
            if (lineStart && c is ' ' or '-')
            {
                deepest = Math.Max(deepest, ++indent / 2);
                continue;
            }
            lineStart = false;
            if (c is '[' or '{')
                deepest = Math.Max(deepest, ++depth);
            else if (c is ']' or '}' && depth > 0)
                depth--;
        }
        return deepest;
    }

    static string YamlMessage(YamlException e)
    {
        // YamlDotNet prefixes its own position, "(Line: 3, Col: 7, Idx: 40) - (...): "; we give ours.
        var message = e.InnerException?.Message ?? e.Message;
        var colon = message.IndexOf("): ", StringComparison.Ordinal);
        return (colon >= 0 && message.StartsWith('(') ? message[(colon + 3)..] : message).TrimEnd('.');
    }
}
