using Feed.Items;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Ledger;

/// <summary>
/// Gives each story the id and page it was first published with (docs/items.md, "Identity"):
/// a file keeps its story's identity when it is renamed or moved (the same bytes, or the same
/// title, at a new path in one scan), when its date is corrected, and across restarts; a new
/// file never takes an earlier story's id or page (it gets a suffix). Files without a date are
/// dated when Feed first published them. New identities are minted from the file alone, as
/// without a ledger, and written into the <see cref="LedgerMemory"/>.
/// </summary>
public sealed class StoryIdentities(FeedSettings settings)
{
    // The assigned item of each candidate of the last pass: an unchanged file keeps the same
    // instance, so the documents that show it are carried over, not rebuilt.
    Dictionary<NewsItem, NewsItem> _assigned = new(ReferenceEqualityComparer.Instance);

    // The stories this process knew at its first pass or has seen in its own scans since. A story
    // another instance recorded meanwhile (a shared ledger) and this one has not seen yet is not
    // gone: its file has not reached this scan yet.
    HashSet<string>? _known;

    /// <summary>The candidates with their remembered identities, in the same order.</summary>
    public IReadOnlyList<NewsItem> Assign(IReadOnlyList<NewsItem> candidates, LedgerMemory memory, DateTimeOffset now)
    {
        var baseline = memory.IsFresh;
        var order = Enumerable.Range(0, candidates.Count).OrderBy(i => candidates[i].SourcePath, StringComparer.Ordinal).ToArray();
        var matches = new StoryRecord?[candidates.Count];
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        // Files that state an id another, newer file states too are published as the publication
        // decides (the newer wins) and are not remembered: the id is the newer file's story.
        var outranked = Outranked(candidates);

        // The same story: the id its file states, else the story last seen at its path.
        foreach (var i in order)
        {
            var c = candidates[i];
            if (outranked[i])
                continue;
            var known = c.HasOwnId ? memory.Story(c.Id) : memory.At(c.SourcePath).FirstOrDefault(s => !claimed.Contains(s.Id));
            if (known is not null && claimed.Add(known.Id))
                matches[i] = known;
        }
        MatchRenames(candidates, order, matches, claimed, memory);

        var pagesThisPass = new HashSet<string>(StringComparer.Ordinal);
        var result = new NewsItem[candidates.Count];
        var assigned = new Dictionary<NewsItem, NewsItem>(candidates.Count, ReferenceEqualityComparer.Instance);
        foreach (var i in order)
        {
            var c = candidates[i];
            if (outranked[i])
            {
                result[i] = c;
                continue;
            }
            var story = matches[i] is { } known ? Keep(c, known, memory, pagesThisPass, now) : Mint(c, memory, pagesThisPass, claimed, baseline, now);
            if (story is null)
            {
                result[i] = c; // not published yet (a draft, scheduled or expired): nothing to remember
                continue;
            }
            pagesThisPass.Add(story.PagePath);
            result[i] = assigned[c] = Apply(c, story);
        }
        _assigned = assigned;

        var seenHere = _known ??= memory.Stories.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        seenHere.UnionWith(claimed);
        foreach (var story in memory.Stories.Where(s => s.GoneAt is null && !claimed.Contains(s.Id) && seenHere.Contains(s.Id)).ToList())
            memory.Put(story with { GoneAt = now });
        return result;
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
    static void MatchRenames(IReadOnlyList<NewsItem> candidates, int[] order, StoryRecord?[] matches, HashSet<string> claimed, LedgerMemory memory)
    {
        var unmatched = order.Where(i => matches[i] is null && !candidates[i].HasOwnId).ToList();
        if (unmatched.Count == 0)
            return;
        var present = candidates.Select(c => c.SourcePath).ToHashSet(StringComparer.Ordinal);
        var orphans = memory.Stories.Where(s => !claimed.Contains(s.Id) && !present.Contains(s.SourcePath)).ToList();
        if (orphans.Count == 0)
            return;
        Pair(s => s.ContentHash, c => c.ContentHash);
        Pair(s => s.Title, c => c.Title);

        void Pair<TKey>(Func<StoryRecord, TKey> storyKey, Func<NewsItem, TKey> fileKey) where TKey : notnull
        {
            var stories = orphans.Where(s => !claimed.Contains(s.Id)).GroupBy(storyKey).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
            var files = unmatched.Where(i => matches[i] is null).GroupBy(i => fileKey(candidates[i])).Where(g => g.Count() == 1);
            foreach (var file in files)
            {
                if (stories.TryGetValue(file.Key, out var story) && claimed.Add(story.Id))
                    matches[file.Single()] = story;
            }
        }
    }

    StoryRecord Keep(NewsItem c, StoryRecord known, LedgerMemory memory, HashSet<string> pagesThisPass, DateTimeOffset now)
    {
        var published = c.Undated ? known.Published : c.Published;
        var page = known.PagePath;
        var ownSlug = c.HasOwnSlug ? c.Slug : null;
        if (ownSlug is not null && ownSlug != known.OwnSlug && ownSlug != SlugOf(page))
            page = FreePage(published, ownSlug, known.Id, memory, pagesThisPass); // the desk chose a new URL: the old one answers 301
        // A kept permalink (Feed:KeepPermalinks) is the page while no other story has it; the dated page then answers 301.
        if (c.HasOwnPage && c.PagePath != page && !pagesThisPass.Contains(c.PagePath) && (memory.PageOwner(c.PagePath) is not { } owner || owner == known.Id))
            page = c.PagePath;
        var changed = known.ContentHash != c.ContentHash || known.GoneAt is not null;
        var story = known with
        {
            PagePath = page,
            SourcePath = c.SourcePath,
            ContentHash = c.ContentHash,
            Title = c.Title,
            OwnSlug = ownSlug,
            Published = published,
            LastChanged = changed ? now : known.LastChanged,
            GoneAt = null,
        };
        if (story != known)
            memory.Put(story);
        return story;
    }

    StoryRecord? Mint(NewsItem c, LedgerMemory memory, HashSet<string> pagesThisPass, HashSet<string> claimed, bool baseline, DateTimeOffset now)
    {
        var published = c.Undated ? now : c.Published;
        if (c.Draft || published > now || c.Expires <= now)
            return null;
        var seen = baseline ? (published < now ? published : now) : now;
        // A file that now states an id takes over the story last seen at its path.
        if (c.HasOwnId && memory.At(c.SourcePath).FirstOrDefault(s => !claimed.Contains(s.Id)) is { } predecessor)
        {
            claimed.Add(predecessor.Id);
            var successor = predecessor with
            {
                Id = c.Id,
                SourcePath = c.SourcePath,
                ContentHash = c.ContentHash,
                Title = c.Title,
                OwnSlug = c.HasOwnSlug ? c.Slug : null,
                LastChanged = now,
                GoneAt = null,
                Published = c.Undated ? predecessor.Published : published,
            };
            memory.Replace(predecessor, successor);
            return successor;
        }
        claimed.Add(c.Id);
        var slug = c.Slug.Length > 0 ? c.Slug : "-";
        string id = c.Id, page = SitePaths.Item(published, slug);
        if (c.HasOwnPage && !Taken(id, c.PagePath, c, memory, pagesThisPass))
            page = c.PagePath;
        for (var n = 2; Taken(id, page, c, memory, pagesThisPass); n++)
        {
            var suffixed = $"{slug}-{n}";
            page = SitePaths.Item(published, suffixed);
            if (!c.HasOwnId)
                id = TagUri.ForItem(settings.EffectiveIdAuthority, published, suffixed);
        }
        var story = new StoryRecord(id, page, c.SourcePath, c.ContentHash, c.Title, c.HasOwnSlug ? c.Slug : null, published, seen, seen, null);
        memory.Put(story);
        return story;
    }

    static bool Taken(string id, string page, NewsItem c, LedgerMemory memory, HashSet<string> pagesThisPass) =>
        pagesThisPass.Contains(page) || memory.PageOwner(page) is not null || (!c.HasOwnId && memory.Story(id) is not null);

    static string FreePage(DateTimeOffset published, string slug, string owner, LedgerMemory memory, HashSet<string> pagesThisPass)
    {
        var page = SitePaths.Item(published, slug);
        for (var n = 2; pagesThisPass.Contains(page) || memory.PageOwner(page) is { } other && other != owner; n++)
            page = SitePaths.Item(published, $"{slug}-{n}");
        return page;
    }

    static bool IsDated(string pagePath) =>
        pagePath.Length > 12 && pagePath[0] == '/' && pagePath[5] == '/' && pagePath[8] == '/' && pagePath[11] == '/'
        && pagePath.AsSpan(1, 4).IndexOfAnyExceptInRange('0', '9') < 0;

    // "/2024/06/27/desk/budget" -> "desk/budget"
    static string SlugOf(string pagePath) => pagePath.Length > 12 ? pagePath[12..] : "";

    NewsItem Apply(NewsItem c, StoryRecord story)
    {
        var id = c.HasOwnId ? c.Id : story.Id;
        var published = story.Published;
        if (!c.Undated && c.Id == id && c.PagePath == story.PagePath && c.Published == published && c.Noticed == story.LastChanged)
            return c;
        if (_assigned.GetValueOrDefault(c) is { } before && before.Id == id && before.PagePath == story.PagePath
            && before.Published == published && before.Noticed == story.LastChanged)
            return before;
        return c with
        {
            Id = id,
            PagePath = story.PagePath,
            // No Uri held per story: the page's is made from the site and the path when a document
            // asks (a Uri held by each of 100,000 stories also keeps its parsed parts and absolute
            // string once a page has shown it, a crawl's worth of memory outside the render bound).
            SiteUrl = settings.BaseUrl,
            PageUrl = null!,
            // A page kept from another tool (Feed:KeepPermalinks) is not dated: the slug stays the file's.
            Slug = story.PagePath == c.PagePath || !IsDated(story.PagePath) ? c.Slug : SlugOf(story.PagePath),
            Published = published,
            // A file without a date was updated when Feed last saw it change, not when it was last read.
            Updated = c.Undated ? story.LastChanged : c.Updated < published ? published : c.Updated,
            Noticed = story.LastChanged,
        };
    }
}
