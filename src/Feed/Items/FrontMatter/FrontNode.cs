using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Feed.Items.FrontMatter;

/// <summary>
/// A front matter value as the field readers see it, whichever reader read it. The subset reader
/// (<see cref="SimpleYamlParser"/>) makes these directly, a few small objects a key; what
/// YamlDotNet loads (YAML outside the subset, and TOML) is converted once loaded and checked.
/// YamlDotNet's events and nodes were 5 KB of the 18 KB a cold start allocated per item.
/// </summary>
/// <param name="Line">The 1-based line in the front matter text (between the fences) where the value starts.</param>
internal abstract record FrontNode(int Line)
{
    /// <summary>A node YamlDotNet loaded: its aliases are already resolved to the nodes they name.</summary>
    public static FrontNode From(YamlNode node) => node switch
    {
        YamlScalarNode scalar => new FrontScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, LineOf(node)),
        YamlSequenceNode sequence => new FrontList([.. sequence.Children.Select(From)], LineOf(node)),
        YamlMappingNode mapping => new FrontMap(
            [.. mapping.Children.Select(c => new FrontEntry((c.Key as YamlScalarNode)?.Value, LineOf(c.Key), From(c.Value)))], LineOf(node)),
        _ => new FrontScalar(null, Plain: true, LineOf(node)),
    };

    static int LineOf(YamlNode node) => (int)node.Start.Line;

    /// <summary>How a problem names the shape a key was given.</summary>
    public string Shape => this switch
    {
        FrontList => "a list",
        FrontMap => "a set of keys",
        _ => "a value",
    };
}

/// <param name="Value">The text; null for YAML's empty value.</param>
/// <param name="Plain">Written without quotes: only then do <c>~</c> and <c>null</c> mean no value.</param>
internal sealed record FrontScalar(string? Value, bool Plain, int Line) : FrontNode(Line)
{
    /// <summary>No value: empty, blank, or an unquoted <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => Plain && Value is null or "" or "~" or "null" or "Null" or "NULL" || string.IsNullOrWhiteSpace(Value);
}

internal sealed record FrontList(IReadOnlyList<FrontNode> Items, int Line) : FrontNode(Line);

/// <summary>Keys in the order written; a key appears once (both readers refuse a repeated one).</summary>
internal sealed record FrontMap(IReadOnlyList<FrontEntry> Entries, int Line) : FrontNode(Line)
{
    /// <summary>The value of <paramref name="key"/>, spelled exactly so, or null.</summary>
    public FrontNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                    return entry.Value;
            }
            return null;
        }
    }
}

/// <param name="Key">The key's text; null for a key left empty.</param>
/// <param name="KeyLine">The key's 1-based line in the front matter text.</param>
internal readonly record struct FrontEntry(string? Key, int KeyLine, FrontNode Value);
