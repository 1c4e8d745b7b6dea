using System.Collections.Concurrent;

namespace Feed;

/// <summary>
/// Everything served at one moment, built once per change and never modified: the feeds (main,
/// per tag, RFC 5005 archives), the index and tag pages, and (on first request) each item page,
/// with their encodings and validators. The server swaps whole snapshots, so every response is
/// one complete, consistent document. A document whose items did not change is carried over
/// from the previous snapshot as it was, so a change costs work in proportion to what changed.
/// </summary>
public sealed class FeedSnapshot
{
    public const string RssPath = "/feed.xml";
    public const string AtomPath = "/atom.xml";
    public const string JsonPath = "/feed.json";
    public const string IndexPath = "/";

    public const string RssMediaType = "application/rss+xml; charset=utf-8";
    public const string AtomMediaType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedMediaType = "application/feed+json; charset=utf-8";
    public const string HtmlMediaType = "text/html; charset=utf-8";

    /// <summary>
    /// A document with what it was built from, to tell whether the next snapshot can reuse it.
    /// Tag feeds and archives render on first request (most are rarely polled); the main feeds
    /// and the index at build time.
    /// </summary>
    sealed record Built(NewsItem[] Items, string Key, Lazy<Representation> Rendered)
    {
        public Representation Document => Rendered.Value;
    }

    /// <summary>An earlier version of a feed: the ETags it was served with and the items it showed.</summary>
    sealed record Version(string[] ETags, NewsItem[] Items);

    /// <summary>How many earlier versions of each main feed are remembered for RFC 3229 deltas.</summary>
    public const int DeltaVersions = 16;

    readonly Dictionary<string, Built> _documents;
    readonly Dictionary<string, Version[]> _history;
    readonly ConcurrentDictionary<(string Path, string ETag), Representation> _deltas = new();
    readonly Dictionary<string, NewsItem> _bySlug;
    readonly ConcurrentDictionary<string, Representation> _pages;
    readonly FeedSettings _settings;

    FeedSnapshot(Publication publication, FeedSettings settings, IReadOnlyList<Tag> tags, int archivePages,
        Dictionary<string, Built> documents, ConcurrentDictionary<string, Representation> pages, FeedSnapshot? previous)
    {
        _history = new Dictionary<string, Version[]>(StringComparer.Ordinal);
        foreach (var path in (string[])[RssPath, AtomPath, JsonPath])
        {
            var built = documents[path];
            var now = new Version([built.Document.Identity.ETag, built.Document.GzipVariant.ETag, built.Document.BrotliVariant.ETag], built.Items);
            var earlier = previous?._history.GetValueOrDefault(path) ?? [];
            _history[path] = earlier.Length > 0 && earlier[0].ETags[0] == now.ETags[0]
                ? earlier
                : [now, .. earlier.Take(DeltaVersions - 1)];
        }
        Publication = publication;
        Tags = tags;
        ArchivePageCount = archivePages;
        _settings = settings;
        _documents = documents;
        _pages = pages;
        _bySlug = publication.Items.ToDictionary(i => i.Slug, StringComparer.Ordinal);
    }

    /// <summary>What is published, newest first.</summary>
    public Publication Publication { get; }

    public IReadOnlyList<NewsItem> Items => Publication.Items;

    public IReadOnlyList<Tag> Tags { get; }

    public int ArchivePageCount { get; }

