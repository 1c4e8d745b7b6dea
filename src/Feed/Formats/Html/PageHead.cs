using System.Globalization;
using System.Text;
using Feed.Items;
using Feed.Items.Body;
using Feed.Items.Text;
using Feed.Site;

namespace Feed.Formats.Html;

/// <summary>
/// Every page's head: title, canonical URL, Open Graph, JSON-LD, the Content-Security-Policy, the
/// style, and the feed autodiscovery links (RSS Board autodiscovery, RFC 4287 alternate).
/// </summary>
public static partial class HtmlPages
{
    const string Style = """
        body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
        header,footer,.meta{font-family:system-ui,sans-serif}header p,.meta,footer{color:#555;font-size:.9rem}
        a{color:#0645ad}h1{line-height:1.2}ol{list-style:none;padding:0}li{margin:0 0 1.5rem}
        li h2{font-size:1.2rem;margin:0}img{max-width:100%;height:auto}
        """;


    /// <summary>
    /// The Content-Security-Policy of every page (docs/security.md): story HTML runs no script
    /// whatever it holds (TrustedHtml included), and the embeds the sanitizer keeps may play
    /// (frame-src: exactly <see cref="ContentSanitizer.EmbedHosts"/>, over https).
    /// </summary>
    public static readonly string ContentSecurityPolicy = MetaPolicy + "; frame-ancestors 'none'";

    // As a <meta> (an exported page on a static host has no header from Feed); browsers
    // ignore frame-ancestors there, so the header alone carries it.
    static string MetaPolicy => "default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'; "
        + "frame-src " + string.Join(' ', ContentSanitizer.EmbedHosts.Select(h => "https://" + h).Order(StringComparer.Ordinal))
        + "; base-uri 'none'; form-action 'none'";

    // The policy holds no '"', '&' or '<': written as it is, readable in the page's source.
    static readonly string MetaTag = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + MetaPolicy + "\">\n";

    /// <summary>What a page's head says about it.</summary>
    /// <param name="Title">The page title.</param>
    /// <param name="Description">Plain text for meta description and og:description.</param>
    /// <param name="Canonical">The page's one URL (rel="canonical", og:url).</param>
    /// <param name="Language">The page's language when it is not the site's.</param>
    sealed record Head(string Title, string Description, Uri Canonical, string? Language = null)
    {
        /// <summary>The story an item page shows: Open Graph type article, with its dates and image.</summary>
        public NewsItem? Article { get; init; }

        /// <summary>schema.org JSON-LD for the page's head (<see cref="StructuredData"/>), if any.</summary>
        public string? JsonLd { get; init; }
    }

    /// <param name="head">The page's title, description, canonical URL and language.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="tagSlug">Whose feeds this page advertises: null for the site's, else a tag's.</param>
    /// <param name="feedTitle">The title of those feeds.</param>
    /// <param name="listing">An author's or a section's page advertises that listing's feeds instead.</param>
    static StringBuilder Open(Head head, FeedSettings settings, string? tagSlug, string feedTitle, Listing? listing = null)
    {
        var language = head.Language ?? settings.Language;
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(HtmlText.Escape(language)).Append("\" dir=\"").Append(TextDirection.Of(language)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n").Append(MetaTag).Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Escape(head.Title)).Append("</title>\n");
        if (head.Description.Length > 0)
            html.Append("<meta name=\"description\" content=\"").Append(HtmlText.Escape(head.Description)).Append("\">\n");
        html.Append("<link rel=\"canonical\" href=\"").Append(HtmlText.Escape(head.Canonical.AbsoluteUri)).Append("\">\n");
        OpenGraph(html, head, settings);
        if (head.JsonLd is { } jsonLd)
            StructuredData.AppendScript(html, jsonLd);
        foreach (var format in DocumentFormat.FeedFormats)
        {
            var link = DocumentFormat.Of(format);
            html.Append("<link rel=\"").Append(link.Rel).Append("\" type=\"").Append(link.Type).Append("\" title=\"")
                .Append(HtmlText.Escape(feedTitle)).Append(" (").Append(link.Name).Append(")\" href=\"")
                .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, listing?.Feed(format) ?? SitePaths.Feed(tagSlug, format)).AbsoluteUri)).Append("\">\n");
        }
        if (settings.Podcast is not null && tagSlug is null && listing is null)
            html.Append("<link rel=\"").Append(DocumentFormat.Rss.Rel).Append("\" type=\"").Append(DocumentFormat.Rss.Type).Append("\" title=\"").Append(HtmlText.Escape(settings.Title))
                .Append(" (podcast)\" href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.Podcast).AbsoluteUri)).Append("\">\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        return html;
    }

    /// <summary>
    /// Open Graph (https://ogp.me), read by social networks and chat apps for link previews, and
    /// Twitter's card type: an item page is an article with its dates, tags and lead image.
    /// </summary>
    static void OpenGraph(StringBuilder html, Head head, FeedSettings settings)
    {
        var article = head.Article;
        Meta(html, "og:site_name", settings.Title);
        Meta(html, "og:type", article is null ? "website" : "article");
        Meta(html, "og:title", article?.Title ?? head.Title);
        if (head.Description.Length > 0)
            Meta(html, "og:description", head.Description);
        Meta(html, "og:url", head.Canonical.AbsoluteUri);
        if (OpenGraphLocale.Of(head.Language ?? settings.Language) is { } locale)
            Meta(html, "og:locale", locale);
        if (article is null)
            return;
        if (article.Image is { } image)
        {
            Meta(html, "og:image", image.Url.AbsoluteUri);
            if (image.Width is { } width)
                Meta(html, "og:image:width", width.ToString(CultureInfo.InvariantCulture));
            if (image.Height is { } height)
                Meta(html, "og:image:height", height.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrWhiteSpace(image.Alt))
                Meta(html, "og:image:alt", image.Alt);
        }
        // Open Graph's og:audio and og:video (https://ogp.me, "Optional Metadata"): the enclosure.
        if (article.Enclosure is { } enclosure && MediaPlayer.ElementOf(enclosure.MediaType) is { } element)
        {
            Meta(html, "og:" + element, enclosure.Url.AbsoluteUri);
            Meta(html, "og:" + element + ":type", enclosure.MediaType);
        }
        Meta(html, "article:published_time", ItemDate.Rfc3339String(article.Published));
        Meta(html, "article:modified_time", ItemDate.Rfc3339String(article.Updated));
        foreach (var tag in article.Tags)
            Meta(html, "article:tag", tag);
        html.Append("<meta name=\"twitter:card\" content=\"").Append(article.Image is null ? "summary" : "summary_large_image").Append("\">\n");
    }

    static void Meta(StringBuilder html, string property, string content) =>
        html.Append("<meta property=\"").Append(property).Append("\" content=\"").Append(HtmlText.Escape(content)).Append("\">\n");
}
