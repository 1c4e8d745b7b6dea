using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Feed.Site;

namespace Feed.Documents;

/// <summary>
/// RFC 3229 with the "feed" instance manipulation: the last versions of each main feed, each
/// remembered by its ETags and a fingerprint of every entry as it was rendered, so that a client
/// naming an earlier version gets every entry that differs from what it holds in any way (any
/// field: tags, enclosure, author, image), never fewer.
/// </summary>
public sealed class FeedHistory
{
    /// <summary>How many earlier versions of each main feed are remembered.</summary>
    public const int Versions = 16;

    sealed record Version(string[] ETags, IReadOnlyDictionary<string, string> Entries);

    static readonly ConditionalWeakTable<NewsItem, string[]> Fingerprints = new();

    readonly Dictionary<string, Version[]> _versions;
    readonly Dictionary<string, (FeedDocument Document, FeedFormat Format)> _documents;
    readonly FeedSettings _settings;
    readonly ConcurrentDictionary<(string Path, string ETag), Representation> _deltas = new();

    FeedHistory(Dictionary<string, Version[]> versions, Dictionary<string, (FeedDocument, FeedFormat)> documents, FeedSettings settings)
    {
        _versions = versions;
        _documents = documents;
        _settings = settings;
    }

    /// <summary>The history after a rebuild: the current version of each main feed, then the earlier ones.</summary>
    /// <param name="previous">The history before, or null at start.</param>
    /// <param name="feeds">Each main feed's path, format, document and current representation.</param>
    /// <param name="settings">The site settings.</param>
    public static FeedHistory Next(FeedHistory? previous, IEnumerable<(string Path, FeedFormat Format, FeedDocument Document, Representation Current)> feeds,
        FeedSettings settings)
    {
        var versions = new Dictionary<string, Version[]>(StringComparer.Ordinal);
        var documents = new Dictionary<string, (FeedDocument, FeedFormat)>(StringComparer.Ordinal);
        foreach (var (path, format, document, current) in feeds)
        {
            documents[path] = (document, format);
            var earlier = previous?._versions.GetValueOrDefault(path) ?? [];
            if (earlier.Length > 0 && earlier[0].ETags[0] == current.Identity.ETag)
            {
                versions[path] = earlier;
                continue;
            }
            var entries = document.Items.ToDictionary(i => i.Id, i => Fingerprint(i, format, settings), StringComparer.Ordinal);
            var now = new Version([current.Identity.ETag, current.GzipVariant.ETag, current.BrotliVariant.ETag], entries);
            versions[path] = [now, .. earlier.Take(Versions - 1)];
        }
        return new FeedHistory(versions, documents, settings);
    }

    /// <summary>True when the ETag names the current version of the feed at this path, in any encoding.</summary>
    public bool IsCurrent(string path, string etag) =>
        _versions.TryGetValue(path, out var versions) && versions[0].ETags.Contains(etag);

    /// <summary>
    /// The entries of the feed at <paramref name="path"/> that are new or differ from the version
    /// the client holds (named by its ETag), as a feed document; null when that version is the
    /// current one or is no longer remembered: the client then gets a 304 or the whole feed.
    /// </summary>
    public Representation? Delta(string path, string clientETag)
    {
        if (!_versions.TryGetValue(path, out var versions) || versions[0].ETags.Contains(clientETag))
            return null;
        var known = versions.Skip(1).FirstOrDefault(v => v.ETags.Contains(clientETag));
        if (known is null)
            return null;
        return _deltas.GetOrAdd((path, known.ETags[0]), static (key, state) =>
        {
            var (history, old, current) = state;
            var (document, format) = history._documents[key.Path];
            var changed = document.Items.Where(i => !(old.Entries.TryGetValue(i.Id, out var was) && was == current.Entries[i.Id])).ToList();
            var self = SitePaths.Absolute(history._settings.BaseUrl, key.Path);
            var body = FeedRecipe.Bytes(format, document with { Items = changed }, self, history._settings);
            return new Representation(body, DocumentFormat.Of(format).MediaType, compressNow: false);
        }, (this, known, versions[0]));
    }

    /// <summary>
    /// An entry's fingerprint in one format: the hash of a one-entry document, so that any byte the
    /// entry renders to counts. Kept per item, so an unchanged story is rendered for this once.
    /// </summary>
    static string Fingerprint(NewsItem item, FeedFormat format, FeedSettings settings)
    {
        var prints = Fingerprints.GetValue(item, static _ => new string[3]);
        var index = (int)format;
        if (Volatile.Read(ref prints[index]) is { } known)
            return known;
        var document = new FeedDocument("", "", settings.BaseUrl, [item]) { Id = "" };
        var bytes = FeedRecipe.Bytes(format, document, settings.BaseUrl, settings);
        var print = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Volatile.Write(ref prints[index], print);
        return print;
    }
}
