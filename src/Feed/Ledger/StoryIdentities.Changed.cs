namespace Feed.Ledger;

// A pass that looks at the files that changed since the last one, and at nothing else: every
// other file keeps what it was assigned, as a pass over every file would give it again. Whatever
// the changed files alone cannot settle exactly (a story another file holds, a path that held
// several stories, too many changes) returns null, and the caller looks at everything.
public sealed partial class StoryIdentities
{
    IReadOnlyList<NewsItem>? AssignChanged(IReadOnlyList<NewsItem> candidates, LedgerMemory memory, DateTimeOffset now)
    {
        // Past this share of the folder a whole pass costs less than the bookkeeping.
        var limit = candidates.Count / 4 + 8;
        var result = new NewsItem[candidates.Count];
        var changed = new List<(int Index, Entry? Before)>();
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
            changed.Add((i, entry));
            if (changed.Count > limit)
                return null;
        }
        var removed = seen == _entries.Count ? [] : _entries.Values.Where(e => e.Pass != _pass).ToList();
        // Which of the files that state one id is published is decided over all of them: a change
        // to one looks at them all again.
        var dirty = new HashSet<Entry>(changed.Select(c => c.Before).OfType<Entry>().Concat(removed), ReferenceEqualityComparer.Instance);
        var stated = changed.Select(c => candidates[c.Index]).Concat(dirty.Select(e => e.Candidate)).Where(c => c.HasOwnId).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in stated)
        {
            foreach (var entry in _stating.GetValueOrDefault(id) ?? [])
            {
                if (dirty.Add(entry))
                    changed.Add((entry.Index, entry));
            }
        }
        if (changed.Count + removed.Count > limit || !Settles(candidates, changed, dirty, memory))
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
        foreach (var entry in removed)
        {
            _entries.Remove(entry.Candidate.SourcePath);
            touched.AddRange(memory.IdsAt(entry.Candidate.SourcePath));
        }

        var ordered = new List<(Entry Entry, NewsItem? Previous)>(changed.Count);
        foreach (var (i, before) in changed)
        {
            var c = candidates[i];
            var entry = before ?? (_entries[c.SourcePath] = new Entry(c) { Pass = _pass, Index = i });
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
            Settle(entry, previous, memory, now);
            result[entry.Index] = entry.Result;
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
        return result;
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
    bool Settles(IReadOnlyList<NewsItem> candidates, List<(int Index, Entry? Before)> changed, HashSet<Entry> dirty, LedgerMemory memory)
    {
        foreach (var (i, _) in changed)
        {
            var c = candidates[i];
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
