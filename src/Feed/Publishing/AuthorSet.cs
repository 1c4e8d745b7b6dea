using Feed.Site;

namespace Feed.Publishing;

/// <summary>
/// Published items grouped by byline, as <see cref="TagSet"/> groups them by tag: one author per
/// name slug ("Jane Doe" and "jane doe" are one), named as the newest story writes it.
/// </summary>
public static class AuthorSet
{
    public static IReadOnlyList<ListedStories> From(IReadOnlyList<NewsItem> newestFirst)
    {
        var authors = new Dictionary<string, (string Name, List<NewsItem> Items)>(StringComparer.Ordinal);
        foreach (var item in newestFirst)
        {
            foreach (var person in item.Authors)
            {
                var slug = NameSlugs.Of(person.Name);
                if (slug.Length == 0)
                    continue;
                if (!authors.TryGetValue(slug, out var author))
                    authors[slug] = author = (person.Name, []);
                if (author.Items.Count == 0 || !ReferenceEquals(author.Items[^1], item))
                    author.Items.Add(item);
            }
        }
        return authors.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new ListedStories(Listing.Author(a.Key), a.Value.Name, a.Value.Items)).ToList();
    }

    /// <summary>The authors of a publication selected from the one <paramref name="before"/> was made for, or null (then <see cref="From"/>).</summary>
    internal static IReadOnlyList<ListedStories>? Update(IReadOnlyList<ListedStories> before, PublicationDelta delta) =>
        Regrouping.Apply(before, a => a.Listing.Slug, a => a.Items, SlugsOf,
            (slug, items) => items.Count == 0 ? null : new ListedStories(Listing.Author(slug), NameOf(items[0], slug), items), delta);

    static IEnumerable<string> SlugsOf(NewsItem item) => item.Authors.Select(p => NameSlugs.Of(p.Name)).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal);

    static string NameOf(NewsItem newest, string slug) => newest.Authors.First(p => NameSlugs.Of(p.Name) == slug).Name;
}
