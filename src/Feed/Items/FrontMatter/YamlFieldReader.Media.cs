using System.Globalization;
using System.Text.RegularExpressions;
using Feed.Site;

namespace Feed.Items.FrontMatter;

// The lead image, the enclosure and its running time.
internal sealed partial class YamlFieldReader
{
    /// <summary>
    /// A URL alone, or 'url:' with optional 'type:' and 'length:'. Without a type, the media
    /// type is guessed from the URL's extension, with a note: podcasts and Hugo sites often
    /// give only the URL, and the story must not be lost for it.
    /// </summary>
    public Enclosure? Enclosure(string key, FrontNode node)
    {
        string? urlText, type = null, lengthText = null;
        switch (node)
        {
            case FrontScalar:
                urlText = Text(key, node);
                if (urlText is null)
                    return null; // 'enclosure:' with nothing after it: none, like any empty key
                break;
            case FrontMap mapping:
                urlText = Field(mapping, "url");
                type = Field(mapping, "type");
                lengthText = Field(mapping, "length");
                break;
            default:
                Problem(node, $"'{key}' must be a URL, or 'url:' with optional 'type:' and 'length:' keys, not {node.Shape}");
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
            problems.Add(new(path, LineOf(node), guessed is null
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
    public LeadImage? Image(string key, FrontNode node)
    {
        if (node is FrontScalar)
            return Text(key, node) is { } text && WebOrRelative(key, node, text) is { } web && Uri.TryCreate(web, UriKind.RelativeOrAbsolute, out var url)
                ? new(url) : null;
        if (node is FrontMap mapping && (Field(mapping, "path") ?? Field(mapping, "url") ?? Field(mapping, "src")) is { } written)
            return WebOrRelative(key, node, written) is { } web && Uri.TryCreate(web, UriKind.RelativeOrAbsolute, out var url)
                ? new(url, Field(mapping, "alt"), Pixels(key, mapping, node, "width"), Pixels(key, mapping, node, "height"))
                : null;
        Problem(node, $"'{key}' must be a URL, or 'path:' (a URL) with an optional 'alt:', 'width:' and 'height:', not {node.Shape}");
        return null;
    }

    static readonly Uri SomePage = new("https://example.invalid/2024/01/01/story");

    /// <summary>
    /// <paramref name="url"/> when it leads to the web once made absolute against the story's page
    /// (http or https; a relative path does), else null with a problem: 'javascript:' and 'data:'
    /// reach &lt;img src&gt;, og:image and Media RSS. Resolved, not only looked at, because the URL
    /// parser may read a scheme where a glance would not.
    /// </summary>
    public string? WebOrRelative(string key, FrontNode node, string url)
    {
        if (Uri.TryCreate(SomePage, url, out var resolved) && resolved.Scheme is "http" or "https")
            return url;
        Problem(node, $"'{key}' must be an http(s) URL or a path relative to the story, such as lead.jpg or https://example.com/lead.jpg; got '{url}'");
        return null;
    }

    int? Pixels(string key, FrontMap mapping, FrontNode node, string name)
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
    public TimeSpan? Duration(string key, FrontNode node)
    {
        var text = Text(key, node);
        if (text is null)
            return null;
        if (MediaDuration.TryParse(text, out var duration))
            return duration;
        problems.Add(new(path, LineOf(node),
            $"'{key}' is not a duration: '{text}'; write seconds (1234), MM:SS (20:34) or HH:MM:SS (1:02:03); the story is published without one",
            ProblemLevel.Warning));
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9!#$&^_.+\-]+/[A-Za-z0-9!#$&^_.+\-]+$")]
    private static partial Regex MediaType();
}
