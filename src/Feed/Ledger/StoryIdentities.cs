using Feed.Folder;
using Feed.Publishing;

namespace Feed.Ledger;

/// <summary>
/// Gives each story the id and page it was first published with (docs/items.md, "Identity"):
/// a file keeps its story's identity when it is renamed or moved (the same bytes, or the same
/// title, at a new path in one scan), when its date is corrected, and across restarts; a new
/// file never takes an earlier story's id or page (it gets a suffix). Files without a date are
/// dated when Feed first published them. New identities are minted from the file alone, as
/// without a ledger, and written into the <see cref="LedgerMemory"/>.
/// </summary>
public sealed partial class StoryIdentities(FeedSettings settings)
{
    // What the last pass decided, kept so that the next one re-assigns only the files that changed
    // (StoryIdentities.Changed.cs): each file's entry by path, which entry claimed each story, the
    // pages given, the files that state each id, and the stories no file holds.
    Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    Dictionary<string, Entry> _claimedBy = new(StringComparer.Ordinal);
    HashSet<string> _pages = new(StringComparer.Ordinal);
    Dictionary<string, List<Entry>> _stating = new(StringComparer.Ordinal);
    HashSet<string> _orphans = new(StringComparer.Ordinal);

    // The memory and its generation the state above was made against; null when it cannot be trusted.
    LedgerMemory? _madeFrom;
    long _generation;
    bool _unsure;
    bool _baseline; // the first publication: stories are dated when published, not when seen
    int _pass;

    // The stories this process knew at its first pass or has seen in its own scans since. A story
    // another instance recorded meanwhile (a shared ledger) and this one has not seen yet is not
    // gone: its file has not reached this scan yet.
    HashSet<string>? _known;

    /// <summary>False: every pass looks at every file (the reference the differential test compares with).</summary>
    internal bool Incremental { get; init; } = true;

    /// <summary>How many passes looked at the changed files alone.</summary>
    internal int PassesOverChanges { get; private set; }

    /// <summary>One file of the last pass: its item, what it was assigned, and what it took.</summary>
    sealed class Entry(NewsItem candidate)
    {
        public NewsItem Candidate = candidate;
        public NewsItem Result = candidate;
        public bool Outranked;
        public StoryRecord? Match;
        // The ids it claimed: the story it matched, and the one a mint claimed.
        public string? Claimed, MintClaimed;
        // The story it was given (matched, or minted: then suffixed at times).
        public string? Story;
        public string? Page;
        // Assigned again at every pass: outranked, not remembered (a draft, scheduled, expired),
        // minted in the last pass (it is matched from now on), or a kept permalink another has.
        public bool Recheck;
        // The last pass it was seen in, and its place in that pass's candidates.
        public int Pass, Index;
        // Its place in the list of assigned items kept from pass to pass.
        public int Slot;

        public void Reset(NewsItem candidate)
        {
            (Candidate, Match, Claimed, MintClaimed, Story, Page, Outranked, Recheck) = (candidate, null, null, null, null, null, false, false);
        }

        public IEnumerable<string> Ids()
        {
            foreach (var id in (string?[])[Claimed, MintClaimed, Story])
            {
                if (id is not null)
                    yield return id;
            }
        }
    }

    List<Entry> Stating(string id) => _stating.TryGetValue(id, out var files) ? files : _stating[id] = [];

    // The assigned items, one slot per file, kept from pass to pass; the folder's version of the
    // candidates they were assigned from, and the version of this list.
    List<Entry> _order = [];
    List<NewsItem> _results = [];
    HashSet<Entry> _rechecks = new(ReferenceEqualityComparer.Instance);
    long _from = -1, _version = ItemChanges.NewVersion();

    /// <summary>The candidates with their remembered identities, in the same order.</summary>
    public IReadOnlyList<NewsItem> Assign(IReadOnlyList<NewsItem> candidates, LedgerMemory memory, DateTimeOffset now) =>
        Assign(candidates, memory, now, null, out _);

    /// <summary>
    /// The candidates with their remembered identities: in the same order, or, from the
    /// <paramref name="changes"/> since the candidates of the last pass, in the order of the items
    /// kept from pass to pass. <paramref name="assigned"/>: the assigned items that changed since
    /// the last pass's (<see cref="ItemChanges.Everything"/> after a pass over every file).
    /// </summary>
    public IReadOnlyList<NewsItem> Assign(IReadOnlyList<NewsItem> candidates, LedgerMemory memory, DateTimeOffset now, ItemChanges? changes,
        out ItemChanges? assigned)
    {
        _pass++;
        _baseline = memory.IsFresh;
        assigned = null;
        var trusted = Incremental && ReferenceEquals(_madeFrom, memory) && _generation == memory.Generation && !_unsure;
        _unsure = false;
        var result = trusted ? AssignChanged(candidates, memory, now, changes is not null && changes.From == _from ? changes : null, out assigned) : null;
        if (result is not null)
            PassesOverChanges++;
        else
        {
            result = AssignAll(candidates, memory, now);
            _version = ItemChanges.NewVersion();
            assigned = ItemChanges.Everything(_version);
        }
        _from = changes?.To ?? -1;
        (_madeFrom, _generation) = (memory, memory.Generation);
        return result;
    }

