using System.Globalization;

namespace Feed.Site;

/// <summary>
/// A listing of stories with its own pages and feeds, below one folder of the URL space:
/// /authors/SLUG (a byline) or /sections/NAME (a desk: a top-level folder of the items folder).
/// Its first page is /KIND/SLUG, older stories /KIND/SLUG/page/N, its feeds /KIND/SLUG/feed.xml,
/// atom.xml and feed.json: the shape of a tag's.
/// </summary>
/// <param name="Kind">"authors" or "sections".</param>
/// <param name="Slug">URL-safe, as <see cref="Items.Text.Slug"/> makes it.</param>
public sealed record Listing(string Kind, string Slug)
{
    public const string AuthorKind = "authors";
    public const string SectionKind = "sections";

    public static Listing Author(string slug) => new(AuthorKind, slug);

    public static Listing Section(string slug) => new(SectionKind, slug);

    /// <summary>The first page: /authors/SLUG.</summary>
    public string Page => $"/{Kind}/{Slug}";

    /// <summary>Every listing of this kind with its count of stories: /authors, /sections.</summary>
    public string IndexPage => IndexOf(Kind);

    public static string IndexOf(string kind) => "/" + kind;

    public string Feed(FeedFormat format) => $"{Page}/{DocumentFormat.Of(format).FileName}";

    /// <summary>A numbered page of older stories, counted from the oldest (as <see cref="SitePaths.ListPage"/>).</summary>
    public string ListPage(int number) => string.Create(CultureInfo.InvariantCulture, $"{Page}/page/{number}");

    /// <summary>The RFC 4287 id of its feed, from the id authority, as a tag's is (tag:AUTHORITY,2024:feed/authors/SLUG).</summary>
    public string FeedId(string authority) => $"tag:{authority},{Items.TagUri.FeedIdDate}:feed/{Kind}/{Uri.EscapeDataString(Slug)}";
}
