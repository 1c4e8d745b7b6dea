using System.Text.RegularExpressions;
using Feed.Items.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Feed.Items.FrontMatter;

/// <summary>
/// Reads an item's front matter: YAML between "---" lines (Jekyll, Hugo) or TOML between "+++"
/// lines (Hugo), into <see cref="FrontMatterFields"/>, with the same keys and the same messages.
/// </summary>
public static partial class FrontMatterReader
{
    /// <summary>
    /// Splits "---\nYAML\n---\nbody" or "+++\nTOML\n+++\nbody" and reads the keys. A text
    /// without such a first line has no front matter. <paramref name="bodyLine"/> is the 1-based
    /// line where the body starts.
    /// </summary>
    public static FrontMatterFields Read(string text, string path, TimeZoneInfo zone, List<ItemProblem> problems,
        out string body, out int bodyLine, ItemBudget? budget = null)
    {
        var front = Read(text, path, zone, problems, out int bodyStart, out bodyLine, budget);
        body = text[bodyStart..];
        return front;
    }

    /// <summary>
    /// As <see cref="Read(string, string, TimeZoneInfo, List{ItemProblem}, out string, out int, ItemBudget?)"/>,
    /// giving where the body starts in <paramref name="text"/> instead of a copy of it.
    /// </summary>
    /// <param name="budget">The item's time budget; by default, the default budget from now.</param>
    public static FrontMatterFields Read(string text, string path, TimeZoneInfo zone, List<ItemProblem> problems,
        out int bodyStart, out int bodyLine, ItemBudget? budget = null)
    {
        bodyStart = 0;
        bodyLine = 1;
        var toml = TomlOpeningLine().IsMatch(text);
        if (!toml && !OpeningLine().IsMatch(text))
            return new FrontMatterFields();

        var fence = toml ? "+++" : "---";
        if (FirstMatch(toml ? TomlClosingLine() : ClosingLine(), text) is not { } closing)
        {
            problems.Add(new(path, 1, $"front matter starts with '{fence}' but has no closing '{fence}' line; add one after the last key"));
            return new FrontMatterFields();
        }

        var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
        var inner = text.AsMemory((firstNewline + 1)..closing.Index); // read in place, not copied
        bodyStart = closing.Index + closing.Length;
        bodyLine = 2 + CountLines(inner) + 1;
        budget ??= new ItemBudget(FeedSettings.Defaults.MaxItemRenderTime, TimeProvider.System);
        return toml ? ParseToml(inner.ToString(), path, zone, problems, budget) : Parse(inner, path, zone, problems, budget);
    }

    /// <summary>
    /// Reads the front matter from a file's first lines alone, without decoding the rest: the
    /// closing fence is found in the UTF-8 bytes, and only the text up to it is decoded and read
    /// as <see cref="Read(string, string, TimeZoneInfo, List{ItemProblem}, out int, out int, ItemBudget?)"/>
    /// reads it. Null when the whole text must be read instead (no front matter, text that is
    /// not valid UTF-8 or holds NUL, a fence line the quick look is unsure of, characters to
    /// strip, or any error: the whole read words them).
    /// </summary>
    /// <param name="utf8">The file's bytes, after any byte order mark.</param>
    /// <param name="bodyStart">Where the body starts in <paramref name="utf8"/>.</param>
    public static FrontMatterFields? ReadHead(ReadOnlySpan<byte> utf8, string path, TimeZoneInfo zone, List<ItemProblem> problems,
        out int bodyStart, out int bodyLine, ItemBudget? budget = null)
    {
        bodyStart = 0;
        bodyLine = 1;
        var toml = utf8.StartsWith("+++"u8);
        if (!(toml || utf8.StartsWith("---"u8)) || utf8.Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(utf8))
            return null;
        var firstNewline = utf8.IndexOf((byte)'\n');
        if (firstNewline < 0)
            return null;
        // The first line after the opening one that starts like a fence: the regexes decide
        // whether it is one; the head ends with it.
        var rest = utf8[firstNewline..];
        var candidate = toml ? rest.IndexOf("\n+++"u8) : Earliest(rest.IndexOf("\n---"u8), rest.IndexOf("\n..."u8));
        if (candidate < 0)
            return null;
        var lineStart = firstNewline + candidate + 1;
        var lineEnd = utf8[lineStart..].IndexOf((byte)'\n');
        var headLength = lineEnd < 0 ? utf8.Length : lineStart + lineEnd + 1;
        var head = System.Text.Encoding.UTF8.GetString(utf8[..headLength]);
        if (!ReferenceEquals(XmlChars.Strip(head), head))
            return null;
        var own = new List<ItemProblem>();
        var front = Read(head, path, zone, own, out int start, out bodyLine, budget);
        if (start != head.Length || own.Exists(p => p.Level == ProblemLevel.Error))
            return null;
        problems.AddRange(own);
        bodyStart = headLength;
        return front;
    }