    IReadOnlyList<NewsItem> AssignAll(IReadOnlyList<NewsItem> candidates, LedgerMemory memory, DateTimeOffset now)
    {
        var before = _entries;
        (_entries, _claimedBy, _pages, _stating) = (new(candidates.Count, StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        var entries = new Entry[candidates.Count];
        var outranked = Outranked(candidates);
        _rechecks = new(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var entry = entries[i] = new Entry(c) { Outranked = outranked[i], Pass = _pass, Slot = i };
            if (!_entries.TryAdd(c.SourcePath, entry))
                _unsure = true; // one path twice: the next pass looks at everything again
            if (c.HasOwnId)
                Stating(c.Id).Add(entry);
        }
        var order = InPathOrder(entries);
        var unmatched = MatchKnown(order, memory);
        if (unmatched.Count > 0)
        {
            var orphans = memory.Stories.Where(s => !_claimedBy.ContainsKey(s.Id) && !_entries.ContainsKey(s.SourcePath)).ToList();
            MatchRenames(unmatched, orphans);
        }
        foreach (var entry in order)
            Settle(entry, before.GetValueOrDefault(entry.Candidate.SourcePath) is { } was && ReferenceEquals(was.Candidate, entry.Candidate) ? was.Result : null,
                memory, now);

        var seenHere = _known ??= memory.Stories.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        seenHere.UnionWith(_claimedBy.Keys);
        _orphans = new(StringComparer.Ordinal);
        foreach (var story in memory.Stories.Where(s => !_claimedBy.ContainsKey(s.Id)).ToList())
        {
            if (story.GoneAt is null && seenHere.Contains(story.Id))
                memory.Put(story with { GoneAt = now });
            if (!_entries.ContainsKey(story.SourcePath))
                _orphans.Add(story.Id);
        }
        _order = [.. entries];
        _results = [.. entries.Select(e => e.Result)];
        return [.. _results];
    }

    // A folder's scan gives its files in path order: then there is nothing to sort.
    static List<Entry> InPathOrder(Entry[] entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            if (string.CompareOrdinal(entries[i - 1].Candidate.SourcePath, entries[i].Candidate.SourcePath) > 0)
                return [.. entries.OrderBy(e => e.Candidate.SourcePath, StringComparer.Ordinal)];
        }
        return [.. entries];
    }

    /// <summary>
    /// The same story: the id its file states, else the story last seen at its path. A stated id
    /// comes first: a file that states a story's id takes it from a file that held it by its path.
    /// Returns the files left unmatched that may be renames.
    /// </summary>
    List<Entry> MatchKnown(List<Entry> ordered, LedgerMemory memory)
    {
        foreach (var entry in ordered)
        {
            if (!entry.Outranked && entry.Candidate.HasOwnId && memory.Story(entry.Candidate.Id) is { } known && _claimedBy.TryAdd(known.Id, entry))
                (entry.Match, entry.Claimed) = (known, known.Id);
        }
        var unmatched = new List<Entry>();
        foreach (var entry in ordered)
        {
            if (entry.Outranked || entry.Candidate.HasOwnId)
                continue;
            if (memory.FirstAt(entry.Candidate.SourcePath, _claimedBy) is { } known && _claimedBy.TryAdd(known.Id, entry))
                (entry.Match, entry.Claimed) = (known, known.Id);
            else
                unmatched.Add(entry);
        }
        return unmatched;
    }

    /// <summary>Gives one file its story (kept or minted) and the item with that identity.</summary>
    void Settle(Entry entry, NewsItem? before, LedgerMemory memory, DateTimeOffset now)
    {
        var c = entry.Candidate;
        var story = entry.Outranked ? null : entry.Match is { } known ? Keep(c, known, memory, now) : Mint(entry, memory, now);
        if (story is null)
        {
            entry.Result = c; // outranked or not published yet (a draft, scheduled or expired): nothing to remember
            entry.Recheck = true;
        }
        else
        {
            if (!_pages.Add(story.PagePath))
                _unsure = true;
            entry.Page = story.PagePath;
            entry.Recheck |= c.HasOwnPage && story.PagePath != c.PagePath;
            entry.Story = story.Id;
            entry.Result = Apply(c, story, before);
        }
        if (entry.Recheck)
            _rechecks.Add(entry);
        else
            _rechecks.Remove(entry);
    }

    // Publication's "the newer file wins" (Publication.Newer), decided before anything is remembered.
    static bool[] Outranked(IReadOnlyList<NewsItem> candidates)
    {
        var outranked = new bool[candidates.Count];
        Dictionary<string, int>? winners = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            if (!c.HasOwnId)
                continue;
            winners ??= new(StringComparer.Ordinal);
            if (!winners.TryGetValue(c.Id, out var w))
            {
                winners[c.Id] = i;
                continue;
            }
            if (Publication.Newer(c, candidates[w]) > 0)
            {
                outranked[w] = true;
                winners[c.Id] = i;
            }
            else
            {
                outranked[i] = true;
            }
        }
        return outranked;
    }

    /// <summary>
    /// A file at a new path that holds a story whose own file is gone: the same bytes, else the
    /// same title, matched only where exactly one story and one file fit.
    /// </summary>
    void MatchRenames(List<Entry> unmatched, List<StoryRecord> orphans)
    {
        if (orphans.Count == 0)
            return;
        Pair(s => s.ContentHash, c => c.ContentHash);
        Pair(s => s.Title, c => c.Title);

        void Pair<TKey>(Func<StoryRecord, TKey> storyKey, Func<NewsItem, TKey> fileKey) where TKey : notnull
        {
            var stories = orphans.Where(s => !_claimedBy.ContainsKey(s.Id)).GroupBy(storyKey).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
            var files = unmatched.Where(e => e.Match is null).GroupBy(e => fileKey(e.Candidate)).Where(g => g.Count() == 1);
            foreach (var file in files)
            {
                var entry = file.Single();
                if (stories.TryGetValue(file.Key, out var story) && _claimedBy.TryAdd(story.Id, entry))
                    (entry.Match, entry.Claimed) = (story, story.Id);
            }
        }
    }
}
