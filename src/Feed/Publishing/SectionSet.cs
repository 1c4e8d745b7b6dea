using Feed.Site;

namespace Feed.Publishing;

/// <summary>
/// Published items grouped by desk: every top-level folder of the items folder is a section
/// (world/, business/), Hugo's sections and jekyll-feed's collections. Stories at the folder's
/// root belong to none.
/// </summary>
public static class SectionSet
{
    /// <summary>The section of an item: its top-level folder as a slug, and the folder's name; null at the root.</summary>
    public static (string Slug, string Name)? Of(NewsItem item)
    {
        var slash = item.SourcePath.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
            return null;
        var name = item.SourcePath[..slash];
        var slug = NameSlugs.Of(name);
        return slug.Length == 0 ? null : (slug, name);
    }

    public static IReadOnlyList<ListedStories> From(IReadOnlyList<NewsItem> newestFirst)
    {
        var sections = new Dictionary<string, (string Name, List<NewsItem> Items)>(StringComparer.Ordinal);
        foreach (var item in newestFirst)
        {
            if (Of(item) is not var (slug, name))
                continue;
            if (!sections.TryGetValue(slug, out var section))
                sections[slug] = section = (name, []);
            section.Items.Add(item);
        }
        return sections.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ListedStories(Listing.Section(s.Key), s.Value.Name, s.Value.Items)).ToList();
    }

    /// <summary>The sections of a publication selected from the one <paramref name="before"/> was made for, or null (then <see cref="From"/>).</summary>
    internal static IReadOnlyList<ListedStories>? Update(IReadOnlyList<ListedStories> before, PublicationDelta delta) =>
        Regrouping.Apply(before, s => s.Listing.Slug, s => s.Items, item => Of(item) is var (slug, _) ? [slug] : [],
            (slug, items) => items.Count == 0 ? null : new ListedStories(Listing.Section(slug), Of(items[0])!.Value.Name, items), delta);
}
