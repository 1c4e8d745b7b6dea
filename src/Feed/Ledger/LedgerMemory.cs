using System.Runtime.InteropServices;
using Feed.Site;

namespace Feed.Ledger;

/// <summary>
/// The ledger as the running process holds it: every story Feed has published, every page each
/// has had, and the last publication's fingerprint and Last-Modified. It is the truth in
/// process; a <see cref="PublicationLedger"/> persists what changed (<see cref="Unsaved"/>), and
/// a ledger lost mid-run is written again whole from it.
/// </summary>
public sealed partial class LedgerMemory
{
    readonly Dictionary<string, StoryRecord> _stories = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _pageOwners = new(StringComparer.Ordinal);
    // The ids of the stories last seen at each path: the id itself for the one story almost every
    // file has, a List<string> for more (a list a file was 6 MB at 100,000 stories).
    readonly Dictionary<string, object> _bySource = new(StringComparer.Ordinal);
    readonly Dictionary<string, StoryRecord> _unsavedStories = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _unsavedPages = new(StringComparer.Ordinal);
    readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    // Every Last-Modified recorded, by the documents' fingerprint, with the row's version in a shared ledger.
    readonly Dictionary<ulong, (DateTimeOffset At, long Version)> _recorded = [];

    /// <summary>True until the first publication is recorded: that one is the baseline, not news.</summary>
    public bool IsFresh => _stories.Count == 0 && LastModified is null;

    public IEnumerable<StoryRecord> Stories => _stories.Values;

    public int Count => _stories.Count;

    public StoryRecord? Story(string id) => _stories.GetValueOrDefault(id);

    /// <summary>Which story a page belongs to (its page now or an earlier one), or null.</summary>
    public string? PageOwner(string pagePath) => _pageOwners.GetValueOrDefault(pagePath);

    /// <summary>Every page ever given to a story, with the story's id.</summary>
    public IEnumerable<KeyValuePair<string, string>> Pages => _pageOwners;

    /// <summary>The stories whose file was last seen at this path, the one published now first.</summary>
    public IEnumerable<StoryRecord> At(string sourcePath) =>
        !_bySource.TryGetValue(sourcePath, out var ids) ? []
        : ids is string one ? [_stories[one]] // almost always: one story per file
        : ((List<string>)ids).Select(id => _stories[id]).OrderBy(s => s.GoneAt is not null).ThenByDescending(s => s.LastChanged);

    /// <summary>The first of <see cref="At"/> whose id is not <paramref name="taken"/>, or null; without a list for the common one story per file.</summary>
    public StoryRecord? FirstAt<T>(string sourcePath, Dictionary<string, T> taken)
    {
        if (!_bySource.TryGetValue(sourcePath, out var ids))
            return null;
        if (ids is string one)
            return taken.ContainsKey(one) ? null : _stories[one];
        foreach (var story in At(sourcePath))
        {
            if (!taken.ContainsKey(story.Id))
                return story;
        }
        return null; // a loop, not a lambda: its closure was allocated at every call, the common one included
    }

    /// <summary>The ids of the stories whose file was last seen at this path.</summary>
    public IReadOnlyList<string> IdsAt(string sourcePath) =>
        !_bySource.TryGetValue(sourcePath, out var ids) ? [] : ids is string one ? [one] : [.. (List<string>)ids];

    /// <summary>
    /// Moves on whenever a story or a page's owner changes: what was assigned from the memory at
    /// one generation still holds at the same generation.
    /// </summary>
    public long Generation { get; private set; }

    /// <summary>The fingerprint of the documents last published, and their Last-Modified.</summary>
    public ulong Fingerprint { get; private set; }

    public DateTimeOffset? LastModified { get; private set; }

    /// <summary>The Last-Modified recorded for documents with this fingerprint (here or by another instance), or null.</summary>
    public DateTimeOffset? Recorded(ulong fingerprint) => _recorded.TryGetValue(fingerprint, out var r) ? r.At : null;

    /// <summary>The latest Last-Modified recorded for any documents: none served later may be earlier.</summary>
    public DateTimeOffset? LatestRecorded => _recorded.Count == 0 ? LastModified : _recorded.Values.Max(r => r.At);

