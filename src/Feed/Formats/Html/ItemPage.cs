using Feed.Publishing;
using Feed.Site;

namespace Feed.Formats.Html;

/// <summary>
/// One story's page: its title, dates, byline, desk, tags, lead image, player and body.
/// </summary>
public static partial class HtmlPages
{
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
            html.Append("<p><img src=\"").Append(HtmlText.Escape(image.Url.AbsoluteUri)).Append("\" alt=\"").Append(HtmlText.Escape(image.Alt ?? "")).Append('"');
            if (image is { Width: { } width, Height: { } height })
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
}
