using System.Text;

namespace Feed.Items.FrontMatter;

/// <summary>
/// A fast reader for the front matter almost every item has: one `key: value` per line, values
/// plain, quoted, or a one-line [list]. It makes the <see cref="FrontNode"/>s the field readers
/// take directly, without YamlDotNet's events and nodes. Anything outside that subset (nesting,
/// block lists, multi-line values, escapes other than \" and \\, anchors, tags, comments after
/// values) declines, and YamlDotNet's full parser reads the text instead. It exists because
/// profiling the cold start (bench/build.py, dotnet-trace) showed YamlDotNet's scanner as most
/// of the time spent per item; tests compare both readers on every corpus file.
/// </summary>
internal static class SimpleYamlParser
{
    /// <param name="yaml">The front matter, without its fences.</param>
    /// <param name="budget">
    /// The item's time budget, looked at each line: once it is spent the reader declines, and the
    /// full parser's first event refuses the item in the words every front matter gets.
    /// </param>
    /// <param name="map">The keys, when the text is within the subset; null when it has none.</param>
    public static bool TryRead(ReadOnlySpan<char> yaml, ItemBudget? budget, out FrontMap? map)
    {
        map = null;
        var entries = new List<FrontEntry>(yaml.Count('\n') + 1);
        var line = 0;
        foreach (var raw in yaml.EnumerateLines())
        {
            line++;
            if (budget?.IsSpent == true)
                return false;
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
            foreach (var earlier in entries)
            {
                if (earlier.Key == key)
                    return false;
            }
            if (TryValue(text[(colon + 1)..].Trim(' '), line) is not { } value)
                return false;
            entries.Add(new FrontEntry(key, line, value));
        }
        if (entries.Count > 0)
            map = new FrontMap(entries, entries[0].KeyLine);
        return true;
    }

    static FrontNode? TryValue(ReadOnlySpan<char> value, int line)
    {
        if (value.Length == 0)
            return new FrontScalar("", Plain: true, line);
        if (value[0] == '[')
        {
            if (value[^1] != ']')
                return null;
            var inner = value[1..^1];
            var items = new List<FrontNode>();
            if (inner.Trim(' ').Length > 0)
            {
                foreach (var range in inner.Split(','))
                {
                    var item = inner[range].Trim(' ');
                    if (!IsPlain(item) || item.IndexOfAny('[', ']', '{') >= 0)
                        return null;
                    items.Add(new FrontScalar(item.ToString(), Plain: true, line));
                }
            }
            return new FrontList(items, line);
        }
        if (value[0] == '"')
            return DoubleQuoted(value) is { } quoted ? new FrontScalar(quoted, Plain: false, line) : null;
        if (value[0] == '\'')
        {
            if (value.Length < 2 || value[^1] != '\'')
                return null;
            var inner = value[1..^1].ToString();
            if (inner.Replace("''", "", StringComparison.Ordinal).Contains('\''))
                return null;
            return new FrontScalar(inner.Replace("''", "'", StringComparison.Ordinal), Plain: false, line);
        }
        return IsPlain(value) ? new FrontScalar(value.ToString(), Plain: true, line) : null;
    }

    static string? DoubleQuoted(ReadOnlySpan<char> value)
    {
        // Most quoted values hold no escape: the text between the quotes, copied once.
        if (value.Length >= 2 && value[^1] == '"' && value[1..^1] is var inner && inner.IndexOfAny('"', '\\') < 0)
            return inner.ToString();
        var text = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
                return i == value.Length - 1 ? text.ToString() : null; // null: text after the closing quote
            if (c == '\\')
            {
                if (i + 1 >= value.Length || value[i + 1] is not ('"' or '\\'))
                    return null;
                c = value[++i];
            }
            text.Append(c);
        }
        return null; // no closing quote on this line
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
