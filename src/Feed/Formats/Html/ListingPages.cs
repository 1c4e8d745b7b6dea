using System.Globalization;
using System.Text;
using Feed.Documents;
using Feed.Items.Text;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Formats.Html;

/// <summary>
/// The pages of authors and sections (desks), shaped like a tag's: a first page with the newest
/// stories and autodiscovery of the listing's own feeds, numbered pages of older stories, and an
/// index of every author or section with its count. Bylines link here.
/// </summary>
public static partial class HtmlPages
{
    /// <summary>"Authors" or "Sections": the heading of a kind's index.</summary>
    public static string KindName(string kind) => kind == Listing.AuthorKind ? "Authors" : "Sections";

    /// <summary>An author's or a section's first page.</summary>
    public static byte[] ListingPage(Listing listing, string name, FeedDocument document, FeedSettings settings, string? older = null)
    {
        var html = Open(new Head(document.Title, document.Description, SitePaths.Absolute(settings.BaseUrl, listing.Page)), settings, null, document.Title, listing);
        html.Append("<header><p><a href=\"").Append(HtmlText.Escape(settings.BaseUrl.AbsoluteUri)).Append("\">")
            .Append(HtmlText.Escape(settings.Title)).Append("</a> · <a href=\"")
            .Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, listing.IndexPage).AbsoluteUri)).Append("\">").Append(KindName(listing.Kind))
            .Append("</a></p>\n<h1>").Append(HtmlText.Escape(name)).Append("</h1>\n<p>").Append(HtmlText.Escape(document.Description)).Append("</p>\n");
        Subscribe(html, settings, null, listing);
        html.Append("</header>\n<main>\n");
        List(html, document.Items);
        Pager(html, settings, null, older);
        html.Append("</main>\n");
        return Close(html, settings);
    }

    /// <summary>A numbered page of an author's or a section's older stories.</summary>
    public static byte[] NumberedListingPage(ListPage page, Listing listing, string name, FeedSettings settings)
    {
        var heading = $"{settings.Title}: {name}";
        var title = string.Create(CultureInfo.InvariantCulture, $"{heading} (page {page.Number})");
        var html = Open(new Head(title, settings.Description, SitePaths.Absolute(settings.BaseUrl, page.Path)), settings, null, heading, listing);
        Home(html, settings);
        html.Append("<h1>").Append(HtmlText.Escape(title)).Append("</h1>\n</header>\n<main>\n");
        List(html, page.Items);
        Pager(html, settings, page.Newer, page.Older);
        html.Append("</main>\n");
        return Close(html, settings);
    }

    /// <summary>/authors or /sections: every one with how many stories it has.</summary>
    public static byte[] ListingIndex(string kind, IReadOnlyList<(string Slug, string Name, int Count)> entries, FeedSettings settings)
    {
        var heading = KindName(kind);
        var title = $"{settings.Title}: {heading.ToLowerInvariant()}";
        var html = Open(new Head(title, $"{heading} of {settings.Title}, each with its own feeds.", SitePaths.Absolute(settings.BaseUrl, "/" + kind)),
            settings, null, settings.Title);
        Home(html, settings);
        html.Append("<h1>").Append(heading).Append("</h1>\n</header>\n<main>\n");
        if (entries.Count == 0)
            html.Append("<p>None yet.</p>\n");
        html.Append("<ul class=\"").Append(kind).Append("\">\n");
        foreach (var (slug, name, count) in entries)
        {
            html.Append("<li><a href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, new Listing(kind, slug).Page).AbsoluteUri)).Append("\">")
                .Append(HtmlText.Escape(name)).Append("</a> (").Append(count).Append(count == 1 ? " story" : " stories").Append(")</li>\n");
        }
        html.Append("</ul>\n</main>\n");
        return Close(html, settings);
    }

    /// <summary>"by Jane Doe, Ali Khan", each name linking to the author's page (rel="author").</summary>
    static void Byline(StringBuilder html, NewsItem item, FeedSettings settings)
    {
        html.Append(" · by ");
        for (var i = 0; i < item.Authors.Count; i++)
        {
            if (i > 0)
                html.Append(", ");
            var name = HtmlText.Escape(item.Authors[i].Name);
            if (Slug.From(item.Authors[i].Name) is { Length: > 0 } slug)
                html.Append("<a rel=\"author\" href=\"").Append(HtmlText.Escape(SitePaths.Absolute(settings.BaseUrl, Listing.Author(slug).Page).AbsoluteUri))
                    .Append("\">").Append(name).Append("</a>");
            else
                html.Append(name);
        }
    }
}
