using Feed.Items.Text;
using Feed.Site;
using YamlDotNet.Core;

namespace Feed.Items.FrontMatter;

/// <summary>
/// Reads typed front matter values from <see cref="FrontNode"/>s. A value of the wrong shape
/// becomes a problem naming the key and its line in the file, and reads as absent.
/// </summary>
internal sealed partial class YamlFieldReader(string path, int lineOffset, TimeZoneInfo zone, List<ItemProblem> problems)
{
    public int LineOf(Mark mark) => (int)mark.Line + lineOffset;

    public int LineOf(FrontNode node) => node.Line + lineOffset;

    public int LineOf(FrontEntry entry) => entry.KeyLine + lineOffset;

    public string? Text(string key, FrontNode node)
    {
        if (node is FrontScalar scalar)
            return scalar.IsNull ? null : Clean(scalar.Value!);
        Problem(node, $"'{key}' must be a single value, not {node.Shape}");
        return null;
    }

    // YAML escapes ("\x01", "\uFFFE") can spell what XML forbids, after the file's text was cleaned.
    static string Clean(string value) => XmlChars.Strip(value).Trim();

    public DateTimeOffset? Date(string key, FrontNode node)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        if (ItemDate.TryParse(text, zone, out var date))
            return date;
        Problem(node, $"'{key}' is not a date: '{text}'; write 2024-06-27 or 2024-06-27T14:30:00+05:00 (RFC 3339)");
        return null;
    }

    public Uri? AbsoluteUri(string key, FrontNode node, string example, bool webOnly = false)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        if (TextPatterns.HasScheme(text) && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (!webOnly || uri.Scheme is "http" or "https"))
            return uri;
        Problem(node, $"'{key}' must be an absolute {(webOnly ? "http(s) URL" : "URI")}, {example}; got '{text}'");
        return null;
    }

    /// <summary>
    /// RFC 4287 4.2.6: an id is an absolute IRI (RFC 3987): a scheme, and none of the characters
    /// an IRI cannot hold (space, controls, &lt; &gt; " { } | \ ^ `), kept exactly as written.
    /// </summary>
    public string? Iri(string key, FrontNode node, string example)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        if (TextPatterns.HasScheme(text) && text.AsSpan().IndexOfAny(NotInIri) < 0 && Uri.TryCreate(text, UriKind.Absolute, out var id))
        {
            // Readers link a permalink-looking id (RSS guid, JSON Feed falls back to it): never to script or inline data.
            if (id.Scheme is not ("javascript" or "data" or "vbscript"))
                return text;
            Problem(node, $"'{key}' must not be a javascript: or data: URI, {example}; got '{text}'");
            return null;
        }
        Problem(node, $"'{key}' must be an absolute IRI with no spaces, {example}; got '{text}'");
        return null;
    }

    static readonly System.Buffers.SearchValues<char> NotInIri = System.Buffers.SearchValues.Create(
        " <>\"{}|\\^`\t\r\n\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    public string? Slug(string key, FrontNode node)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        var slug = Items.Text.Slug.From(text);
        if (slug.Length > 0)
            return slug;
        Problem(node, $"'{key}' has no letters or digits to make a URL from: '{text}'");
        return null;
    }

    public List<string>? List(string key, FrontNode node)
    {
        switch (node)
        {
            case FrontScalar scalar:
                // "tags: a, b" is as common as "tags: [a, b]".
                return scalar.IsNull ? null : SplitCommas(Clean(scalar.Value!));
            case FrontList sequence:
                var values = new List<string>(sequence.Items.Count);
                foreach (var child in sequence.Items)
                {
                    if (child is FrontScalar { Value: { } value } && !string.IsNullOrWhiteSpace(Clean(value)))
                        values.Add(Clean(value));
                    else if (child is not FrontScalar)
                        Problem(child, $"each of '{key}' must be a single value, not {child.Shape}");
                }
                return values;
            default:
                Problem(node, $"'{key}' must be a list such as [news, politics], not {node.Shape}");
                return null;
        }
    }

    /// <summary>
    /// Earlier paths of the story (Hugo's <c>aliases</c>, Jekyll's <c>redirect_from</c>, a
    /// <c>permalink</c>): one path or a list of them, each with its line, for a warning on a clash.
    /// </summary>
    public IReadOnlyList<(string Path, int Line)>? Paths(string key, FrontNode node)
    {
        IReadOnlyList<FrontNode> nodes = node switch
        {
            FrontScalar scalar => scalar.IsNull ? [] : [scalar],
            FrontList sequence => sequence.Items,
            _ => [],
        };
        if (node is FrontMap)
        {
            Problem(node, $"'{key}' must be a path such as /2024/03/old-story/ or a list of them, not {node.Shape}");
            return null;
        }
        var paths = new List<(string, int)>();
        foreach (var child in nodes)
        {
            var text = child is FrontScalar { Value: { } value } ? Clean(value) : null;
            if (text is not null && SitePaths.OldPath(text) is { } old)
                paths.Add((old, LineOf(child)));
            else if (!string.IsNullOrEmpty(text) || child is not FrontScalar)
                problems.Add(new(path, LineOf(child),
                    $"'{key}' must be a path on this site such as /2024/03/old-story/; got {(text is null ? child.Shape : $"'{text}'")}; it is not redirected",
                    ProblemLevel.Warning));
        }
        return paths;
    }

    public string? Language(string key, FrontNode node)
    {
        var text = Text(key, node);
        if (text is null || TextPatterns.IsLanguageTag(text))
            return text;
        Problem(node, $"'{key}' must be a language tag such as en or ur-PK; got '{text}'");
        return null;
    }

    public bool? Boolean(string key, FrontNode node)
    {
        var text = Text(key, node);
        switch (text?.ToLowerInvariant())
        {
            case null: return null;
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
            default:
                Problem(node, $"'{key}' must be true or false; got '{text}'");
                return null;
        }
    }

    static string? Field(FrontMap mapping, string name) =>
        mapping[name] is FrontScalar scalar && !scalar.IsNull ? Clean(scalar.Value!) : null;

    static List<string> SplitCommas(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    void Problem(FrontNode node, string message) => problems.Add(new(path, LineOf(node), message));
}