    /// <summary>Whether anything is waiting to be written to the ledger.</summary>
    public bool HasUnsaved => _unsavedStories.Count > 0 || _unsavedPages.Count > 0 || _removed.Count > 0 || PublishedUnsaved || PingsUnsaved;

    bool PublishedUnsaved { get; set; }

    // The pages that are not their story's page now, or whose story is gone: what a URL history is
    // made from. Kept up to date as stories change; null: to be found again among every page.
    HashSet<string>? _pastPages;

    bool IsPast(string page, string owner) => _stories.GetValueOrDefault(owner) is not { } story || story.GoneAt is not null || story.PagePath != page;

    void PageChanged(string page)
    {
        if (_pastPages is null)
            return;
        if (_pageOwners.TryGetValue(page, out var owner) && IsPast(page, owner))
            _pastPages.Add(page);
        else
            _pastPages.Remove(page);
    }

    /// <summary>Adds or replaces a story; its page is remembered as one of its pages.</summary>
    public void Put(StoryRecord story)
    {
        Generation++;
        var earlier = _stories.GetValueOrDefault(story.Id);
        PutStory(story);
        // A story's other pages are past pages whether it is gone or not: only its page before and now change.
        if (earlier is not null)
            PageChanged(earlier.PagePath);
        PageChanged(story.PagePath);
    }

    void PutStory(StoryRecord story)
    {
        if (_stories.TryGetValue(story.Id, out var before) && before.SourcePath != story.SourcePath)
            Unindex(before);
        if (before is null || before.SourcePath != story.SourcePath)
            Index(story);
        _stories[story.Id] = story;
        _unsavedStories[story.Id] = story;
        _removed.Remove(story.Id);
        if (_pageOwners.GetValueOrDefault(story.PagePath) != story.Id)
        {
            _pageOwners[story.PagePath] = story.Id;
            _unsavedPages[story.PagePath] = story.Id;
        }
    }

    /// <summary>
    /// Replaces a story by another (a file that now states its own id): the new one takes over
    /// every page of the old.
    /// </summary>
    public void Replace(StoryRecord old, StoryRecord successor)
    {
        Generation++;
        _pastPages = null;
        Unindex(old);
        _stories.Remove(old.Id);
        _unsavedStories.Remove(old.Id);
        _removed.Add(old.Id);
        Put(successor with { Version = 0 }); // a new row: a shared ledger inserts it
        foreach (var (page, owner) in _pageOwners.ToList())
        {
            if (owner == old.Id)
            {
                _pageOwners[page] = successor.Id;
                _unsavedPages[page] = successor.Id;
            }
        }
    }

    void Index(StoryRecord story)
    {
        ref var ids = ref CollectionsMarshal.GetValueRefOrAddDefault(_bySource, story.SourcePath, out var exists);
        if (!exists)
            ids = story.Id;
        else if (ids is List<string> several)
            several.Add(story.Id);
        else
            ids = new List<string>(2) { (string)ids!, story.Id };
    }

    void Unindex(StoryRecord story)
    {
        if (!_bySource.TryGetValue(story.SourcePath, out var ids))
            return;
        if (ids is List<string> several)
        {
            several.Remove(story.Id);
            if (several.Count == 1)
                _bySource[story.SourcePath] = several[0];
        }
        else if ((string)ids == story.Id)
        {
            _bySource.Remove(story.SourcePath);
        }
    }

    /// <summary>
    /// Every page a story has had that is not its page now (301 to the page now, while the story
    /// is published) and every page of a story whose file is gone (410).
    /// </summary>
    public UrlHistory UrlHistory(IReadOnlyList<NewsItem> published) =>
        UrlHistory(published.Select(i => i.PagePath).ToHashSet(StringComparer.Ordinal).Contains);

