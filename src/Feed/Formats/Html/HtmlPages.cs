using System.Globalization;
using System.Text;
using Feed.Documents;
using Feed.Items;
using Feed.Items.Body;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Formats.Html;

/// <summary>
/// The site's HTML: the index of newest items and one page per item. Plain markup, no script,
/// and feed autodiscovery links (RSS Board autodiscovery, RFC 4287 alternate) on every page.
/// </summary>
public static partial class HtmlPages
{
    const string Style = """
        body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
        header,footer,.meta{font-family:system-ui,sans-serif}header p,.meta,footer{color:#555;font-size:.9rem}
        a{color:#0645ad}h1{line-height:1.2}ol{list-style:none;padding:0}li{margin:0 0 1.5rem}
        li h2{font-size:1.2rem;margin:0}img{max-width:100%;height:auto}
        """;

    /// <param name="document">The main feed's newest items.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="tags">Every tag.</param>
    /// <param name="older">The numbered page of older stories, or null when this page shows them all.</param>
    public static byte[] Index(FeedDocument document, FeedSettings settings, IReadOnlyList<Tag> tags, string? older = null)
    {
        var html = Open(new Head(document.Title, document.Description, settings.BaseUrl) { JsonLd = StructuredData.WebSite(settings) }, settings, tagSlug: null,
            feedTitle: settings.Title);
        html.Append("<header><h1>").Append(HtmlText.Escape(document.Title)).Append("</h1>\n<p>")
            .Append(HtmlText.Escape(document.Description)).Append("</p>\n");
        Subscribe(html, settings, null);
        html.Append("</header>\n<main>\n");
        List(html, document.Items);
        Pager(html, settings, null, older);
        html.Append("</main>\n");
        if (tags.Count > 0)
        {
            html.Append("<footer><p class=\"tags\"><a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.Tags).AbsoluteUri))
                .Append("\">Tags</a>: ");
            foreach (var tag in tags)
            {
                html.Append("<a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.TagPage(tag.Slug)).AbsoluteUri)).Append("\">")
                    .Append(HtmlText.Escape(tag.Name)).Append("</a> (").Append(tag.Items.Count).Append(") ");
            }
            html.Append("</p></footer>\n");
        }
        return Close(html, settings);
    }

    /// <summary>A tag's page: its newest items, and autodiscovery of the tag's own feeds.</summary>
    public static byte[] TagPage(Tag tag, FeedDocument document, FeedSettings settings, string? older = null)
    {
        var html = Open(new Head(document.Title, document.Description, SitePaths.Absolute(settings.BaseUrl, SitePaths.TagPage(tag.Slug))), settings, tag.Slug, feedTitle: document.Title);
        html.Append("<header><p><a href=\"").Append(HtmlText.Escape(settings.BaseUrl.AbsoluteUri)).Append("\">")
            .Append(HtmlText.Escape(settings.Title)).Append("</a></p>\n<h1>").Append(HtmlText.Escape(tag.Name)).Append("</h1>\n");
        Subscribe(html, settings, tag.Slug);
        html.Append("</header>\n<main>\n");
        List(html, document.Items);
        Pager(html, settings, null, older);
        html.Append("</main>\n");
        return Close(html, settings);
    }

    /// <summary>A numbered page of older stories, of the site (<paramref name="tagSlug"/> null) or of a tag.</summary>
    public static byte[] NumberedPage(ListPage page, string? tagSlug, string? tagName, FeedSettings settings)
    {
        var heading = tagName is null ? settings.Title : $"{settings.Title}: {tagName}";
        var title = string.Create(CultureInfo.InvariantCulture, $"{heading} (page {page.Number})");
        var html = Open(new Head(title, settings.Description, SitePaths.Absolute(settings.BaseUrl, page.Path)), settings, tagSlug, feedTitle: heading);
        Home(html, settings);
        html.Append("<h1>").Append(HtmlText.Escape(title)).Append("</h1>\n</header>\n<main>\n");
        List(html, page.Items);
        Pager(html, settings, page.Newer, page.Older);
        html.Append("</main>\n");
        return Close(html, settings);
    }

    /// <summary>/tags: every tag, with how many stories carry it.</summary>
    public static byte[] TagIndex(IReadOnlyList<(string Slug, string Name, int Count)> tags, FeedSettings settings)
    {
        var title = $"{settings.Title}: tags";
        var html = Open(new Head(title, $"Every tag on {settings.Title}.", SitePaths.Absolute(settings.BaseUrl, SitePaths.Tags)), settings, null, settings.Title);
        Home(html, settings);
        html.Append("<h1>Tags</h1>\n</header>\n<main>\n");
        if (tags.Count == 0)
            html.Append("<p>No tags yet.</p>\n");
        html.Append("<ul class=\"tags\">\n");
        foreach (var (slug, name, count) in tags)
        {
            html.Append("<li><a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.TagPage(slug)).AbsoluteUri)).Append("\">")
                .Append(HtmlText.Escape(name)).Append("</a> (").Append(count).Append(count == 1 ? " story" : " stories").Append(")</li>\n");
        }
        html.Append("</ul>\n</main>\n");
        return Close(html, settings);
    }

    /// <summary>
    /// The Content-Security-Policy of every page (PRODUCT.md section 4): story HTML runs no script
    /// whatever it holds (TrustedHtml included), and the embeds the sanitizer keeps may play
    /// (frame-src: exactly <see cref="ContentSanitizer.EmbedHosts"/>, over https).
    /// </summary>
    public static readonly string ContentSecurityPolicy = MetaPolicy + "; frame-ancestors 'none'";

    // As a <meta> (issue 19: an exported page on a static host has no header from Feed); browsers
    // ignore frame-ancestors there, so the header alone carries it.
    static string MetaPolicy => "default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'; "
        + "frame-src " + string.Join(' ', ContentSanitizer.EmbedHosts.Select(h => "https://" + h).Order(StringComparer.Ordinal))
        + "; base-uri 'none'; form-action 'none'";

    // The policy holds no '"', '&' or '<': written as it is, readable in the page's source.
    static readonly string MetaTag = "<meta http-equiv=\"Content-Security-Policy\" content=\"" + MetaPolicy + "\">\n";

    /// <summary>What a browser shows for an unknown path: short, with a way home.</summary>
    public static byte[] NotFound(FeedSettings settings)
    {
        var html = Open(new Head($"Not found – {settings.Title}", "", settings.BaseUrl), settings, null, settings.Title);
        Home(html, settings);
        html.Append("<h1>Not found</h1>\n</header>\n<main>\n<p>There is no page at this address. The <a href=\"")
            .Append(HtmlText.Escape(settings.BaseUrl.AbsoluteUri)).Append("\">front page</a> lists the latest stories, and <a href=\"")
            .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.Tags).AbsoluteUri)).Append("\">tags</a> every subject.</p>\n</main>\n");
        return Close(html, settings);
    }

    static void Home(StringBuilder html, FeedSettings settings) =>
        html.Append("<header><p><a href=\"").Append(HtmlText.Escape(settings.BaseUrl.AbsoluteUri)).Append("\">")
            .Append(HtmlText.Escape(settings.Title)).Append("</a></p>\n");

    // rel="next" leads to older stories: the next page in reading order of a newest-first list.
    static void Pager(StringBuilder html, FeedSettings settings, string? newer, string? older)
    {
        if (newer is null && older is null)
            return;
        html.Append("<nav class=\"pages\">");
        if (newer is not null)
            html.Append("<a rel=\"prev\" href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, newer).AbsoluteUri)).Append("\">Newer stories</a>");
        if (newer is not null && older is not null)
            html.Append(" · ");
        if (older is not null)
            html.Append("<a rel=\"next\" href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, older).AbsoluteUri)).Append("\">Older stories</a>");
        html.Append("</nav>\n");
    }

    static void List(StringBuilder html, IReadOnlyList<NewsItem> items)
    {
        if (items.Count == 0)
            html.Append("<p>No stories yet.</p>\n");
        html.Append("<ol>\n");
        foreach (var item in items)
        {
            html.Append("<li><article");
            // A story in another language than the page's is marked so, direction included.
            if (item.Language is { } language)
                html.Append(" lang=\"").Append(HtmlText.Escape(language)).Append("\" dir=\"").Append(TextDirection.Of(language)).Append('"');
            html.Append("><h2><a href=\"").Append(HtmlText.Escape(item.PageUrl.AbsoluteUri)).Append("\">")
                .Append(HtmlText.Escape(item.Title)).Append("</a></h2>\n<p class=\"meta\">");
            Time(html, item.Published);
            html.Append("</p>\n<p>").Append(HtmlText.Escape(item.Summary)).Append("</p></article></li>\n");
        }
        html.Append("</ol>\n");
    }

    public static byte[] Item(NewsItem item, FeedSettings settings)
    {
        // The canonical URL is the story's own home: the external link when it has one.
        var canonical = item.ExternalUrl ?? item.PageUrl;
        var head = new Head(item.Title + " – " + settings.Title, item.Summary, canonical, item.Language)
        {
            Article = item,
            JsonLd = StructuredData.NewsArticle(item, settings, canonical),
        };
        var html = Open(head, settings, tagSlug: null, feedTitle: settings.Title);
        html.Append("<header><p><a href=\"").Append(HtmlText.Escape(settings.BaseUrl.AbsoluteUri)).Append("\">")
            .Append(HtmlText.Escape(settings.Title)).Append("</a></p></header>\n<main><article>\n<h1>")
            .Append(HtmlText.Escape(item.Title)).Append("</h1>\n<p class=\"meta\">");
        Time(html, item.Published);
        if (item.Updated != item.Published)
        {
            html.Append(" · updated ");
            Time(html, item.Updated);
        }
        if (item.Authors.Count > 0)
            Byline(html, item, settings);
        if (settings.Sections && SectionSet.Of(item) is var (deskSlug, deskName))
            html.Append(" · <a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, Listing.Section(deskSlug).Page).AbsoluteUri)).Append("\">")
                .Append(HtmlText.Escape(deskName)).Append("</a>");
        if (item.Tags.Count > 0)
            html.Append(" · ").AppendJoin(", ", item.Tags.Select(HtmlText.Escape));
        html.Append("</p>\n");
        if (item.Image is { } image)
        {
            html.Append("<p><img src=\"").Append(HtmlText.Escape(image.AbsoluteUri)).Append("\" alt=\"").Append(HtmlText.Escape(item.ImageAlt ?? "")).Append('"');
            if (item.ImageWidth is { } width && item.ImageHeight is { } height)
                html.Append(" width=\"").Append(width).Append("\" height=\"").Append(height).Append('"');
            html.Append("></p>\n");
        }
        if (item.Enclosure is { } enclosure)
            MediaPlayer.Append(html, enclosure);
        html.Append(item.RenderContent());
        if (item.ExternalUrl is { } external)
            html.Append("<p><a href=\"").Append(HtmlText.Escape(external.AbsoluteUri)).Append("\">Read the original</a></p>\n");
        html.Append("</article></main>\n<footer>");
        Subscribe(html, settings, null);
        html.Append("</footer>\n");
        return Close(html, settings);
    }

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
        foreach (var (format, type, name) in FeedLinks)
        {
            html.Append("<link rel=\"alternate\" type=\"").Append(type).Append("\" title=\"")
                .Append(HtmlText.Escape(feedTitle)).Append(" (").Append(name).Append(")\" href=\"")
                .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, listing?.Feed(format) ?? SitePaths.Feed(tagSlug, format)).AbsoluteUri)).Append("\">\n");
        }
        if (settings.Podcast is not null && tagSlug is null && listing is null)
            html.Append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"").Append(HtmlText.Escape(settings.Title))
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
            Meta(html, "og:image", image.AbsoluteUri);
            if (article.ImageWidth is { } width)
                Meta(html, "og:image:width", width.ToString(CultureInfo.InvariantCulture));
            if (article.ImageHeight is { } height)
                Meta(html, "og:image:height", height.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrWhiteSpace(article.ImageAlt))
                Meta(html, "og:image:alt", article.ImageAlt);
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

    static void Subscribe(StringBuilder html, FeedSettings settings, string? tagSlug, Listing? listing = null)
    {
        html.Append("<p class=\"feeds\">Subscribe: ");
        foreach (var (format, type, name) in FeedLinks)
        {
            // Text between the links, so screen readers and text browsers do not run them together.
            if (format != FeedLinks[0].Format)
                html.Append(" · ");
            html.Append("<a type=\"").Append(type).Append("\" href=\"")
                .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, listing?.Feed(format) ?? SitePaths.Feed(tagSlug, format)).AbsoluteUri))
                .Append("\">").Append(name).Append("</a>");
        }
        html.Append("</p>\n");
    }

    static void Time(StringBuilder html, DateTimeOffset time) =>
        html.Append("<time datetime=\"").Append(ItemDate.Rfc3339String(time)).Append("\">")
            .Append(time.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append("</time>");

    // Every page ends with the way to every feed (/feeds) and every listing.
    static byte[] Close(StringBuilder html, FeedSettings settings)
    {
        SiteNav(html, settings);
        return Encoding.UTF8.GetBytes(html.Append("</body>\n</html>\n").ToString());
    }

    static readonly (FeedFormat Format, string Type, string Name)[] FeedLinks =
    [
        (FeedFormat.Rss, "application/rss+xml", "RSS"),
        (FeedFormat.Atom, "application/atom+xml", "Atom"),
        (FeedFormat.Json, "application/feed+json", "JSON Feed"),
    ];
}
