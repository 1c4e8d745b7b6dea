using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Feed.Items.FrontMatter;

/// <summary>
/// Hands YamlDotNet a list of parsing events made by our TOML reader, so YamlDotNet builds the
/// nodes and every check after it is shared with YAML front matter.
/// </summary>
internal sealed class EventListParser(List<ParsingEvent> events) : IParser
{
    int _next;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        Current = _next < events.Count ? events[_next++] : null;
        return Current is not null;
    }
}
