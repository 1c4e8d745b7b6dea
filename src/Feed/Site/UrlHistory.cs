namespace Feed.Site;

/// <summary>
/// Paths that answer 301 or 410: pages stories used to have (301 to the story's page now, or 410
/// when the story is gone; docs/items.md, "Identity"), and the old paths of a migration (stories'
/// aliases, other tools' feed URLs; see <see cref="MigrationRedirects"/>, docs/urls.md).
/// </summary>
public sealed class UrlHistory(IReadOnlyDictionary<string, string> moved, IReadOnlySet<string> gone)
{
    public static readonly UrlHistory None = new(new Dictionary<string, string>(), new HashSet<string>());

    /// <summary>
    /// Where a path answers 301 to, or null. An old path matches with or without its trailing
    /// slash: Hugo and WordPress wrote "/feed/" and "/2024/03/flood/".
    /// </summary>
    public string? MovedTo(string path) =>
        moved.GetValueOrDefault(path) ?? (path.Length > 1 && path.EndsWith('/') ? moved.GetValueOrDefault(path.TrimEnd('/')) : null);

    /// <summary>True for a page of a story whose file was deleted.</summary>
    public bool IsGone(string path) => gone.Contains(path);

    public int Count => moved.Count + gone.Count;

    /// <summary>Every earlier path and the path it answers 301 to, in path order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Moved => moved.OrderBy(m => m.Key, StringComparer.Ordinal);

    /// <summary>Every page of a deleted story, in path order.</summary>
    public IEnumerable<string> Gone => gone.Order(StringComparer.Ordinal);

    /// <summary>Old paths that could not redirect (a clash with a real URL), for the log.</summary>
    public IReadOnlyList<ItemProblem> Problems { get; private init; } = [];

    /// <summary>
    /// These redirects and the <paramref name="aliases"/>: the ledger's own history wins a path
    /// both name, because it was this site's page.
    /// </summary>
    public UrlHistory With(IReadOnlyDictionary<string, string> aliases, IReadOnlyList<ItemProblem> problems)
    {
        if (aliases.Count == 0 && problems.Count == 0)
            return this;
        var all = new Dictionary<string, string>(aliases, StringComparer.Ordinal);
        foreach (var (from, to) in moved)
            all[from] = to;
        foreach (var page in gone)
            all.Remove(page);
        return new UrlHistory(all, gone) { Problems = problems };
    }
}
