namespace Feed.Site;

/// <summary>
/// The URLs a site moved from another tool keeps (docs/urls.md): each story's old paths (Hugo
/// <c>aliases</c>, Jekyll <c>redirect_from</c>, a permalink it does not keep), the feed URLs Hugo,
/// Jekyll and WordPress publish, and <c>Feed:FeedAliases</c>. Each answers 301 to the page or feed
/// now, so a reader's subscription and a search engine's link move with the site.
/// </summary>
public static class MigrationRedirects
{
    /// <summary>
    /// Feed URLs other tools publish, and the feed of this site each becomes: Hugo's index.xml,
    /// WordPress's /feed/ (and its /feed/atom, /feed/rss2), the /rss and /atom of many others.
    /// /atom.xml and /feed.xml are not here: they are this site's own.
    /// </summary>
    public static readonly IReadOnlyList<(string Old, string New)> CommonFeedUrls =
    [
        ("/index.xml", SitePaths.Rss), ("/feed", SitePaths.Rss), ("/feed/rss2", SitePaths.Rss), ("/feed/rss", SitePaths.Rss),
        ("/rss", SitePaths.Rss), ("/rss.xml", SitePaths.Rss), ("/index.rss", SitePaths.Rss), ("/feed.rss", SitePaths.Rss),
        ("/atom", SitePaths.Atom), ("/feed.atom", SitePaths.Atom), ("/feed/atom", SitePaths.Atom), ("/index.atom", SitePaths.Atom),
    ];

    /// <summary>
    /// Every old path and the path it answers 301 to, with a warning for each that cannot be one:
    /// a path that is a real page or feed here, one two stories claim, a target that is no feed.
    /// </summary>
    /// <param name="items">What is published (their <see cref="NewsItem.Aliases"/>).</param>
    /// <param name="servedPaths">Every document path; with the story pages, the paths no redirect may take.</param>
    /// <param name="isPage">Whether a path is a story's page, compared ignoring case; asked of <paramref name="items"/> when not given.</param>
    public static (Dictionary<string, string> Moved, List<ItemProblem> Problems) From(IReadOnlyList<NewsItem> items, IEnumerable<string> servedPaths,
        FeedSettings settings, Func<string, bool>? isPage = null)
    {
        var served = new HashSet<string>(servedPaths, StringComparer.OrdinalIgnoreCase);
        var documents = served.ToList();
        isPage ??= PagesOf(items).Contains;
        var real = new RealPaths(served, isPage);
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<ItemProblem>();

        // Oldest first: a path two stories claim stays with the one that had it first.
        for (var i = items.Count - 1; i >= 0; i--)
        {
            var item = items[i];
            foreach (var (path, line) in item.Aliases)
            {
                if (path == item.PagePath)
                    continue;
                if (real.Contains(path))
                    problems.Add(new(item.SourcePath, line, $"the old path {path} is a page or feed of this site, so it cannot redirect to this story; remove it", ProblemLevel.Warning));
                else if (owners.TryGetValue(path, out var owner) && owner != item.SourcePath)
                    problems.Add(new(item.SourcePath, line, $"the old path {path} already redirects to {owner}; remove it from one of them", ProblemLevel.Warning));
                else if (owners.TryAdd(path, item.SourcePath))
                    moved[path] = item.PagePath;
            }
        }

        // Feeds of folders and tags, as Hugo names them: /posts/index.xml, /tags/x/index.xml.
        var feeds = new List<(string Old, string New)>(CommonFeedUrls);
        foreach (var path in documents.Where(p => p.EndsWith("/" + DocumentFormat.Rss.FileName, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var folder = path[..^DocumentFormat.Rss.FileName!.Length];
            if (folder.StartsWith("/" + Listing.SectionKind + "/", StringComparison.Ordinal))
                feeds.Add(("/" + folder[(Listing.SectionKind.Length + 2)..] + "index.xml", path));
            else if (folder.StartsWith("/tags/", StringComparison.Ordinal))
            {
                feeds.Add((folder + "index.xml", path));
                feeds.Add(("/categories/" + folder["/tags/".Length..] + "index.xml", path));
            }
        }
        foreach (var (old, target) in feeds)
        {
            if (!real.Contains(old) && !owners.ContainsKey(old))
                moved.TryAdd(old, target);
        }
        foreach (var (old, target) in settings.FeedAliases)
        {
            if (real.Contains(old) || owners.ContainsKey(old))
                problems.Add(new("Feed:FeedAliases", null, $"{old} is a page or feed of this site or a story's old path, so it is not redirected to {target}", ProblemLevel.Warning));
            else if (!real.Contains(target))
                problems.Add(new("Feed:FeedAliases", null, $"{old} would redirect to {target}, which this site does not serve; name one of its feeds, such as /feed.xml", ProblemLevel.Warning));
            else
                moved[old] = target;
        }
        return (moved, problems);
    }

    /// <summary>The story pages of <paramref name="items"/>, compared ignoring case (an old path may differ from a page in case alone).</summary>
    public static HashSet<string> PagesOf(IEnumerable<NewsItem> items) => new(items.Select(i => i.PagePath), StringComparer.OrdinalIgnoreCase);

    // The paths this site serves itself: no old path may take one.
    readonly struct RealPaths(HashSet<string> documents, Func<string, bool> isPage)
    {
        public bool Contains(string path) => documents.Contains(path) || isPage(path);
    }
}
