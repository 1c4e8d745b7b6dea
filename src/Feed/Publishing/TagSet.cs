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
}