    // A Match object and its groups for each file were most of the reader's allocations after the values.
    static (int Index, int Length)? FirstMatch(Regex regex, string text)
    {
        foreach (var match in regex.EnumerateMatches(text))
            return (match.Index, match.Length);
        return null;
    }

    static int Earliest(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    [GeneratedRegex(@"\A---[ \t]*\r?\n")]
    private static partial Regex OpeningLine();

    // The closing fence is the first "---" (or YAML's "...") line after the opening one.
    [GeneratedRegex(@"(?<=\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\z)")]
    private static partial Regex ClosingLine();

    [GeneratedRegex(@"\A\+\+\+[ \t]*\r?\n")]
    private static partial Regex TomlOpeningLine();

    [GeneratedRegex(@"(?<=\n)\+\+\+[ \t]*(?:\r?\n|\z)")]
    private static partial Regex TomlClosingLine();

    static int CountLines(ReadOnlyMemory<char> text) => text.Span.Count('\n');

    const int FirstLine = 2; // the line after the opening fence

    static FrontMatterFields ParseToml(string toml, string path, TimeZoneInfo zone, List<ItemProblem> problems, ItemBudget budget)
    {
        if (NestingDepth(toml) > MaxNesting)
        {
            // Tomlyn and YamlDotNet both descend recursively: such a text would overflow the stack.
            problems.Add(new(path, null, $"front matter nests lists or tables more than {MaxNesting} levels deep; front matter needs at most two"));
            return new FrontMatterFields();
        }
        var parser = TomlFrontMatter.Read(toml, path, FirstLine, problems);
        return parser is null ? new FrontMatterFields() : Load(parser, CountLines(toml.AsMemory()), path, zone, problems, budget);
    }

    static FrontMatterFields Parse(ReadOnlyMemory<char> yaml, string path, TimeZoneInfo zone, List<ItemProblem> problems, ItemBudget budget)
    {
        if (NestingDepth(yaml.Span) > MaxNesting)
        {
            // YamlDotNet builds nodes recursively: a deep enough nesting overflows the stack,
            // which no catch can stop, so it never gets such a text.
            problems.Add(new(path, null, $"front matter nests lists or keys more than {MaxNesting} levels deep; front matter needs at most two"));
            return new FrontMatterFields();
        }
        if (SimpleYamlParser.TryRead(yaml.Span, budget, out var simple))
        {
            return simple is null ? new FrontMatterFields()
                : FrontMatterKeys.Read(simple, new YamlFieldReader(path, FirstLine - 1, zone, problems), path, problems);
        }
        return Load(new Parser(new StringReader(yaml.ToString())), CountLines(yaml), path, zone, problems, budget);
    }

    static FrontMatterFields Load(IParser events, int lines, string path, TimeZoneInfo zone, List<ItemProblem> problems, ItemBudget budget)
    {
        var reader = new YamlFieldReader(path, FirstLine - 1, zone, problems);
        var parser = new BoundedYamlParser(events, budget);
        YamlStream stream = [];
        try
        {
            stream.Load(parser);
        }
        catch (FrontMatterRefusedException e)
        {
            problems.Add(new(path, Math.Min(reader.LineOf(e.Start), FirstLine + lines - 1), e.Message));
            return new FrontMatterFields();
        }
        catch (YamlException e)
        {
            // An error found at the end of the text (an unclosed bracket) is reported on the
            // last line of the front matter, not on the closing fence.
            problems.Add(new(path, Math.Min(reader.LineOf(e.Start), FirstLine + lines - 1), $"front matter is not valid YAML: {YamlMessage(e)}"));
            return new FrontMatterFields();
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated constructs; the last
            // event it read is the best position there is.
            var line = parser.Current is { } last ? reader.LineOf(last.End) : (int?)null;
            problems.Add(new(path, line, "front matter is not valid YAML: a '[', '{' or quote is not closed"));
            return new FrontMatterFields();
        }
        catch (ArgumentException)
        {
            // YamlDotNet's loader refuses some key shapes this way ("author:\n  : x", a key
            // that is missing), found by fuzzing; the last event read is the position.
            var line = parser.Current is { } last ? Math.Min(reader.LineOf(last.Start), FirstLine + lines - 1) : (int?)null;
            problems.Add(new(path, line, "front matter is not valid YAML: a key is missing before ':'"));
            return new FrontMatterFields();
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new FrontMatterFields();
        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            problems.Add(new(path, reader.LineOf(stream.Documents[0].RootNode.Start),
                "front matter must be 'key: value' lines (such as 'title: ...'), not a list or a bare value"));
            return new FrontMatterFields();
        }
        return FrontMatterKeys.Read((FrontMap)FrontNode.From(mapping), reader, path, problems);
    }

    /// <summary>
    /// The deepest nesting front matter may have, YAML or TOML: front matter needs two levels, and
    /// the parsers recurse once a level, so a deeper file could exhaust the stack.
    /// </summary>
    internal const int MaxNesting = 64;

    /// <summary>The deepest nesting of brackets, braces or indentation: an upper bound, quotes not excluded.</summary>
    static int NestingDepth(ReadOnlySpan<char> yaml)
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
