using System.Text;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Formats.Html;

/// <summary>/feeds, every feed of the site with a subscribe link each, and the line on every page that leads there.</summary>
public static partial class HtmlPages
{
    public static byte[] FeedListPage(IReadOnlyList<FeedListEntry> entries, FeedSettings settings)
    {
        var title = $"{settings.Title}: every feed";
        var html = Open(new Head(title, $"Every feed of {settings.Title}: the whole site, each section, author and tag.",
            SitePaths.Absolute(settings.BaseUrl, SitePaths.FeedList)), settings, null, settings.Title);
        Home(html, settings);
        html.Append("<h1>Every feed</h1>\n<p>Paste a link into your feed reader, or import <a type=\"").Append(DocumentFormat.Opml.Type).Append("\" href=\"")
            .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.FeedListOpml).AbsoluteUri))
            .Append("\">all of them as OPML</a>.</p>\n</header>\n<main>\n");
        foreach (var group in entries.GroupBy(e => e.Group))
        {
            html.Append("<h2>").Append(group.Key == "Site" ? "The whole site" : group.Key).Append("</h2>\n<ul class=\"feeds\">\n");
            foreach (var entry in group)
            {
                html.Append("<li><a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, entry.Page).AbsoluteUri)).Append("\">")
                    .Append(HtmlText.Escape(entry.Name)).Append("</a>: ");
                var first = true;
                foreach (var format in DocumentFormat.FeedFormats.Where(l => entry.Feeds.Any(f => f.Format == l)))
                {
                    if (!first)
                        html.Append(" · ");
                    first = false;
                    html.Append("<a type=\"").Append(DocumentFormat.Of(format).Type).Append("\" href=\"")
                        .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, entry.Feeds.Single(f => f.Format == format).Path).AbsoluteUri))
                        .Append("\">").Append(DocumentFormat.Of(format).Name).Append("</a>");
                }
                html.Append("</li>\n");
            }
            html.Append("</ul>\n");
        }
        html.Append("</main>\n");
        return Close(html, settings);
    }

    static void SiteNav(StringBuilder html, FeedSettings settings)
    {
        html.Append("<nav class=\"site\"><p><a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.FeedList).AbsoluteUri))
            .Append("\">Every feed</a> · <a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, SitePaths.Tags).AbsoluteUri))
            .Append("\">Tags</a> · <a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, Listing.IndexOf(Listing.AuthorKind)).AbsoluteUri))
            .Append("\">Authors</a>");
        if (settings.Sections)
            html.Append(" · <a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, Listing.IndexOf(Listing.SectionKind)).AbsoluteUri)).Append("\">Sections</a>");
        html.Append("</p></nav>\n");
    }
}
