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
}