    /// <param name="publication">The items to publish.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="previous">The snapshot being replaced: documents and pages whose items did not change are reused.</param>
    public static FeedSnapshot Build(Publication publication, FeedSettings settings, FeedSnapshot? previous = null)
    {
        var reusable = previous is not null && previous._settings == settings ? previous : null;
        var documents = new Dictionary<string, Built>(StringComparer.Ordinal);
        void Add(string path, IReadOnlyList<NewsItem> items, string key, Func<Representation> render)
        {
            documents[path] = reusable is not null && reusable._documents.TryGetValue(path, out var old) && old.Key == key && Same(old.Items, items)
                ? old
                : new Built([.. items], key, new Lazy<Representation>(render, LazyThreadSafetyMode.PublicationOnly)); // a failure is not cached
        }

        var items = publication.Items;
        var newest = items.Take(settings.MaxItems).ToList();
        var tags = TagSet.From(items);
        var archives = ArchivePages.From(items, settings.MaxItems);
        var lastModified = LastModified(newest);

        var main = new FeedDocument(settings.Title, settings.Description, settings.BaseUrl, newest)
        {
            Links = archives.Count == 0 ? [] : [("prev-archive", settings.Url(archives[^1].Path[1..]))],
        };
        AddFeeds(Add, main, "", settings, lastModified, compressNow: true, atomKey: $"archives:{archives.Count}");
        var tagKey = string.Join('\n', tags.Select(t => $"{t.Slug}\t{t.Name}\t{t.Items.Count}"));
        Add(IndexPath, newest, tagKey, () => new Representation(HtmlPages.Index(main, settings, tags), HtmlMediaType, lastModified));

        foreach (var tag in tags)
        {
            var tagNewest = tag.Items.Take(settings.MaxItems).ToList();
            var escaped = Uri.EscapeDataString(tag.Slug);
            var document = new FeedDocument($"{settings.Title}: {tag.Name}", $"Stories tagged “{tag.Name}”.", settings.Url("tags/" + escaped), tagNewest);
            var tagModified = LastModified(tagNewest);
            // Compressed on first request: a site may have hundreds of tags, most rarely polled.
            AddFeeds(Add, document, $"tags/{tag.Slug}/", settings, tagModified, compressNow: false, atomKey: tag.Name);
            Add(TagSet.PagePath(tag.Slug), tagNewest, tag.Name,
                () => new Representation(HtmlPages.TagPage(tag, document, settings), HtmlMediaType, tagModified, compressNow: false));
        }

        foreach (var page in archives)
        {
            var links = new List<(string, Uri)> { ("current", settings.Url("atom.xml")) };
            if (page.Number > 1)
                links.Add(("prev-archive", settings.Url($"archive/{page.Number - 1}.xml")));
            if (page.Number < archives.Count)
                links.Add(("next-archive", settings.Url($"archive/{page.Number + 1}.xml")));
            var document = new FeedDocument($"{settings.Title} (archive {page.Number})", settings.Description, settings.BaseUrl, page.Items)
            {
                Links = links,
                IsArchive = true,
            };
            Add(page.Path, page.Items, $"{page.Number}/{archives.Count}", () => new Representation(
                FeedWriter.Atom(FeedBuilder.Atom(document, settings.Url(page.Path[1..]), settings)), AtomMediaType, LastModified(page.Items),
                compressNow: false) { IsArchived = true });
        }

        foreach (var path in (string[])[RssPath, AtomPath, JsonPath, IndexPath])
            _ = documents[path].Document;

        var pages = new ConcurrentDictionary<string, Representation>(StringComparer.Ordinal);
        if (reusable is not null)
        {
            foreach (var item in items)
            {
                if (reusable._bySlug.TryGetValue(item.Slug, out var old) && ReferenceEquals(old, item)
                    && reusable._pages.TryGetValue(item.Slug, out var page))
                    pages[item.Slug] = page;
            }
        }
        var snapshot = new FeedSnapshot(publication, settings, tags, archives.Count, documents, pages, previous);
        // The render functions above share a closure with these: cleared, so that a document
        // not yet rendered does not keep every earlier snapshot alive.
        reusable = null;
        previous = null;
        return snapshot;
    }

    static void AddFeeds(Action<string, IReadOnlyList<NewsItem>, string, Func<Representation>> add, FeedDocument document, string prefix,
        FeedSettings settings, DateTimeOffset? lastModified, bool compressNow, string atomKey)
    {
        add($"/{prefix}feed.xml", document.Items, document.Title, () => new Representation(
            FeedWriter.Rss(FeedBuilder.Rss(document, settings.Url(Escape(prefix) + "feed.xml"), settings)), RssMediaType, lastModified, compressNow));
        add($"/{prefix}atom.xml", document.Items, atomKey, () => new Representation(
            FeedWriter.Atom(FeedBuilder.Atom(document, settings.Url(Escape(prefix) + "atom.xml"), settings)), AtomMediaType, lastModified, compressNow));
        add($"/{prefix}feed.json", document.Items, document.Title, () => new Representation(
            JsonFeedWriter.Write(document, settings.Url(Escape(prefix) + "feed.json"), settings), JsonFeedMediaType, lastModified, compressNow));
    }

