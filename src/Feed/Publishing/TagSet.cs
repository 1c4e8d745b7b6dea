namespace Feed.Publishing;

/// <summary>One tag in use: its URL slug, its name as the newest item writes it, and its items newest first.</summary>
public sealed record Tag(string Slug, string Name, IReadOnlyList<NewsItem> Items);

/// <summary>Published items grouped by tag, matched case-insensitively through the tag's slug.</summary>
public static class TagSet
{
    public static IReadOnlyList<Tag> From(IReadOnlyList<NewsItem> newestFirst)
    {
        var tags = new Dictionary<string, (string Name, List<NewsItem> Items)>(StringComparer.Ordinal);
        foreach (var item in newestFirst)
        {
            foreach (var name in item.Tags)
            {
                var slug = NameSlugs.Of(name);
                if (slug.Length == 0)
                    continue;
                if (!tags.TryGetValue(slug, out var tag))
                    tags[slug] = tag = (name, []);
                if (tag.Items.Count == 0 || !ReferenceEquals(tag.Items[^1], item)) // "News" and "news" on one item
                    tag.Items.Add(item);
            }
        }
        return tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag(t.Key, t.Value.Name, t.Value.Items)).ToList();
    }

    /// <summary>The tags of a publication selected from the one <paramref name="before"/> was made for, or null (then <see cref="From"/>).</summary>
    internal static IReadOnlyList<Tag>? Update(IReadOnlyList<Tag> before, PublicationDelta delta) =>
        Regrouping.Apply(before, t => t.Slug, t => t.Items, SlugsOf, (slug, items) => items.Count == 0 ? null : new Tag(slug, NameOf(items[0], slug), items), delta);

    static IEnumerable<string> SlugsOf(NewsItem item) => item.Tags.Select(NameSlugs.Of).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal);

    // As the newest story writes it.
    static string NameOf(NewsItem newest, string slug) => newest.Tags.First(name => NameSlugs.Of(name) == slug);
}
