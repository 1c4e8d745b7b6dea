using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Feed.Items.FrontMatter;

/// <summary>
/// A fast reader for the front matter almost every item has: one `key: value` per line, values
/// plain, quoted, or a one-line [list]. It produces YamlDotNet's own events, so YamlDotNet still
/// builds the nodes and every check after it is shared. Anything outside that subset (nesting,
/// block lists, multi-line values, escapes other than \" and \\, anchors, tags, comments after
/// values) declines, and YamlDotNet's full parser reads the text instead. It exists because
/// profiling the cold start (bench/build.py, dotnet-trace) showed YamlDotNet's scanner as most
/// of the time spent per item; tests compare both readers on every corpus file.
/// </summary>
internal static class SimpleYamlParser
{
    /// <param name="yaml">The front matter, without its fences.</param>
    /// <param name="parser">Events for YamlStream.Load, when the text is within the subset.</param>
    public static bool TryCreate(ReadOnlySpan<char> yaml, out IParser parser)
    {
        parser = null!;
        // Sized for a key and a value a line, so the list grows once at most.
        var events = new List<ParsingEvent>(2 * yaml.Count('\n') + 8) { new StreamStart(), new DocumentStart(), };
        var keys = new List<string>(16);
        var mappingOpen = false;
        var line = 0;
        foreach (var raw in yaml.EnumerateLines())
        {
            line++;
            var text = raw.TrimEnd(' ');
            if (text.Length == 0)
                continue;
            if (text[0] is ' ' or '\t' or '#' or '-' || text.Contains('\t'))
                return false;
            var colon = text.IndexOf(':');
            if (colon <= 0 || (colon + 1 < text.Length && text[colon + 1] != ' '))
                return false;
            if (!IsKey(text[..colon]))
                return false;
            var key = KeyText(text[..colon]);
            if (keys.Contains(key))
                return false;
            keys.Add(key);
            var value = text[(colon + 1)..].Trim(' ');
            var at = new Mark(0, line, 1);
            if (!mappingOpen)
            {
                events.Add(new MappingStart(AnchorName.Empty, TagName.Empty, true, MappingStyle.Block, at, at));
                mappingOpen = true;
            }
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, key, ScalarStyle.Plain, true, false, at, at));
            var valueAt = new Mark(0, line, colon + 3);
            if (!TryValue(value, valueAt, events))
                return false;
        }
        if (mappingOpen)
            events.Add(new MappingEnd());
        else
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, "", ScalarStyle.Plain, true, false, Mark.Empty, Mark.Empty));
        events.Add(new DocumentEnd(true));
        events.Add(new StreamEnd());
        parser = new EventListParser(events);
        return true;
    }

    static bool TryValue(ReadOnlySpan<char> value, Mark at, List<ParsingEvent> events)
    {
        if (value.Length == 0)
        {
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, "", ScalarStyle.Plain, true, false, at, at));
            return true;
        }
        if (value[0] == '[')
        {
            if (value[^1] != ']')
                return false;
            events.Add(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow, at, at));
            var inner = value[1..^1];
            if (inner.Trim(' ').Length > 0)
            {
                foreach (var range in inner.Split(','))
                {
                    var item = inner[range].Trim(' ');
                    if (!IsPlain(item) || item.IndexOfAny('[', ']', '{') >= 0)
                        return false;
                    events.Add(new Scalar(AnchorName.Empty, TagName.Empty, item.ToString(), ScalarStyle.Plain, true, false, at, at));
                }
            }
            events.Add(new SequenceEnd());
            return true;
        }
        if (value[0] == '"')
            return TryDoubleQuoted(value, at, events);
        if (value[0] == '\'')
        {
            if (value.Length < 2 || value[^1] != '\'')
                return false;
            var inner = value[1..^1].ToString();
            if (inner.Replace("''", "", StringComparison.Ordinal).Contains('\''))
                return false;
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, inner.Replace("''", "'", StringComparison.Ordinal), ScalarStyle.SingleQuoted, false, true, at, at));
            return true;
        }
        if (!IsPlain(value))
            return false;
        events.Add(new Scalar(AnchorName.Empty, TagName.Empty, value.ToString(), ScalarStyle.Plain, true, false, at, at));
        return true;
    }

    static bool TryDoubleQuoted(ReadOnlySpan<char> value, Mark at, List<ParsingEvent> events)
    {
        // Most quoted values hold no escape: the text between the quotes, copied once.
        if (value.Length >= 2 && value[^1] == '"' && value[1..^1] is var inner && inner.IndexOfAny('"', '\\') < 0)
        {
            events.Add(new Scalar(AnchorName.Empty, TagName.Empty, inner.ToString(), ScalarStyle.DoubleQuoted, false, true, at, at));
            return true;
        }
        var text = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                if (i != value.Length - 1)
                    return false; // text after the closing quote
                events.Add(new Scalar(AnchorName.Empty, TagName.Empty, text.ToString(), ScalarStyle.DoubleQuoted, false, true, at, at));
                return true;
            }
            if (c == '\\')
            {
                if (i + 1 >= value.Length || value[i + 1] is not ('"' or '\\'))
                    return false;
                c = value[++i];
            }
            text.Append(c);
        }
        return false; // no closing quote on this line
    }

    // The keys every file repeats are the same few: one string each, not one a file.
    static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        "title", "date", "author", "authors", "tags", "categories", "summary", "description", "slug", "id", "image",
        "draft", "lang", "updated", "lastmod", "link", "enclosure", "duration", "expires", "aliases",
    };

    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownKey = KnownKeys.GetAlternateLookup<ReadOnlySpan<char>>();

    static string KeyText(ReadOnlySpan<char> key) => KnownKey.TryGetValue(key, out var known) ? known : key.ToString();

    static bool IsKey(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                return false;
        }
        return char.IsAsciiLetter(key[0]);
    }

    // YAML 1.2 plain scalars: no indicator first, no ": " or " #" inside, no ':' at the end.
    static bool IsPlain(ReadOnlySpan<char> value) =>
        value.Length > 0
        && "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0]) < 0
        && value[^1] != ':'
        && value.IndexOf(": ") < 0
        && value.IndexOf(" #") < 0;
}
