using System.Globalization;
using System.Text.RegularExpressions;
using Feed.Site;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Feed.Items.FrontMatter;

/// <summary>
/// Reads typed front matter values from YAML nodes. A value of the wrong shape becomes a
/// problem naming the key and its line in the file, and reads as absent.
/// </summary>
internal sealed partial class YamlFieldReader(string path, int lineOffset, TimeZoneInfo zone, List<ItemProblem> problems)
{
    public int LineOf(Mark mark) => (int)mark.Line + lineOffset;

    public string? Text(string key, YamlNode node)
    {
        if (node is YamlScalarNode scalar)
            return IsNull(scalar) ? null : Clean(scalar.Value!);
        Problem(node, $"'{key}' must be a single value, not {Shape(node)}");
        return null;
    }

    // YAML escapes ("\x01", "\uFFFE") can spell what XML forbids, after the file's text was cleaned.
    static string Clean(string value) => XmlChars.Strip(value).Trim();

    public DateTimeOffset? Date(string key, YamlNode node)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        if (ItemDate.TryParse(text, zone, out var date))
            return date;
        Problem(node, $"'{key}' is not a date: '{text}'; write 2024-06-27 or 2024-06-27T14:30:00+05:00 (RFC 3339)");
        return null;
    }

    public Uri? AbsoluteUri(string key, YamlNode node, string example, bool webOnly = false)
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
    public string? Iri(string key, YamlNode node, string example)
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

    public string? Slug(string key, YamlNode node)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        var slug = Items.Slug.From(text);
        if (slug.Length > 0)
            return slug;
        Problem(node, $"'{key}' has no letters or digits to make a URL from: '{text}'");
        return null;
    }

    public IReadOnlyList<string>? List(string key, YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                // "tags: a, b" is as common as "tags: [a, b]".
                return IsNull(scalar) ? null : SplitCommas(Clean(scalar.Value!));
            case YamlSequenceNode sequence:
                var values = new List<string>();
                foreach (var child in sequence)
                {
                    if (child is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(Clean(value)))
                        values.Add(Clean(value));
                    else if (child is not YamlScalarNode)
                        Problem(child, $"each of '{key}' must be a single value, not {Shape(child)}");
                }
                return values;
            default:
                Problem(node, $"'{key}' must be a list such as [news, politics], not {Shape(node)}");
                return null;
        }
    }

    public IReadOnlyList<Person>? People(string key, YamlNode node)
    {
        if (node is YamlSequenceNode sequence)
            return sequence.Select(child => Person(key, child)).OfType<Person>().ToList();
        return Person(key, node) is { } person ? [person] : null;
    }

    Person? Person(string key, YamlNode node)
    {
        if (node is YamlScalarNode scalar)
            return IsNull(scalar) ? null : new Person(Clean(scalar.Value!));
        if (node is not YamlMappingNode mapping)
        {
            Problem(node, $"'{key}' must be a name or 'name:, email:, uri:' keys, not {Shape(node)}");
            return null;
        }
        var name = Field(mapping, "name");
        if (name is null)
        {
            Problem(node, $"'{key}' needs a 'name'");
            return null;
        }
        var email = Field(mapping, "email");
        var uriText = Field(mapping, "uri") ?? Field(mapping, "url");
        Uri? uri = null;
        if (uriText is not null && !(TextPatterns.HasScheme(uriText) && Uri.TryCreate(uriText, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https"))
        {
            Problem(node, $"'{key}' uri must be an absolute http(s) URL such as https://example.com/staff/jane; got '{uriText}'");
            uri = null;
        }
        if (email is not null && !EmailShape().IsMatch(email))
        {
            Problem(node, $"'{key}' email does not look like an address: '{email}'");
            email = null;
        }
        return new Person(name, email, uri);
    }

    /// <summary>A URL, or Jekyll's <c>{path, alt}</c> (jekyll-seo-tag; <c>url</c> is read as <c>path</c>).</summary>
    /// <summary>
    /// A URL alone, or 'url:' with optional 'type:' and 'length:'. Without a type, the media
    /// type is guessed from the URL's extension, with a note: podcasts and Hugo sites often
    /// give only the URL, and the story must not be lost for it.
    /// </summary>
    public Enclosure? Enclosure(string key, YamlNode node)
    {
        string? urlText, type = null, lengthText = null;
        switch (node)
        {
            case YamlScalarNode:
                urlText = Text(key, node);
                if (urlText is null)
                    return null; // 'enclosure:' with nothing after it: none, like any empty key
                break;
            case YamlMappingNode mapping:
                urlText = Field(mapping, "url");
                type = Field(mapping, "type");
                lengthText = Field(mapping, "length");
                break;
            default:
                Problem(node, $"'{key}' must be a URL, or 'url:' with optional 'type:' and 'length:' keys, not {Shape(node)}");
                return null;
        }
        // An http(s) URL, or the path of a file Feed serves (/audio/bulletin.mp3, or bulletin.mp3
        // beside the story), which the parser makes absolute (StoryLocation).
        Uri? url = null;
        if (urlText is null || !(Uri.TryCreate(SomePage, urlText, out var resolved) && resolved.Scheme is "http" or "https"
            && Uri.TryCreate(urlText, UriKind.RelativeOrAbsolute, out url)))
        {
            Problem(node, $"'{key}' needs an http(s) URL or the path of a file beside the stories{(urlText is null ? "" : $"; got '{urlText}'")}");
            return null;
        }
        if (type is not null && !MediaType().IsMatch(type))
        {
            Problem(node, $"'{key}' type must be a media type such as audio/mpeg; got '{type}'");
            return null;
        }
        if (type is null)
        {
            var guessed = MediaTypes.FromExtension(url.IsAbsoluteUri ? url.AbsolutePath : urlText.Split('?', '#')[0]);
            type = guessed ?? "application/octet-stream";
            problems.Add(new(path, LineOf(node.Start), guessed is null
                ? $"'{key}' has no 'type:' and its extension is not a known media type; it is sent as {type} (add 'type:')"
                : $"'{key}' has no 'type:'; {type} is guessed from its extension",
                guessed is null ? ProblemLevel.Warning : ProblemLevel.Debug));
        }
        long length = 0;
        if (lengthText is not null && !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length))
        {
            Problem(node, $"'{key}' length must be a size in bytes; got '{lengthText}'");
            return null;
        }
        return new Enclosure(url, type, length);
    }

    /// <summary>
    /// A URL, or Jekyll's <c>{path, alt}</c> (also <c>url:</c> or <c>src:</c>), with optional
    /// <c>width:</c> and <c>height:</c> in pixels; its URL as written, for the parser to resolve.
    /// </summary>
    public LeadImage? Image(string key, YamlNode node)
    {
        if (node is YamlScalarNode)
            return Text(key, node) is { } text && WebOrRelative(key, node, text) is { } web && Uri.TryCreate(web, UriKind.RelativeOrAbsolute, out var url)
                ? new(url) : null;
        if (node is YamlMappingNode mapping && (Field(mapping, "path") ?? Field(mapping, "url") ?? Field(mapping, "src")) is { } written)
            return WebOrRelative(key, node, written) is { } web && Uri.TryCreate(web, UriKind.RelativeOrAbsolute, out var url)
                ? new(url, Field(mapping, "alt"), Pixels(key, mapping, node, "width"), Pixels(key, mapping, node, "height"))
                : null;
        Problem(node, $"'{key}' must be a URL, or 'path:' (a URL) with an optional 'alt:', 'width:' and 'height:', not {Shape(node)}");
        return null;
    }

    static readonly Uri SomePage = new("https://example.invalid/2024/01/01/story");

    /// <summary>
    /// <paramref name="url"/> when it leads to the web once made absolute against the story's page
    /// (http or https; a relative path does), else null with a problem: 'javascript:' and 'data:'
    /// reach &lt;img src&gt;, og:image and Media RSS. Resolved, not only looked at, because the URL
    /// parser may read a scheme where a glance would not.
    /// </summary>
    public string? WebOrRelative(string key, YamlNode node, string url)
    {
        if (Uri.TryCreate(SomePage, url, out var resolved) && resolved.Scheme is "http" or "https")
            return url;
        Problem(node, $"'{key}' must be an http(s) URL or a path relative to the story, such as lead.jpg or https://example.com/lead.jpg; got '{url}'");
        return null;
    }

    int? Pixels(string key, YamlMappingNode mapping, YamlNode node, string name)
    {
        if (Field(mapping, name) is not { } text)
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pixels) && pixels > 0)
            return pixels;
        Problem(node, $"'{key}' {name} must be a whole number of pixels; got '{text}'");
        return null;
    }

    /// <summary>
    /// A running time: whole seconds ("1234"), MM:SS or HH:MM:SS, as podcast apps write it. A bad
    /// value is a warning, not an error: the story is published without a duration.
    /// </summary>
    public TimeSpan? Duration(string key, YamlNode node)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        if (MediaDuration.TryParse(text, out var duration))
            return duration;
        problems.Add(new(path, LineOf(node.Start),
            $"'{key}' is not a duration: '{text}'; write seconds (1234), MM:SS (20:34) or HH:MM:SS (1:02:03); the story is published without one",
            ProblemLevel.Warning));
        return null;
    }

    /// <summary>
    /// Earlier paths of the story (Hugo's <c>aliases</c>, Jekyll's <c>redirect_from</c>, a
    /// <c>permalink</c>): one path or a list of them, each with its line, for a warning on a clash.
    /// </summary>
    public IReadOnlyList<(string Path, int Line)>? Paths(string key, YamlNode node)
    {
        IEnumerable<YamlNode> nodes = node switch
        {
            YamlScalarNode scalar => IsNull(scalar) ? [] : [scalar],
            YamlSequenceNode sequence => sequence.Children,
            _ => [],
        };
        if (node is YamlMappingNode)
        {
            Problem(node, $"'{key}' must be a path such as /2024/03/old-story/ or a list of them, not {Shape(node)}");
            return null;
        }
        var paths = new List<(string, int)>();
        foreach (var child in nodes)
        {
            var text = child is YamlScalarNode { Value: { } value } ? Clean(value) : null;
            if (text is not null && SitePaths.OldPath(text) is { } old)
                paths.Add((old, LineOf(child.Start)));
            else if (!string.IsNullOrEmpty(text) || child is not YamlScalarNode)
                problems.Add(new(path, LineOf(child.Start),
                    $"'{key}' must be a path on this site such as /2024/03/old-story/; got {(text is null ? Shape(child) : $"'{text}'")}; it is not redirected",
                    ProblemLevel.Warning));
        }
        return paths;
    }

    public string? Language(string key, YamlNode node)
    {
        var text = Text(key, node);
        if (text is null || TextPatterns.IsLanguageTag(text))
            return text;
        Problem(node, $"'{key}' must be a language tag such as en or ur-PK; got '{text}'");
        return null;
    }

    public bool? Boolean(string key, YamlNode node)
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

    static string? Field(YamlMappingNode mapping, string name) =>
        mapping.Children.TryGetValue(new YamlScalarNode(name), out var node) && node is YamlScalarNode scalar && !IsNull(scalar)
            ? Clean(scalar.Value!)
            : null;

    static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL"
        || string.IsNullOrWhiteSpace(scalar.Value);

    static List<string> SplitCommas(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    static string Shape(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a set of keys",
        _ => "a value",
    };

    void Problem(YamlNode node, string message) => problems.Add(new(path, LineOf(node.Start), message));

    [GeneratedRegex(@"^[^@\s<>()]+@[^@\s<>()]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+\-]+/[A-Za-z0-9!#$&^_.+\-]+$")]
    private static partial Regex MediaType();
}
