using AngleSharp.Dom;
using Ganss.Xss;

namespace Feed.Items.Body;

/// <summary>
/// Cuts an item's HTML down to what news aggregators ingest (docs/security.md): no script,
/// style, object, embed, form controls, event handlers or <c>javascript:</c> URLs, and iframes only
/// from well-known video and social embed hosts over https. Built on HtmlSanitizer (AngleSharp's
/// HTML5 parser), so the output is always balanced, well-formed markup. Runs once per item
/// change, inside the item's lazy render, never per request.
/// </summary>
public static class ContentSanitizer
{
    /// <summary>Hosts whose https iframes are kept: the embed players aggregators accept (MSN, Flipboard, Google News).</summary>
    public static readonly IReadOnlySet<string> EmbedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com", "platform.twitter.com",
        "www.facebook.com", "www.instagram.com", "open.spotify.com", "w.soundcloud.com",
        "embed.podcasts.apple.com", "www.dailymotion.com", "www.tiktok.com", "player.twitch.tv",
        "www.google.com", "datawrapper.dwcdn.net", "flo.uri.sh",
    };

    // Phrasing, sections, lists, tables, figures and media: what an article body needs. Left out
    // on purpose: script, style, object, embed, applet, form and its controls, frames, base, meta, link.
    static readonly string[] Tags =
    [
        "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote", "br", "caption",
        "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "iframe",
        "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp",
        "section", "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var", "video", "wbr",
    ];

    // No style attribute: aggregators drop it, and the W3C validator warns on most CSS in it.
    static readonly string[] Attributes =
    [
        "href", "src", "srcset", "sizes", "alt", "title", "width", "height", "class", "id", "lang", "dir",
        "cite", "datetime", "colspan", "rowspan", "scope", "headers", "abbr", "start", "reversed", "type",
        "media", "controls", "poster", "preload", "loop", "muted", "playsinline", "kind", "srclang", "label",
        "open", "allow", "allowfullscreen", "loading", "frameborder", "rel",
    ];

    // Elements whose content is code or a nested document, not text for the reader: removed whole.
    // Anything else that is not allowed (such as a stray <brackets> Markdown passed through) loses
    // its tag but keeps its text, as a browser would show it.
    static readonly HashSet<string> DropWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "object", "embed", "applet", "iframe", "frame", "frameset",
        "noframes", "noembed", "xmp", "textarea", "select", "title", "head", "svg", "math", "canvas", "base",
        "meta", "link", "param",
    };

    static readonly HtmlSanitizer Sanitizer = Create();

    static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags),
            AllowedAttributes = new HashSet<string>(Attributes),
            AllowedSchemes = new HashSet<string> { "http", "https", "mailto", "tel" },
            UriAttributes = new HashSet<string> { "href", "src", "cite", "poster" },
            UriListAttributes = new HashSet<string> { "srcset" },
            AllowedCssProperties = new HashSet<string>(),
        })
        {
            KeepChildNodes = true,
            OutputFormatter = PolyglotFormatter.Instance,
        };
        sanitizer.RemovingTag += static (_, e) =>
        {
            if (DropWithContent.Contains(e.Tag.LocalName))
            {
                e.Tag.Remove();
                e.Cancel = true;
            }
        };
        // An iframe stays only with an https src on a known embed host; any other loses its src
        // here and is removed below.
        sanitizer.FilterUrl += static (_, e) =>
        {
            if (e.Tag.LocalName == "iframe" && !IsEmbed(e.SanitizedUrl))
                e.SanitizedUrl = null;
        };
        sanitizer.PostProcessDom += static (_, e) =>
        {
            foreach (var iframe in e.Document.QuerySelectorAll("iframe").Where(f => !IsEmbed(f.GetAttribute("src"))).ToList())
                iframe.Remove();
            // The item's title is its page's one <h1>; a raw <h1> in the body becomes an <h2>
            // (Markdown headings are moved down by MarkdownStory).
            foreach (var h1 in e.Document.QuerySelectorAll("h1").ToList())
            {
                var h2 = e.Document.CreateElement("h2");
                foreach (var attribute in h1.Attributes)
                    h2.SetAttribute(attribute.Name, attribute.Value);
                h2.Append([.. h1.ChildNodes]);
                h1.Replace(h2);
            }
        };
        return sanitizer;
    }

    /// <summary>The HTML with everything outside the allowlist removed.</summary>
    public static string Clean(string html) => html.Length == 0 ? html : Sanitizer.Sanitize(UnclosedRawTextAsText(html));

    // Elements whose content an HTML parser reads as text up to their closing tag (HTML 5 13.1.2,
    // raw text and escapable raw text, and the ones parsed alike). HTML5 parsers find no end to
    // one that is never closed: the rest of the story would be its content, removed with it.
    static readonly string[] RawTextElements = ["script", "style", "textarea", "title", "iframe", "xmp", "noembed", "noframes", "noscript", "plaintext"];

    /// <summary>
    /// Writes the '&lt;' of a raw text element's start tag that no closing tag follows as "&amp;lt;":
    /// "the &lt;title&gt; element" in running text is words, kept for the reader, while a
    /// closed &lt;script&gt;...&lt;/script&gt; stays markup for the sanitizer to remove. Linear: one
    /// search for each element's last closing tag, one pass over the start tags.
    /// </summary>
    static string UnclosedRawTextAsText(string html)
    {
        var lastClose = new int[RawTextElements.Length];
        for (var i = 0; i < RawTextElements.Length; i++)
            lastClose[i] = html.LastIndexOf("</" + RawTextElements[i], StringComparison.OrdinalIgnoreCase);
        System.Text.StringBuilder? text = null;
        var copied = 0;
        for (var at = html.IndexOf('<', StringComparison.Ordinal); at >= 0; at = html.IndexOf('<', at + 1))
        {
            var element = RawTextElementAt(html, at + 1);
            if (element < 0 || lastClose[element] > at)
                continue;
            text ??= new(html.Length + 16);
            text.Append(html, copied, at - copied).Append("&lt;");
            copied = at + 1;
        }
        return text is null ? html : text.Append(html, copied, html.Length - copied).ToString();
    }

    static int RawTextElementAt(string html, int start)
    {
        for (var i = 0; i < RawTextElements.Length; i++)
        {
            var name = RawTextElements[i];
            var end = start + name.Length;
            if (end < html.Length && string.Compare(html, start, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && html[end] is '>' or '/' or ' ' or '\t' or '\n' or '\r' or '\f')
                return i;
        }
        return -1;
    }

    /// <summary>
    /// HTML5 serialization that an XML parser also reads: void elements written &lt;br /&gt; and
    /// no-break spaces as &amp;#160; (XML knows no &amp;nbsp;). Not AngleSharp's XHTML formatter:
    /// it writes an empty &lt;iframe&gt; or &lt;p&gt; as &lt;p /&gt;, which HTML parsers read as an open tag.
    /// </summary>
    sealed class PolyglotFormatter : HtmlFormatter
    {
        public static new readonly PolyglotFormatter Instance = new();

        public override string OpenTag(IElement element, bool selfClosing)
        {
            var tag = base.OpenTag(element, selfClosing);
            return element.Flags.HasFlag(NodeFlags.SelfClosing) ? tag[..^1] + " />" : tag;
        }

        public override string Text(ICharacterData text) => NoNbsp(base.Text(text));

        protected override string Attribute(IAttr attribute) => NoNbsp(base.Attribute(attribute));

        static string NoNbsp(string html) => html.Replace("&nbsp;", "&#160;", StringComparison.Ordinal);
    }

    static bool IsEmbed(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && EmbedHosts.Contains(uri.Host);
}
