using Feed.Folder;

namespace Feed.Ledger;

// A pass that looks at the files that changed since the last one, and at nothing else: every
// other file keeps what it was assigned, as a pass over every file would give it again. Whatever
// the changed files alone cannot settle exactly (a story another file holds, a path that held
// several stories, too many changes) returns null, and the caller looks at everything.
public sealed partial class StoryIdentities
{
    IReadOnlyList<NewsItem>? AssignChanged(IReadOnlyList<NewsItem> candidates, LedgerMemory memory, DateTimeOffset now, ItemChanges? changes,
        out ItemChanges? assigned)
    {
        assigned = null;
        // Past this share of the folder a whole pass costs less than the bookkeeping.
        var limit = candidates.Count / 4 + 8;
        NewsItem[]? result = null;
        var changed = new List<(NewsItem Candidate, Entry? Before, int Index)>();
        List<Entry> removed;
        if (changes is not null)
        {
            // The folder named what changed: nothing else is looked at.
            removed = [];
            var count = _entries.Count;
            foreach (var (path, item) in changes.Items)
            {
                var entry = _entries.GetValueOrDefault(path);
                if (item is null)
                {
                    if (entry is not null)
                        removed.Add(entry);
                    count--;
                }
                else if (entry is null)
                {
                    changed.Add((item, null, -1));
                    count++;
                }
                else if (!ReferenceEquals(entry.Candidate, item) || entry.Recheck)
                    changed.Add((item, entry, -1));
            }
            foreach (var entry in _rechecks)
            {
                if (!changes.Items.ContainsKey(entry.Candidate.SourcePath))
                    changed.Add((entry.Candidate, entry, -1));
            }
            if (count != candidates.Count)
                return null; // the changes do not lead to these candidates
        }
        else
        {
            result = new NewsItem[candidates.Count];
            var seen = 0;
            for (var i = 0; i < candidates.Count; i++)
            {
                var c = candidates[i];
                if (_entries.TryGetValue(c.SourcePath, out var entry))
                {
                    if (entry.Pass == _pass)
                        return null; // one path twice
                    (entry.Pass, entry.Index) = (_pass, i);
                    seen++;
                    if (ReferenceEquals(entry.Candidate, c) && !entry.Recheck)
                    {
                        result[i] = entry.Result;
                        continue;
                    }
                }
                changed.Add((c, entry, i));
                if (changed.Count > limit)
                    return null;
            }
            removed = seen == _entries.Count ? [] : _entries.Values.Where(e => e.Pass != _pass).ToList();
        }
        // Which of the files that state one id is published is decided over all of them: a change
        // to one looks at them all again.
        var dirty = new HashSet<Entry>(changed.Select(c => c.Before).OfType<Entry>().Concat(removed), ReferenceEqualityComparer.Instance);
        var stated = changed.Select(c => c.Candidate).Concat(dirty.Select(e => e.Candidate)).Where(c => c.HasOwnId).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in stated)
        {
            foreach (var entry in _stating.GetValueOrDefault(id) ?? [])
            {
                if (dirty.Add(entry))
                    changed.Add((entry.Candidate, entry, result is null ? -1 : entry.Index));
            }
        }
        if (changed.Count + removed.Count > limit || !Settles(changed, dirty, memory))
            return null;

        // What the files that changed or left held is given back: their claims, pages and ids.
        var touched = new List<string>();
        foreach (var entry in dirty)
        {
            foreach (var id in entry.Ids())
            {
                touched.Add(id);
                if (_claimedBy.GetValueOrDefault(id) == entry)
                    _claimedBy.Remove(id);
            }
            if (entry.Page is { } page)
                _pages.Remove(page);
            if (entry.Candidate.HasOwnId && _stating.TryGetValue(entry.Candidate.Id, out var stating) && stating.Remove(entry) && stating.Count == 0)
                _stating.Remove(entry.Candidate.Id);
        }
        var output = new Dictionary<string, NewsItem?>(StringComparer.Ordinal);
        foreach (var entry in removed)
        {
            _entries.Remove(entry.Candidate.SourcePath);
            _rechecks.Remove(entry);
            touched.AddRange(memory.IdsAt(entry.Candidate.SourcePath));
            RemoveSlot(entry);
            output[entry.Candidate.SourcePath] = null;
        }

