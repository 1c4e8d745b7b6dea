using System.Globalization;
using System.Text;
using Feed.Documents;
using Feed.Items;
using Feed.Items.Text;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Formats.Html;

/// <summary>
/// The site's HTML: the index of newest items, the tag pages, the numbered pages of older stories,
/// and the parts every page's body shares. Plain markup, no script; each page's head is
/// <see cref="Open"/>'s, one story's page <see cref="Item"/>'s.
/// </summary>
public static partial class HtmlPages
{
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

    static void Subscribe(StringBuilder html, FeedSettings settings, string? tagSlug, Listing? listing = null)
    {
        html.Append("<p class=\"feeds\">Subscribe: ");
        foreach (var format in DocumentFormat.FeedFormats)
        {
            // Text between the links, so screen readers and text browsers do not run them together.
            if (format != DocumentFormat.FeedFormats[0])
                html.Append(" · ");
            html.Append("<a type=\"").Append(DocumentFormat.Of(format).Type).Append("\" href=\"")
                .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, listing?.Feed(format) ?? SitePaths.Feed(tagSlug, format)).AbsoluteUri))
                .Append("\">").Append(DocumentFormat.Of(format).Name).Append("</a>");
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
}
