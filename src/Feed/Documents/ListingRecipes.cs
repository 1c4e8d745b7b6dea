using Feed.Formats.Html;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Documents;

/// <summary>An author's or a section's first page.</summary>
public sealed record ListingPageRecipe(Listing Listing, string Name, FeedDocument Document, FeedSettings Settings, string? Older) : DocumentRecipe
{
    public override Representation Render() =>
        new(HtmlPages.ListingPage(Listing, Name, Document, Settings, Older), DocumentFormat.Html.MediaType, compressNow: false);
}

/// <summary>A numbered page of an author's or a section's older stories.</summary>
public sealed record NumberedListingPageRecipe(ListPage Page, Listing Listing, string Name, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() =>
        new(HtmlPages.NumberedListingPage(Page, Listing, Name, Settings), DocumentFormat.Html.MediaType, compressNow: false);
}

/// <summary>/authors or /sections: names and counts only, so it holds no items.</summary>
public sealed record ListingIndexRecipe(string Kind, IReadOnlyList<(string Slug, string Name, int Count)> Entries, FeedSettings Settings) : DocumentRecipe
{
    public override Representation Render() => new(HtmlPages.ListingIndex(Kind, Entries, Settings), DocumentFormat.Html.MediaType, compressNow: false);
}
