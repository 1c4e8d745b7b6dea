using System.Collections.Concurrent;

namespace Feed.Items.Text;

/// <summary>
/// One copy of each tag and of each single author, shared by every item that names it: a
/// folder of 100,000 stories names a few hundred tags and authors, and each parsed item lives
/// as long as the process, so a copy per item is memory the garbage collector copies again and
/// again during a cold start. Bounded: past <see cref="MaxNames"/> names a folder of mostly
/// unique ones simply gets its own copies.
/// </summary>
internal static class SharedNames
{
    public const int MaxNames = 100_000;

    static readonly ConcurrentDictionary<string, string> Tags = new(StringComparer.Ordinal);
    static readonly ConcurrentDictionary<(string Name, string? Email, string? Uri), Person[]> Authors = new();

    /// <summary>The tags, each the shared copy, without repeats (in any letter case), in order.</summary>
    public static IReadOnlyList<string> TagList(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0)
            return [];
        var list = new List<string>(tags.Count);
        foreach (var raw in tags)
        {
            var tag = Tag(XmlChars.Strip(raw));
            if (!Contains(list, tag))
                list.Add(tag);
        }
        return list.ToArray();
    }

    static bool Contains(List<string> list, string tag)
    {
        foreach (var t in list)
        {
            if (string.Equals(t, tag, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    static string Tag(string tag) =>
        Tags.TryGetValue(tag, out var shared) ? shared : Tags.Count < MaxNames ? Tags.GetOrAdd(tag, tag) : tag;

    /// <summary>The authors; a single one (most stories) as the list shared by every story of that author.</summary>
    public static IReadOnlyList<Person> AuthorList(IReadOnlyList<Person>? authors)
    {
        if (authors is null || authors.Count == 0)
            return [];
        if (authors.Count > 1)
            return authors;
        var author = authors[0];
        // By the URI's text: Uri equality ignores the fragment, which the feeds show.
        var key = (author.Name, author.Email, author.Uri?.OriginalString);
        return Authors.TryGetValue(key, out var shared) ? shared : Authors.Count < MaxNames ? Authors.GetOrAdd(key, [author]) : authors;
    }
}