    /// <summary>The same, asking <paramref name="isPublished"/> whether a page is published now.</summary>
    public UrlHistory UrlHistory(Func<string, bool> isPublished)
    {
        var moved = new Dictionary<string, string>(StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        // Only a story's earlier pages and a gone story's pages can answer 301 or 410.
        foreach (var page in _pastPages ??= [.. _pageOwners.Where(p => IsPast(p.Key, p.Value)).Select(p => p.Key)])
        {
            if (_pageOwners.GetValueOrDefault(page) is not { } owner || isPublished(page) || _stories.GetValueOrDefault(owner) is not { } story)
                continue;
            if (story.GoneAt is not null)
                gone.Add(page);
            else if (isPublished(story.PagePath))
                moved[page] = story.PagePath;
        }
        return moved.Count == 0 && gone.Count == 0 ? Site.UrlHistory.None : new UrlHistory(moved, gone);
    }

    /// <summary>Records what was published: the documents' fingerprint and their Last-Modified.</summary>
    public void Published(ulong fingerprint, DateTimeOffset lastModified)
    {
        if (Fingerprint == fingerprint && LastModified == lastModified)
            return;
        (Fingerprint, LastModified) = (fingerprint, lastModified);
        _recorded[fingerprint] = (lastModified, _recorded.TryGetValue(fingerprint, out var r) ? r.Version : 0);
        PublishedUnsaved = true;
    }

    /// <summary>What a ledger must write: the stories and pages changed since the last save.</summary>
    public LedgerChanges Unsaved() =>
        new([.. _unsavedStories.Values], [.. _unsavedPages], [.. _removed], Fingerprint, LastModified, PublishedVersion, UnsavedPings());

    /// <summary>Everything, for a ledger that is new or was lost.</summary>
    public LedgerChanges All() =>
        new([.. _stories.Values], [.. _pageOwners], [.. _removed], Fingerprint, LastModified, PublishedVersion, AllPings());

    long PublishedVersion => _recorded.TryGetValue(Fingerprint, out var r) ? r.Version : 0;

    /// <summary>Forgets what <paramref name="saved"/> wrote, keeping what changed since it was taken.</summary>
    public void Saved(LedgerChanges saved)
    {
        SavedPings(saved.Pings);
        foreach (var story in saved.Stories)
        {
            if (_unsavedStories.TryGetValue(story.Id, out var now) && ReferenceEquals(now, story))
                _unsavedStories.Remove(story.Id);
        }
        foreach (var (page, owner) in saved.Pages)
        {
            if (_unsavedPages.GetValueOrDefault(page) == owner)
                _unsavedPages.Remove(page);
        }
        foreach (var id in saved.Removed)
            _removed.Remove(id);
        if (Fingerprint == saved.Fingerprint && LastModified == saved.LastModified)
            PublishedUnsaved = false;
    }

    /// <summary>Loads what a ledger holds (at start, or when the ledger is back), replacing this memory.</summary>
    /// <summary>The owners of pages by a page's characters, to tell a ledger's row of a page already known without a string for it.</summary>
    internal Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PageOwnersBySpan => _pageOwners.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A page as a ledger has it: remembered as saved.</summary>
    internal void LoadPage(string page, string owner) =>
        _pageOwners[page] = _stories.TryGetValue(owner, out var story) ? story.Id : owner; // one copy of each id

    public static LedgerMemory From(IEnumerable<StoryRecord> stories, IEnumerable<KeyValuePair<string, string>> pages, ulong fingerprint,
        DateTimeOffset? lastModified, IEnumerable<KeyValuePair<string, ulong>>? pings = null)
    {
        var memory = new LedgerMemory();
        foreach (var (path, pinged) in pings ?? [])
            memory._pings[path] = pinged;
        if (stories.TryGetNonEnumeratedCount(out var count))
            memory._stories.EnsureCapacity(count);
        foreach (var story in stories)
        {
            // As Put, without remembering anything as unsaved: what was read is saved.
            if (memory._stories.TryAdd(story.Id, story))
            {
                memory.Index(story);
                memory._pageOwners[story.PagePath] = story.Id;
            }
            else
                memory.Put(story);
        }
        foreach (var (page, owner) in pages)
            memory.LoadPage(page, owner);
        (memory.Fingerprint, memory.LastModified) = (fingerprint, lastModified);
        if (lastModified is { } at)
            memory._recorded[fingerprint] = (at, 0);
        memory._unsavedStories.Clear();
        memory._unsavedPages.Clear();
        memory._unsavedStories.TrimExcess();
        memory._unsavedPages.TrimExcess();
        return memory;
    }
}
