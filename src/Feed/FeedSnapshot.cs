using System.Collections.Concurrent;

namespace Feed;

/// <summary>
/// Everything served at one moment, built once per change and never modified: the feeds, the
/// index page and (on first request) each item page, with their encodings and validators.
/// The server swaps whole snapshots, so every response is one complete, consistent document.
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

    readonly IReadOnlyDictionary<string, Representation> _documents;
    readonly IReadOnlyDictionary<string, NewsItem> _bySlug;
    readonly ConcurrentDictionary<string, Representation> _pages;
    readonly FeedSettings _settings;

    FeedSnapshot(Publication publication, FeedSettings settings, IReadOnlyDictionary<string, Representation> documents,
        ConcurrentDictionary<string, Representation> pages)
    {
        Publication = publication;
        _settings = settings;
        _documents = documents;
        _pages = pages;
        _bySlug = publication.Items.ToDictionary(i => i.Slug, StringComparer.Ordinal);
    }

    /// <summary>What is published, newest first.</summary>
    public Publication Publication { get; }

    public IReadOnlyList<NewsItem> Items => Publication.Items;

    public static FeedSnapshot Empty(FeedSettings settings) => Build(Publication.Select([], DateTimeOffset.MinValue), settings);

    /// <param name="publication">The items to publish.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="previous">The snapshot being replaced: its item pages are reused for items that did not change.</param>
    public static FeedSnapshot Build(Publication publication, FeedSettings settings, FeedSnapshot? previous = null)
    {
        var newest = publication.Items.Take(settings.MaxItems).ToList();
        var main = new FeedDocument(settings.Title, settings.Description, settings.BaseUrl, newest);
        var lastModified = newest.Count == 0 ? (DateTimeOffset?)null : main.Updated;

        var documents = new Dictionary<string, Representation>(StringComparer.Ordinal)
        {
            [RssPath] = new(FeedWriter.Rss(FeedBuilder.Rss(main, settings.Url("feed.xml"), settings)), RssMediaType, lastModified),
            [AtomPath] = new(FeedWriter.Atom(FeedBuilder.Atom(main, settings.Url("atom.xml"), settings)), AtomMediaType, lastModified),
            [JsonPath] = new(JsonFeedWriter.Write(main, settings.Url("feed.json"), settings), JsonFeedMediaType, lastModified),
            [IndexPath] = new(HtmlPages.Index(main, settings), HtmlMediaType, lastModified),
        };

        var pages = new ConcurrentDictionary<string, Representation>(StringComparer.Ordinal);
        if (previous is not null && previous._settings == settings)
        {
            foreach (var item in publication.Items)
            {
                if (previous._bySlug.TryGetValue(item.Slug, out var old) && ReferenceEquals(old, item)
                    && previous._pages.TryGetValue(item.Slug, out var page))
                    pages[item.Slug] = page;
            }
        }
        return new FeedSnapshot(publication, settings, documents, pages);
    }

    /// <summary>The document at a path such as "/feed.xml", or null.</summary>
    public Representation? Document(string path) => _documents.GetValueOrDefault(path);

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
