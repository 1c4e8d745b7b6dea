using System.Collections.Concurrent;
using Feed.Items.Text;

namespace Feed.Publishing;

/// <summary>
/// The slugs of tag, byline and folder names, made once per process rather than once per name
/// per rebuild: a newsroom has few such names and many stories, and a slug takes Unicode
/// normalization twice. Bounded, so a folder of ever-new names cannot grow it without end.
/// </summary>
static class NameSlugs
{
    const int Bound = 50_000;
    static readonly ConcurrentDictionary<string, string> Slugs = new(StringComparer.Ordinal);

    public static string Of(string name)
    {
        if (Slugs.TryGetValue(name, out var slug))
            return slug;
        if (Slugs.Count >= Bound)
            Slugs.Clear();
        return Slugs[name] = Slug.From(name);
    }
}
