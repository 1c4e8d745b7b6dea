using Feed.Folder;

namespace Feed.Publishing;

// Selecting from what changed: a publication remembers the candidates it was selected from and
// the pages and ids it published, and the next selection takes out the candidates that left,
// puts in those that came, and keeps the rest where they were. Whatever that cannot settle
// exactly (a conflict between files, a story whose time is still to come, a moment past the
// next scheduled change) returns null, and the whole selection runs instead.
public sealed partial record Publication
{
    sealed class Slot(NewsItem item)
    {
        public NewsItem Item = item;
        public int Pass;
    }

    /// <summary>What the next selection starts from: each candidate by path, and the pages and ids published.</summary>
    sealed class SelectionIndex(Dictionary<string, Slot> bySource, HashSet<string> pages, HashSet<string> ids)
    {
        public readonly Dictionary<string, Slot> BySource = bySource;
        public readonly HashSet<string> Pages = pages, Ids = ids;
        public int Pass;
        // The version of the candidates it was made from (ItemChanges), when known.
        public long Version = -1;
    }

    SelectionIndex? _index;

    static long s_serial;

    /// <summary>Tells publications apart without holding on to them: a delta names the one it starts from.</summary>
    internal long Serial { get; } = Interlocked.Increment(ref s_serial);

    /// <summary>
    /// The published stories that left and came since the publication numbered
    /// <see cref="PublicationDelta.From"/>, when this one was selected from it; else null.
    /// </summary>
    internal PublicationDelta? Delta { get; private init; }

    /// <summary>Whether a next selection can start from this one.</summary>
    internal bool HasIndex => Volatile.Read(ref _index) is not null;

    /// <summary>Whether this selection started from the previous one's changes.</summary>
    internal bool SelectedFromChanges { get; private init; }

    HashSet<string>? _published;

    /// <summary>Whether this publication publishes a story at <paramref name="pagePath"/>.</summary>
    public bool Publishes(string pagePath) =>
        (Volatile.Read(ref _index)?.Pages ?? (_published ??= Items.Select(i => i.PagePath).ToHashSet(StringComparer.Ordinal))).Contains(pagePath);

    SelectionIndex? TakeIndex() => Interlocked.Exchange(ref _index, null);

    static Publication Index(Publication publication, IReadOnlyList<NewsItem> candidates, ItemChanges? changes)
    {
        // A conflict or a warning is decided over all the files at every selection.
        if (publication.Problems.Count > 0)
            return publication;
        var bySource = new Dictionary<string, Slot>(candidates.Count, StringComparer.Ordinal);
        foreach (var item in candidates)
        {
            if (!bySource.TryAdd(item.SourcePath, new Slot(item)))
                return publication; // one path twice: not from a folder
        }
        var pages = new HashSet<string>(publication.Items.Count, StringComparer.Ordinal);
        var ids = new HashSet<string>(publication.Items.Count, StringComparer.Ordinal);
        foreach (var item in publication.Items)
        {
            pages.Add(item.PagePath);
            ids.Add(item.Id);
        }
        publication._index = new SelectionIndex(bySource, pages, ids) { Version = changes?.To ?? -1 };
        return publication;
    }

    // Which candidates came and which left, found by looking at every one.
    static bool Compare(IReadOnlyList<NewsItem> candidates, SelectionIndex index, int limit, List<NewsItem> came, List<NewsItem> left)
    {
        var pass = ++index.Pass;
        var kept = 0;
        foreach (var item in candidates)
        {
            if (index.BySource.TryGetValue(item.SourcePath, out var slot))
            {
                if (slot.Pass == pass)
                    return false; // one path twice
                slot.Pass = pass;
                kept++;
                if (ReferenceEquals(slot.Item, item))
                    continue;
                left.Add(slot.Item);
                slot.Item = item;
            }
            else
            {
                index.BySource[item.SourcePath] = new Slot(item) { Pass = pass };
                kept++;
            }
            came.Add(item);
            if (came.Count > limit)
                return false;
        }
        if (kept < index.BySource.Count)
        {
            foreach (var (path, slot) in index.BySource.Where(s => s.Value.Pass != pass).ToList())
            {
                left.Add(slot.Item);
                index.BySource.Remove(path);
            }
        }
        return true;
    }

    Publication? SelectChanged(IReadOnlyList<NewsItem> candidates, DateTimeOffset now, SelectionIndex index, ItemChanges? changes)
    {
        if (now < At || NextScheduled <= now)
            return null;
        var limit = candidates.Count / 4 + 8;
        var came = new List<NewsItem>();
        var left = new List<NewsItem>();
        if (changes is not null && changes.From == index.Version)
        {
            // Told what changed: nothing else is looked at.
            if (changes.Items.Count > limit)
                return null;
            foreach (var (path, item) in changes.Items)
            {
                var slot = index.BySource.GetValueOrDefault(path);
                if (slot is not null && ReferenceEquals(slot.Item, item))
                    continue;
                if (slot is not null)
                    left.Add(slot.Item);
                if (item is null)
                    index.BySource.Remove(path);
                else
                {
                    came.Add(item);
                    if (slot is null)
                        index.BySource[path] = new Slot(item);
                    else
                        slot.Item = item;
                }
            }
            if (index.BySource.Count != candidates.Count)
                return null; // the changes do not lead to these candidates
        }
        else if (!Compare(candidates, index, limit, came, left))
            return null;
        index.Version = changes?.To ?? -1;

        var items = new List<NewsItem>(Items);
        List<NewsItem> wentOut = [], cameIn = [];
        List<NewsItem> scheduled = [.. Scheduled], expired = [.. Expired], drafts = [.. Drafts];
        foreach (var item in left)
        {
            // A story that held the next scheduled change leaves it to be found again among all.
            if (item.Expires is not null || item.Updated > now || !item.Draft && item.Published > now)
                return null;
            if (item.Draft)
                drafts.Remove(item);
            else if (items.BinarySearch(item, ByNewest) is >= 0 and var at && ReferenceEquals(items[at], item))
            {
                items.RemoveAt(at);
                wentOut.Add(item);
                index.Pages.Remove(item.PagePath);
                index.Ids.Remove(item.Id);
            }
            else
                return null;
        }
        var next = NextScheduled;
        foreach (var item in came)
        {
            if (HeldBack(item, now, drafts, expired, scheduled, ref next))
                continue;
            if (item.Updated > now || !index.Pages.Add(item.PagePath) || !index.Ids.Add(item.Id))
                return null; // a warning, or a conflict: decided over all the files
            var at = items.BinarySearch(item, ByNewest);
            items.Insert(at < 0 ? ~at : at, item);
            cameIn.Add(item);
        }
        return new Publication(items, [], next)
        {
            Scheduled = scheduled,
            Expired = expired,
            Drafts = drafts,
            At = now,
            _index = index,
            SelectedFromChanges = true,
            Delta = new PublicationDelta(Serial, wentOut, cameIn, At),
        };
    }
}

/// <summary>What changed among the published stories from one publication to the next.</summary>
/// <param name="From">The earlier publication's <see cref="Publication.Serial"/>.</param>
/// <param name="Left">Stories it published that the later one does not (a story edited leaves as its old version).</param>
/// <param name="Came">Stories the later one publishes that it did not.</param>
/// <param name="FromAt">The earlier publication's moment.</param>
sealed record PublicationDelta(long From, IReadOnlyList<NewsItem> Left, IReadOnlyList<NewsItem> Came, DateTimeOffset FromAt);
