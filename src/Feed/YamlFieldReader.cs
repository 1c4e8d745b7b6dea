using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Feed;

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

    public string? Slug(string key, YamlNode node)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        var slug = Feed.Slug.From(text);
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
        if (uriText is not null && !(TextPatterns.HasScheme(uriText) && Uri.TryCreate(uriText, UriKind.Absolute, out uri)))
            Problem(node, $"'{key}' uri must be an absolute URL such as https://example.com/staff/jane; got '{uriText}'");
        if (email is not null && !EmailShape().IsMatch(email))
        {
            Problem(node, $"'{key}' email does not look like an address: '{email}'");
            email = null;
        }
        return new Person(name, email, uri);
    }

    public Enclosure? Enclosure(string key, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problem(node, $"'{key}' must have 'url:', 'type:' and 'length:' keys, not {Shape(node)}");
            return null;
        }
        var urlText = Field(mapping, "url");
        var type = Field(mapping, "type");
        var lengthText = Field(mapping, "length") ?? "0";
        if (urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            Problem(node, $"'{key}' needs 'url:' with an absolute http(s) URL");
            return null;
        }
        if (type is null || !MediaType().IsMatch(type))
        {
            Problem(node, $"'{key}' needs 'type:' with a media type such as audio/mpeg");
            return null;
        }
        if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            Problem(node, $"'{key}' length must be a size in bytes; got '{lengthText}'");
            return null;
        }
        return new Enclosure(url, type, length);
    }

    /// <summary>A URL, or keys: <c>url</c> (or Jekyll's <c>path</c>) with optional <c>width</c> and <c>height</c> in pixels.</summary>
    public (string? Url, int? Width, int? Height) Image(string key, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
            return (Text(key, node), null, null);
        var url = Field(mapping, "url") ?? Field(mapping, "path") ?? Field(mapping, "src");
        if (url is null)
            Problem(node, $"'{key}' needs 'url:' with the image's address");
        return (url, Pixels(key, mapping, node, "width"), Pixels(key, mapping, node, "height"));
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
