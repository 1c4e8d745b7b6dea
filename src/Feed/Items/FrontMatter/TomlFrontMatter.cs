using System.Globalization;
using System.Text.RegularExpressions;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Feed.Items.FrontMatter;

/// <summary>
/// Hugo's TOML front matter (between "+++" lines), read with Tomlyn's syntax parser and turned
/// into the YAML events of the same keys, so both front matter languages share every check and
/// every line-numbered message. Tomlyn's syntax tree, not its reflection-based serializer: no
/// type is bound by reflection, so the reader stays trimming- and native-AOT-safe.
/// </summary>
internal static partial class TomlFrontMatter
{
    const int MaxNesting = FrontMatterReader.MaxNesting;

    /// <param name="toml">The front matter, without its fences.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="firstLine">The file's line number of the first TOML line.</param>
    /// <param name="problems">Where a syntax error goes, with its line.</param>
    /// <returns>YAML events for YamlDotNet, or null when the TOML is not valid.</returns>
    public static IParser? Read(string toml, string path, int firstLine, List<ItemProblem> problems)
    {
        var lastLine = firstLine + Math.Max(0, toml.Count(c => c == '\n') - 1);
        // validate: duplicate keys and redefined tables are errors, as TOML 1.0 says.
        var document = SyntaxParser.Parse(toml, path, validate: true);
        if (document.HasErrors)
        {
            var error = document.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            problems.Add(new(path, Math.Min(firstLine + error.Span.Start.Line, lastLine), $"front matter is not valid TOML: {Message(error.Message)}"));
            return null;
        }

        var root = new Table(1);
        foreach (var keyValue in document.KeyValues)
            Add(root, keyValue);
        foreach (var table in document.Tables)
        {
            var line = table.Span.Start.Line + 1;
            var parts = KeyParts(table.Name!);
            Table target;
            if (table is TableArraySyntax)
            {
                // [[authors]] appends a table to the list named by its header.
                var parent = Walk(root, parts[..^1], line);
                if (parent.Get(parts[^1]) is not Array list)
                    parent.Set(parts[^1], line, list = new Array(line));
                list.Items.Add(target = new Table(line));
            }
            else
            {
                target = Walk(root, parts, line);
            }
            foreach (var keyValue in table.Items)
                Add(target, keyValue);
        }

        var events = new List<ParsingEvent> { new StreamStart(), new DocumentStart() };
        if (!Emit(root, events, depth: 0))
        {
            problems.Add(new(path, null, $"front matter nests tables or keys more than {MaxNesting} levels deep; front matter needs at most two"));
            return null;
        }
        events.Add(new DocumentEnd(true));
        events.Add(new StreamEnd());
        return new EventListParser(events);
    }

    // Tomlyn's positions ("at (1,1)") count from the front matter, not the file: ours replace them.
    static string Message(string message) => TomlPosition().Replace(message, "").TrimEnd('.');

    [GeneratedRegex(@" at \(\d+,\d+\)")]
    private static partial Regex TomlPosition();

    static void Add(Table table, KeyValueSyntax keyValue)
    {
        var line = keyValue.Span.Start.Line + 1;
        var parts = KeyParts(keyValue.Key!);
        Walk(table, parts[..^1], line).Set(parts[^1], line, Value(keyValue.Value!));
    }

    /// <summary>The table that a dotted key or a table header names, made on the way as needed.</summary>
    static Table Walk(Table table, string[] parts, int line)
    {
        foreach (var part in parts)
        {
            switch (table.Get(part))
            {
                case Table child:
                    table = child;
                    break;
                case Array { Items: [.., Table last] }:
                    table = last; // [[a]] then [a.b]: b belongs to the last table of a
                    break;
                default:
                    var made = new Table(line);
                    table.Set(part, line, made);
                    table = made;
                    break;
            }
        }
        return table;
    }

    static string[] KeyParts(KeySyntax key)
    {
        var parts = new List<string> { Text(key.Key) };
        foreach (var dotted in key.DotKeys)
            parts.Add(Text(dotted.Key));
        return [.. parts];

        static string Text(BareKeyOrStringValueSyntax? part) => part switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? "",
            StringValueSyntax quoted => quoted.Value ?? "",
            _ => "",
        };
    }

    static Node Value(ValueSyntax value)
    {
        var line = value.Span.Start.Line + 1;
        return value switch
        {
            // Quoted, so that a title "null" or "no" stays text, as in YAML.
            StringValueSyntax s => new Scalar(s.Value ?? "", ScalarStyle.DoubleQuoted, line),
            BooleanValueSyntax b => new Scalar(b.Value ? "true" : "false", ScalarStyle.Plain, line),
            IntegerValueSyntax i => new Scalar(i.Value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, line),
            FloatValueSyntax f => new Scalar(f.Value.ToString("R", CultureInfo.InvariantCulture), ScalarStyle.Plain, line),
            // RFC 3339 text: an offset date-time keeps its offset; a local one is read in Feed:TimeZone.
            DateTimeValueSyntax d => new Scalar(d.Value.ToString(), ScalarStyle.Plain, line),
            ArraySyntax a => new Array(line, [.. a.Items.Select(item => Value(item.Value!))]),
            InlineTableSyntax t => InlineTable(t, line),
            _ => new Scalar(value.ToString()?.Trim() ?? "", ScalarStyle.DoubleQuoted, line),
        };
    }

    static Table InlineTable(InlineTableSyntax inline, int line)
    {
        var table = new Table(line);
        foreach (var item in inline.Items)
            Add(table, item.KeyValue!);
        return table;
    }

    static bool Emit(Node node, List<ParsingEvent> events, int depth)
    {
        if (depth > MaxNesting)
            return false; // YamlDotNet builds nodes recursively: keep the stack safe
        var at = new Mark(0, node.Line, 1);
        switch (node)
        {
            case Scalar scalar:
                var plain = scalar.Style == ScalarStyle.Plain;
                events.Add(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, scalar.Value, scalar.Style, plain, !plain, at, at));
                return true;
            case Array array:
                events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, at, at));
                foreach (var item in array.Items)
                {
                    if (!Emit(item, events, depth + 1))
                        return false;
                }
                events.Add(new SequenceEnd());
                return true;
            case Table table:
                events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, at, at));
                foreach (var (key, keyLine, value) in table.Entries)
                {
                    var keyAt = new Mark(0, keyLine, 1);
                    events.Add(new YamlDotNet.Core.Events.Scalar(AnchorName.Empty, TagName.Empty, key, ScalarStyle.Plain, true, false, keyAt, keyAt));
                    if (!Emit(value, events, depth + 1))
                        return false;
                }
                events.Add(new MappingEnd());
                return true;
            default:
                return false;
        }
    }

    abstract class Node(int line)
    {
        public int Line { get; } = line;
    }

    sealed class Scalar(string value, ScalarStyle style, int line) : Node(line)
    {
        public string Value { get; } = value;
        public ScalarStyle Style { get; } = style;
    }

    sealed class Array(int line, List<Node>? items = null) : Node(line)
    {
        public List<Node> Items { get; } = items ?? [];
    }

    /// <summary>Keys in the order written, as YAML keeps them.</summary>
    sealed class Table(int line) : Node(line)
    {
        public List<(string Key, int Line, Node Value)> Entries { get; } = [];

        public Node? Get(string key) => Entries.Find(e => e.Key == key).Value;

        public void Set(string key, int line, Node value) => Entries.Add((key, line, value));
    }
}
