namespace Feed.Site;

/// <summary>
/// Pages that stories used to have: each answers 301 to the story's page now, or 410 when the
/// story is gone (docs/items.md, "Identity"). Empty without a ledger.
/// </summary>
public sealed class UrlHistory(IReadOnlyDictionary<string, string> moved, IReadOnlySet<string> gone)
{
    public static readonly UrlHistory None = new(new Dictionary<string, string>(), new HashSet<string>());

    /// <summary>The page a story has now, for a page it had before; null when the path is not one.</summary>
    public string? MovedTo(string path) => moved.GetValueOrDefault(path);

    /// <summary>True for a page of a story whose file was deleted.</summary>
    public bool IsGone(string path) => gone.Contains(path);

    public int Count => moved.Count + gone.Count;

    /// <summary>Every earlier page and the page its story has now, in path order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Moved => moved.OrderBy(m => m.Key, StringComparer.Ordinal);

    /// <summary>Every page of a deleted story, in path order.</summary>
    public IEnumerable<string> Gone => gone.Order(StringComparer.Ordinal);
}
