using System.Globalization;
using System.Text;

namespace Feed;

/// <summary>
/// The site's HTML: the index of newest items and one page per item. Plain markup, no script,
/// and feed autodiscovery links (RSS Board autodiscovery, RFC 4287 alternate) on every page.
/// </summary>
public static class HtmlPages
{
    const string Style = """
        body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
        header,footer,.meta{font-family:system-ui,sans-serif}header p,.meta,footer{color:#555;font-size:.9rem}
        a{color:#0645ad}h1{line-height:1.2}ol{list-style:none;padding:0}li{margin:0 0 1.5rem}
        li h2{font-size:1.2rem;margin:0}img{max-width:100%;height:auto}.feeds a{margin-right:.75rem}
        """;

    public static byte[] Index(FeedDocument document, FeedSettings settings, IReadOnlyList<Tag> tags)
    {
        var html = Open(document.Title, settings, tagSlug: null, feedTitle: settings.Title);
        html.Append("<header><h1>").Append(Html.Escape(document.Title)).Append("</h1>\n<p>")
            .Append(Html.Escape(document.Description)).Append("</p>\n");
        Subscribe(html, settings, null);
        html.Append("</header>\n<main>\n");
        List(html, document.Items);
        html.Append("</main>\n");
        if (tags.Count > 0)
        {
            html.Append("<footer><p class=\"tags\">Tags: ");
            foreach (var tag in tags)
            {
                html.Append("<a href=\"").Append(Html.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.TagPage(tag.Slug)).AbsoluteUri)).Append("\">")
                    .Append(Html.Escape(tag.Name)).Append("</a> (").Append(tag.Items.Count).Append(") ");
            }
            html.Append("</p></footer>\n");
        }
        return Close(html);
    }

    /// <summary>A tag's page: its newest items, and autodiscovery of the tag's own feeds.</summary>
    public static byte[] TagPage(Tag tag, FeedDocument document, FeedSettings settings)
    {
        var html = Open(document.Title, settings, tag.Slug, feedTitle: document.Title);
        html.Append("<header><p><a href=\"").Append(Html.Escape(settings.BaseUrl.AbsoluteUri)).Append("\">")
            .Append(Html.Escape(settings.Title)).Append("</a></p>\n<h1>").Append(Html.Escape(tag.Name)).Append("</h1>\n");
        Subscribe(html, settings, tag.Slug);
        html.Append("</header>\n<main>\n");
        List(html, document.Items);
        html.Append("</main>\n");
        return Close(html);
    }

    static void List(StringBuilder html, IReadOnlyList<NewsItem> items)
    {
        if (items.Count == 0)
            html.Append("<p>No stories yet.</p>\n");
        html.Append("<ol>\n");
        foreach (var item in items)
        {
            html.Append("<li><article><h2><a href=\"").Append(Html.Escape(item.PageUrl.AbsoluteUri)).Append("\">")
                .Append(Html.Escape(item.Title)).Append("</a></h2>\n<p class=\"meta\">");
            Time(html, item.Published);
            html.Append("</p>\n<p>").Append(Html.Escape(item.Summary)).Append("</p></article></li>\n");
        }
        html.Append("</ol>\n");
    }

    public static byte[] Item(NewsItem item, FeedSettings settings)
    {
        var html = Open(item.Title + " – " + settings.Title, settings, tagSlug: null, feedTitle: settings.Title, item.Language);
        html.Append("<header><p><a href=\"").Append(Html.Escape(settings.BaseUrl.AbsoluteUri)).Append("\">")
            .Append(Html.Escape(settings.Title)).Append("</a></p></header>\n<main><article>\n<h1>")
            .Append(Html.Escape(item.Title)).Append("</h1>\n<p class=\"meta\">");
        Time(html, item.Published);
        if (item.Updated != item.Published)
        {
            html.Append(" · updated ");
            Time(html, item.Updated);
        }
        if (item.Authors.Count > 0)
            html.Append(" · by ").AppendJoin(", ", item.Authors.Select(a => Html.Escape(a.Name)));
        if (item.Tags.Count > 0)
            html.Append(" · ").AppendJoin(", ", item.Tags.Select(Html.Escape));
        html.Append("</p>\n");
        if (item.Image is { } image)
            html.Append("<p><img src=\"").Append(Html.Escape(image.AbsoluteUri)).Append("\" alt=\"").Append(Html.Escape(item.ImageAlt ?? "")).Append("\"></p>\n");
        html.Append(item.ContentHtml);
        if (item.ExternalUrl is { } external)
            html.Append("<p><a href=\"").Append(Html.Escape(external.AbsoluteUri)).Append("\">Read the original</a></p>\n");
        html.Append("</article></main>\n<footer>");
        Subscribe(html, settings, null);
        html.Append("</footer>\n");
        return Close(html);
    }

    /// <param name="title">The page title.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="tagSlug">Whose feeds this page advertises: null for the site's, else a tag's.</param>
    /// <param name="feedTitle">The title of those feeds.</param>
    /// <param name="language">The page's language when it is not the site's.</param>
    static StringBuilder Open(string title, FeedSettings settings, string? tagSlug, string feedTitle, string? language = null)
    {
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Html.Escape(language ?? settings.Language)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Html.Escape(title)).Append("</title>\n");
        foreach (var (format, type, name) in FeedLinks)
        {
            html.Append("<link rel=\"alternate\" type=\"").Append(type).Append("\" title=\"")
                .Append(Html.Escape(feedTitle)).Append(" (").Append(name).Append(")\" href=\"")
                .Append(Html.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.Feed(tagSlug, format)).AbsoluteUri)).Append("\">\n");
        }
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        return html;
    }

    static void Subscribe(StringBuilder html, FeedSettings settings, string? tagSlug)
    {
        html.Append("<p class=\"feeds\">Subscribe: ");
        foreach (var (format, type, name) in FeedLinks)
        {
            html.Append("<a type=\"").Append(type).Append("\" href=\"").Append(Html.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.Feed(tagSlug, format)).AbsoluteUri))
                .Append("\">").Append(name).Append("</a>");
        }
        html.Append("</p>\n");
    }

    static void Time(StringBuilder html, DateTimeOffset time) =>
        html.Append("<time datetime=\"").Append(ItemDate.Rfc3339String(time)).Append("\">")
            .Append(time.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append("</time>");

    static byte[] Close(StringBuilder html) => Encoding.UTF8.GetBytes(html.Append("</body>\n</html>\n").ToString());

    static readonly (FeedFormat Format, string Type, string Name)[] FeedLinks =
    [
        (FeedFormat.Rss, "application/rss+xml", "RSS"),
        (FeedFormat.Atom, "application/atom+xml", "Atom"),
        (FeedFormat.Json, "application/feed+json", "JSON Feed"),
    ];
}