    static string Escape(string prefix) => string.Join('/', prefix.Split('/').Select(Uri.EscapeDataString));

    static DateTimeOffset? LastModified(IReadOnlyList<NewsItem> items) => items.Count == 0 ? null : items.Max(i => i.Updated);

    static bool Same(NewsItem[] old, IReadOnlyList<NewsItem> items)
    {
        if (old.Length != items.Count)
            return false;
        for (var i = 0; i < old.Length; i++)
        {
            if (!ReferenceEquals(old[i], items[i]))
                return false;
        }
        return true;
    }

    /// <summary>The document at a path such as "/feed.xml" or "/tags/security/atom.xml" (unescaped), or null.</summary>
    public Representation? Document(string path) => _documents.GetValueOrDefault(path)?.Document;

    /// <summary>
    /// RFC 3229 with the "feed" instance manipulation: the main feed at <paramref name="path"/> with
    /// only the items that are new or changed since the version the client holds (named by its
    /// ETag). Null when that version is the current one or is no longer remembered: the client
    /// then gets a 304 or the whole feed.
    /// </summary>
    public Representation? Delta(string path, string clientETag)
    {
        if (!_history.TryGetValue(path, out var versions) || versions[0].ETags.Contains(clientETag))
            return null;
        var known = versions.Skip(1).FirstOrDefault(v => v.ETags.Contains(clientETag));
        if (known is null)
            return null;
        return _deltas.GetOrAdd((path, known.ETags[0]), static (key, state) =>
        {
            var (snapshot, old, current) = state;
            var before = old.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
            var changed = current.Where(i => !(before.TryGetValue(i.Id, out var was) && Unchanged(was, i))).ToList();
            var settings = snapshot._settings;
            var document = new FeedDocument(settings.Title, settings.Description, settings.BaseUrl, changed);
            var self = settings.Url(key.Path[1..]);
            var body = key.Path switch
            {
                RssPath => FeedWriter.Rss(FeedBuilder.Rss(document, self, settings)),
                AtomPath => FeedWriter.Atom(FeedBuilder.Atom(document, self, settings)),
                _ => JsonFeedWriter.Write(document, self, settings),
            };
            var full = snapshot._documents[key.Path].Document;
            return new Representation(body, full.MediaType, full.LastModified, compressNow: false);
        }, (this, known, versions[0].Items));
    }

    static bool Unchanged(NewsItem was, NewsItem now) =>
        ReferenceEquals(was, now) || (was.Updated == now.Updated && was.Title == now.Title && was.ContentHtml == now.ContentHtml
            && was.Summary == now.Summary && was.Link == now.Link);

    /// <summary>Every document path, for export.</summary>
    public IEnumerable<string> DocumentPaths => _documents.Keys;

    /// <summary>
    /// The documents that are new or were rebuilt since <paramref name="previous"/>: what a
    /// change touched, without rendering anything to find out.
    /// </summary>
    public IEnumerable<string> ChangedSince(FeedSnapshot previous) =>
        _documents.Where(d => !(previous._documents.TryGetValue(d.Key, out var old) && ReferenceEquals(old, d.Value))).Select(d => d.Key);

    /// <summary>The page of the item with this slug, rendered on first request and then kept, or null.</summary>
    public Representation? ItemPage(string slug)
    {
        if (!_bySlug.TryGetValue(slug, out var item))
            return null;
        // Item pages are rendered lazily: a cold start over 100,000 items should not render
        // 100,000 pages that may never be asked for. Each is still rendered once per change.
        return _pages.GetOrAdd(slug, static (_, state) =>
            new Representation(HtmlPages.Item(state.item, state.settings), HtmlMediaType, state.item.Updated, compressNow: false),
            (item, settings: _settings));
    }
}