        var ordered = new List<(Entry Entry, NewsItem? Previous)>(changed.Count);
        foreach (var (c, before, i) in changed)
        {
            var entry = before ?? AddSlot(_entries[c.SourcePath] = new Entry(c) { Pass = _pass, Index = i });
            var previous = before is not null && ReferenceEquals(before.Candidate, c) ? before.Result : null;
            entry.Reset(c);
            if (c.HasOwnId)
                Stating(c.Id).Add(entry);
            ordered.Add((entry, previous));
        }
        ordered.Sort((a, b) => string.CompareOrdinal(a.Entry.Candidate.SourcePath, b.Entry.Candidate.SourcePath));
        var entries = ordered.Select(o => o.Entry).ToList();
        var outranked = Outranked([.. entries.Select(e => e.Candidate)]);
        for (var i = 0; i < entries.Count; i++)
            entries[i].Outranked = outranked[i];

        var unmatched = MatchKnown(entries, memory);
        if (unmatched.Count > 0)
            MatchRenames(unmatched, OrphansAmong(_orphans.Concat(touched), memory));
        foreach (var (entry, previous) in ordered)
        {
            var was = _results[entry.Slot];
            Settle(entry, previous, memory, now);
            _results[entry.Slot] = entry.Result;
            if (result is not null)
                result[entry.Index] = entry.Result;
            if (!ReferenceEquals(was, entry.Result) || was is null)
                output[entry.Candidate.SourcePath] = entry.Result;
            touched.AddRange(entry.Ids());
            touched.AddRange(memory.IdsAt(entry.Candidate.SourcePath));
        }

        // As a whole pass does: a story no file holds any more is gone from now, and the stories
        // no file holds are what the next renames are matched against.
        _known!.UnionWith(entries.SelectMany(e => (string?[])[e.Claimed, e.MintClaimed]).OfType<string>());
        foreach (var id in touched.Distinct(StringComparer.Ordinal))
        {
            if (memory.Story(id) is { GoneAt: null } story && !_claimedBy.ContainsKey(id) && _known.Contains(id))
                memory.Put(story with { GoneAt = now });
        }
        _orphans = [.. OrphansAmong(_orphans.Concat(touched), memory).Select(s => s.Id)];
        var from = _version;
        if (output.Count > 0)
            _version = ItemChanges.NewVersion();
        assigned = new ItemChanges(from, _version, output);
        return result ?? [.. _results];
    }

    Entry AddSlot(Entry entry)
    {
        entry.Slot = _order.Count;
        _order.Add(entry);
        _results.Add(null!); // filled when settled
        return entry;
    }

    void RemoveSlot(Entry entry)
    {
        var last = _order.Count - 1;
        var moved = _order[last];
        (_order[entry.Slot], _results[entry.Slot]) = (moved, _results[last]);
        moved.Slot = entry.Slot;
        _order.RemoveAt(last);
        _results.RemoveAt(last);
    }

    /// <summary>The stories among <paramref name="ids"/> that no file claims and whose file is not in the folder.</summary>
    List<StoryRecord> OrphansAmong(IEnumerable<string> ids, LedgerMemory memory) =>
        ids.Distinct(StringComparer.Ordinal).Select(memory.Story).OfType<StoryRecord>()
            .Where(s => !_claimedBy.ContainsKey(s.Id) && !_entries.ContainsKey(s.SourcePath)).ToList();

    /// <summary>
    /// Whether the changed files can be assigned alone: a whole pass would match every other file
    /// as before. Not when a story a changed file would match is held by a file that did not
    /// change (the order of paths decides then), nor when its path holds more than one story.
    /// </summary>
    bool Settles(List<(NewsItem Candidate, Entry? Before, int Index)> changed, HashSet<Entry> dirty, LedgerMemory memory)
    {
        foreach (var (c, _, _) in changed)
        {
            if (c.HasOwnId && memory.Story(c.Id) is { } story && HeldElsewhere(story.Id))
                return false;
            var atPath = memory.IdsAt(c.SourcePath);
            if (atPath.Count > 1 || atPath.Count == 1 && HeldElsewhere(atPath[0]))
                return false;
        }
        return true;

        bool HeldElsewhere(string id) => _claimedBy.TryGetValue(id, out var owner) && !dirty.Contains(owner);
    }
}
