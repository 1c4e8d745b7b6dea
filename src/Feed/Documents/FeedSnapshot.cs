using System.Collections.Concurrent;
using System.Globalization;
using Feed.Formats.Html;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Documents;

/// <summary>
/// Everything served at one moment, built once per change and never modified: the documents (main
/// feeds, tag feeds and pages, monthly RFC 5005 archives, the index), item pages on first request,
/// the RFC 3229 history when deltas are on, and one Last-Modified for them all. The server swaps
/// whole snapshots, so every response is one complete, consistent document.
/// </summary>
public sealed partial class FeedSnapshot
{
    readonly LayeredMap<NewsItem> _byPath;
    readonly LayeredMap<PageCount> _pagesIgnoringCase;
    readonly Lazy<Dictionary<string, NewsItem>> _byLegacySlug;
    readonly Lazy<Dictionary<(string Name, DateOnly Day), NewsItem>> _byLegacyDatedSlug;
    readonly ConcurrentDictionary<string, Representation> _pages;
    readonly HashSet<NewsItem> _kept;
    readonly RenderCache _cache;
    readonly FeedSettings _settings;
    readonly Lazy<Dictionary<string, string>> _canonical;
    readonly ListingMemo _listings;

    FeedSnapshot(Publication publication, FeedSettings settings, IReadOnlyList<Tag> tags, DocumentSet documents, FeedHistory? history,
        LayeredMap<NewsItem> byPath, ConcurrentDictionary<string, Representation> pages, HashSet<NewsItem> kept, RenderCache cache,
        DateTimeOffset? lastModified, Representation notFound, UrlHistory urls, ulong fingerprint, DateTimeOffset? nextChange, ListingMemo listings,
        LayeredMap<PageCount> pagesIgnoringCase)
    {
        _listings = listings;
        _pagesIgnoringCase = pagesIgnoringCase;
        _kept = kept;
        _cache = cache;
        Urls = urls;
        Fingerprint = fingerprint;
        NextChange = nextChange;
        NotFoundPage = notFound;
        Publication = publication;
        Tags = tags;
        Documents = documents;
        History = history;
        _settings = settings;
        _pages = pages;
        _byPath = byPath;
        _canonical = new(() => Documents.Paths.Concat(_byPath.Entries.Select(e => e.Key)).GroupBy(p => p, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));
        // The oldest story kept the plain /items/SLUG in earlier versions: it keeps the redirect.
        // Built on the first such request, not with every snapshot: a change costs what it touched.
        _byLegacySlug = new(() =>
        {
            // Slugs are lowercase; /items/URDU is the same story.
            var index = new Dictionary<string, NewsItem>(StringComparer.OrdinalIgnoreCase);
            for (var i = publication.Items.Count - 1; i >= 0; i--)
                index.TryAdd(LastSegment(publication.Items[i].Slug), publication.Items[i]);
            return index;
        });
        // SLUG-YYYY-MM-DD: an index, so that any such request is a lookup, never a walk over every
        // item (32 connections of them cut feed throughput tenfold). Built on the first
        // such request rather than with every snapshot; the newest namesake of a day wins, as before.
        _byLegacyDatedSlug = new(() =>
        {
            var index = new Dictionary<(string, DateOnly), NewsItem>(LegacyDatedKeyComparer.Instance);
            foreach (var item in publication.Items)
                index.TryAdd((LastSegment(item.Slug), DateOnly.FromDateTime(item.Published.DateTime)), item);
            return index;
        });
        LastModified = lastModified;
        LastModifiedHeader = lastModified?.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Pages stories used to have: 301 to where they are now, or 410.</summary>
    public UrlHistory Urls { get; }

    /// <summary>
    /// A hash of everything the documents are made from (items, identities, settings): equal
    /// fingerprints mean equal bytes, on any machine. The ledger keeps Last-Modified by it.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>The next moment the documents change by themselves (a scheduled story, an expiry, a story leaving the recent window), or null.</summary>
    public DateTimeOffset? NextChange { get; }

    /// <summary>The same snapshot with the Last-Modified the ledger decided.</summary>
    public FeedSnapshot WithLastModified(DateTimeOffset lastModified) =>
        lastModified == LastModified ? this
            : new(Publication, _settings, Tags, Documents, History, _byPath, _pages, _kept, _cache, lastModified, NotFoundPage, Urls, Fingerprint, NextChange, _listings, _pagesIgnoringCase);

    /// <summary>What is published, newest first.</summary>
    public Publication Publication { get; }

    public IReadOnlyList<NewsItem> Items => Publication.Items;

    public IReadOnlyList<Tag> Tags { get; }

    public DocumentSet Documents { get; }

    /// <summary>RFC 3229 history of the main feeds; null when deltas are off.</summary>
    public FeedHistory? History { get; }

    /// <summary>
    /// Last-Modified of every document (RFC 9110 8.8.2): it follows the bytes, moving forward with
    /// every change, and is derived from the folder alone, so a restart or a second instance over
    /// the same folder gives the same value. Null when nothing is known (no items folder).
    /// </summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>Last-Modified as HTTP writes it (RFC 9110 5.6.7), formatted once.</summary>
    public string? LastModifiedHeader { get; }

    /// <param name="publication">The items to publish.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="previous">The snapshot being replaced: documents and pages whose items did not change are reused.</param>
    /// <param name="changedAt">
    /// When the items folder last changed (its files' and folders' modification times, none later
    /// than now); null when unknown.
    /// </param>
    /// <param name="startedAt">
    /// For the first snapshot of a process: when it started. A folder changed within the second
    /// or two before a start may have changed after the last publish of the process before it,
    /// in the same second; that second would then be served again for other bytes, so the first
    /// snapshot takes the next second instead.
    /// </param>
    /// <param name="urls">Pages stories used to have (from the ledger).</param>
    /// <param name="cache">
    /// Where the pages of stories outside the main feeds are held, bounded: the previous
    /// snapshot's, else <see cref="RenderCache.Shared"/>.
    /// </param>
    public static FeedSnapshot Build(Publication publication, FeedSettings settings, FeedSnapshot? previous = null, DateTimeOffset? changedAt = null,
        DateTimeOffset? startedAt = null, UrlHistory? urls = null, RenderCache? cache = null)
    {
        // The user's robots.txt shapes /robots.txt alone, which its key follows: an edit to it
        // re-renders that document, not the site (nor pings a hub about every feed).
        var reusable = previous is not null && previous._settings with { RobotsTxt = null } == settings with { RobotsTxt = null } ? previous : null;
        // Two maps of every page that need nothing else are made on another core meanwhile: a
        // start over 100,000 stories spent a tenth of a second on them alone.
        var pagesByPath = Task.Run(() => PagesOf(publication, reusable));
        var pagesByCase = Task.Run(() => PagesIgnoringCase(publication, reusable));
        var set = new DocumentSet.Builder(reusable?.Documents);
        var items = publication.Items;
        var recent = RecentOf(publication, settings, reusable?._listings);
        var newest = Subscription.Of(items, settings, recent);
        var (main, tags, listings) = SiteLayout.Add(set, publication, newest, settings, reusable?._listings);
        listings.Recent = recent;

        var documents = set.Build();
        var pagesIgnoringCase = pagesByCase.GetAwaiter().GetResult();
        var (aliases, aliasProblems) = MigrationRedirects.From(items, documents.Paths, settings, pagesIgnoringCase.ContainsKey);
        urls = (urls ?? UrlHistory.None).With(aliases, aliasProblems);
        var mainFeeds = DocumentFormat.FeedFormats.Select(f => (Path: SitePaths.Feed(null, f), Format: f)).ToList();
        // The main feeds and the index are ready before the snapshot is served. Their stories'
        // bodies (Markdown, sanitizing) are rendered first, on every core, then the documents
        // side by side; each body is rendered once, whichever document asks first.
        Parallel.ForEach(newest, static item => item.Body.Keep());
        var kept = new HashSet<NewsItem>(newest, ReferenceEqualityComparer.Instance);
        if (previous is not null)
            ReleaseBodies(previous._kept, newest);
        Parallel.ForEach(mainFeeds.Select(f => f.Path).Append(SitePaths.Index), path => _ = documents[path]!.Document);

        var history = settings.DeltaFeeds
            ? FeedHistory.Next(reusable?.History, mainFeeds.Select(f => (f.Path, f.Format, main, documents[f.Path]!.Document)), settings)
            : null;

        var byPath = pagesByPath.GetAwaiter().GetResult();
        var pages = new ConcurrentDictionary<string, Representation>(StringComparer.Ordinal);
        if (reusable is not null)
        {
            foreach (var (path, page) in reusable._pages)
            {
                if (reusable._byPath.TryGetValue(path, out var old) && kept.Contains(old) && ReferenceEquals(byPath.GetValueOrDefault(path), old))
                    pages[path] = page;
            }
        }

        var changed = previous is not null && (documents.ChangedSince(previous.Documents).Any() || documents.RemovedSince(previous.Documents).Any());
        var lastModified = LastModifiedClock.FromFolder(previous?.LastModified, changed, changedAt, items, previous is null ? startedAt : null);
        var notFound = reusable?.NotFoundPage ?? new Representation(HtmlPages.NotFound(settings), DocumentFormat.Html.MediaType);
        var fingerprint = documents.Fingerprint() ^ SettingsFingerprint(settings);
        var nextChange = Earliest(publication.NextChange, Subscription.NextChange(newest, settings));
        return new FeedSnapshot(publication, settings, tags, documents, history, byPath, pages, kept, cache ?? previous?._cache ?? RenderCache.Shared,
            lastModified, notFound, urls, fingerprint, nextChange, listings, pagesIgnoringCase);
    }

    // A story that left the main feeds gives its body back to the cache's bound; one whose edit
    // kept the body (a new title) is still kept by its successor.
    static void ReleaseBodies(HashSet<NewsItem> before, IReadOnlyList<NewsItem> now)
    {
        var bodies = new HashSet<object>(now.Select(i => i.Body), ReferenceEqualityComparer.Instance);
        foreach (var item in before)
        {
            if (!bodies.Contains(item.Body))
                item.Body.Release();
        }
    }

    static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    // Every setting that shapes the bytes: the record prints its scalars, and a list only by its
    // type, so the hubs are added one by one.
    static ulong SettingsFingerprint(FeedSettings settings) =>
        System.IO.Hashing.XxHash3.HashToUInt64(System.Text.Encoding.UTF8.GetBytes($"{settings}\n{string.Join('\n', settings.WebSubHubs)}"));

    /// <summary>The document at a path such as "/feed.xml" or "/tags/security/atom.xml" (unescaped), or null.</summary>
    public Representation? Document(string path) => Documents[path]?.Document;

    /// <summary>Every document path, for export.</summary>
    public IEnumerable<string> DocumentPaths => Documents.Paths;

    /// <summary>The documents that are new or were rebuilt since <paramref name="previous"/>.</summary>
    public IEnumerable<string> ChangedSince(FeedSnapshot previous) => Documents.ChangedSince(previous.Documents);

    /// <summary>The item whose page is at this path, or null.</summary>
    public NewsItem? ItemAt(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>
    /// The item an earlier version published at /items/SLUG, for a permanent redirect: the oldest
    /// story with that slug (which kept the plain slug then), or, for SLUG-YYYY-MM-DD, the story
    /// with that slug published that day (the name earlier versions gave a later namesake).
    /// </summary>
    public NewsItem? ItemByLegacySlug(string slug)
    {
        if (_byLegacySlug.Value.GetValueOrDefault(slug) is { } item)
            return item;
        if (slug.Length < 12 || slug[^11] != '-' || !DateOnly.TryParseExact(slug[^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return null;
        return _byLegacyDatedSlug.Value.GetValueOrDefault((slug[..^11], day));
    }

    /// <summary>Slugs are lowercase: a name in another letter case is the same story, as /items/URDU is.</summary>
    sealed class LegacyDatedKeyComparer : IEqualityComparer<(string Name, DateOnly Day)>
    {
        public static readonly LegacyDatedKeyComparer Instance = new();

        public bool Equals((string Name, DateOnly Day) x, (string Name, DateOnly Day) y) =>
            x.Day == y.Day && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Name, DateOnly Day) key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Name), key.Day);
    }

    static string LastSegment(string slug) => slug[(slug.LastIndexOf('/') + 1)..];

    /// <summary>The small HTML page browsers get for an unknown path (404).</summary>
    public Representation NotFoundPage { get; }

    /// <summary>
    /// The one URL of a page or feed asked for with a trailing slash or in another letter case
    /// (/tags/Weather/, /FEED.XML), for a permanent redirect; null when there is none or the path
    /// is already canonical. Built on the first such request, not with every snapshot.
    /// </summary>
    public string? CanonicalPath(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        if (trimmed.Length == 0)
            trimmed = SitePaths.Index;
        return _canonical.Value.TryGetValue(trimmed, out var canonical) && !string.Equals(canonical, path, StringComparison.Ordinal) ? canonical : null;
    }

    /// <summary>
    /// The page at this path, or null: rendered on first request, then kept until its item
    /// changes for a story of the main feeds, and held in the bounded <see cref="RenderCache"/>
    /// for any other (rendered again, to the same bytes and ETag, once dropped).
    /// </summary>
    public Representation? ItemPage(string path)
    {
        if (!_byPath.TryGetValue(path, out var item))
            return null;
        // Item pages are rendered lazily: a cold start over 100,000 items should not render
        // 100,000 pages that may never be asked for, nor a crawler keep them all.
        if (_kept.Contains(item))
            return _pages.GetOrAdd(path, static (_, state) => new ItemPageRecipe(state.item, state.settings).Render(), (item, settings: _settings));
        return _cache.GetOrAdd(item, _settings, (item, settings: _settings), static state => new ItemPageRecipe(state.item, state.settings).Render(),
            // The bytes, and room for the gzip and Brotli encodings made when a client asks.
            static page => page.Identity.Body.Length * 2L);
    }
}
