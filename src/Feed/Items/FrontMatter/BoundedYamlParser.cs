using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Feed.Items.FrontMatter;

/// <summary>
/// Stands between a front matter reader (YamlDotNet's parser, or TOML's events) and
/// YamlDotNet's loader, and refuses, event by event and before the loader builds anything, what
/// would cost time or memory out of proportion to the text: an alias or a list or
/// mapping used as a key (YamlDotNet hashes a key's whole tree: a 707-byte billion-laughs file
/// took hours), more aliases than front matter ever needs, aliases whose expansion passes a bound
/// (anchored node sizes counted recursively), and a parse past the item's time budget.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner, ItemBudget budget) : IParser
{
    public const int MaxAliases = 100;
    public const int MaxExpandedNodes = 10_000;

    // One frame per open mapping or sequence: whether a mapping's next node is a key, and the
    // expanded node count when it opened (for an anchored node's size).
    readonly Stack<(bool Mapping, bool KeyNext, long StartCount, AnchorName Anchor)> _open = new();
    readonly Dictionary<AnchorName, long> _anchorSizes = [];
    long _nodes;          // every node so far, aliases counted as the nodes they stand for
    long _expandedNodes;  // the nodes aliases stood for
    int _aliases;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
            return false;
        var current = inner.Current!;
        if (budget.IsSpent)
            Refuse(current, ItemBudget.Exceeded(budget.Limit, "read its front matter"));
        switch (current)
        {
            case AnchorAlias alias:
                Node(current, isKeyRefused: $"front matter uses the alias '*{alias.Value}' as a key; write the key out");
                if (++_aliases > MaxAliases)
                    Refuse(current, string.Create(CultureInfo.InvariantCulture, $"front matter uses more than {MaxAliases} aliases ('*name'); write the values out"));
                // An unknown anchor is the loader's to report, in its words.
                var size = _anchorSizes.GetValueOrDefault(alias.Value, 1);
                _nodes += size;
                _expandedNodes += size;
                if (_expandedNodes > MaxExpandedNodes)
                    Refuse(current, string.Create(CultureInfo.InvariantCulture, $"front matter aliases expand to more than {MaxExpandedNodes:N0} values; write the values out"));
                break;
            case Scalar scalar:
                Node(current, isKeyRefused: null);
                _nodes++;
                if (!scalar.Anchor.IsEmpty)
                    _anchorSizes[scalar.Anchor] = 1;
                break;
            case NodeEvent { } start and (MappingStart or SequenceStart):
                Node(current, isKeyRefused: "front matter uses a list or a set of keys as a key; keys are single words such as 'title'");
                _open.Push((current is MappingStart, true, _nodes, start.Anchor));
                _nodes++;
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var closed = _open.Pop();
                if (!closed.Anchor.IsEmpty)
                    _anchorSizes[closed.Anchor] = _nodes - closed.StartCount;
                break;
        }
        return true;
    }

    // A node in a mapping is its key or its value, by turns.
    void Node(ParsingEvent node, string? isKeyRefused)
    {
        if (_open.Count == 0 || !_open.Peek().Mapping)
            return;
        var frame = _open.Pop();
        if (frame.KeyNext && isKeyRefused is not null)
            Refuse(node, isKeyRefused);
        _open.Push(frame with { KeyNext = !frame.KeyNext });
    }

    static void Refuse(ParsingEvent at, string message) => throw new FrontMatterRefusedException(at.Start, message);
}

/// <summary>
/// How <see cref="BoundedYamlParser"/> stops YamlDotNet's loader, which drives it: caught where
/// the loader is called and turned into the item's problem, never seen outside the front matter.
/// </summary>
internal sealed class FrontMatterRefusedException(Mark start, string message) : Exception(message)
{
    public Mark Start { get; } = start;
}
