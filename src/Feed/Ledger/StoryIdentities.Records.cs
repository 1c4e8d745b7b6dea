using Feed.Items;
using Feed.Site;

namespace Feed.Ledger;

// What one file's story becomes: the record kept (a new page where the desk chose one) or minted
// (a free page and id, suffixed past namesakes), and the item with that identity.
public sealed partial class StoryIdentities
{
    StoryRecord Keep(NewsItem c, StoryRecord known, LedgerMemory memory, DateTimeOffset now)
    {
        var published = c.Undated ? known.Published : c.Published;
        var page = known.PagePath;
        var ownSlug = c.HasOwnSlug ? c.Slug : null;
        if (ownSlug is not null && ownSlug != known.OwnSlug && ownSlug != SlugOf(page))
            page = FreePage(published, ownSlug, known.Id, memory, _pages); // the desk chose a new URL: the old one answers 301
        // A kept permalink (Feed:KeepPermalinks) is the page while no other story has it; the dated page then answers 301.
        if (c.HasOwnPage && c.PagePath != page && !_pages.Contains(c.PagePath) && (memory.PageOwner(c.PagePath) is not { } owner || owner == known.Id))
            page = c.PagePath;
        var changed = known.ContentHash != c.ContentHash || known.GoneAt is not null;
        // Almost every file of a pass is as it was: nothing to make or remember.
        if (!changed && page == known.PagePath && known.SourcePath == c.SourcePath && known.Title == c.Title && known.OwnSlug == ownSlug
            && known.Published == published)
            return known;
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

    StoryRecord? Mint(Entry entry, LedgerMemory memory, DateTimeOffset now)
    {
        var c = entry.Candidate;
        var published = c.Undated ? now : c.Published;
        if (c.Draft || published > now || c.Expires <= now)
            return null;
        var seen = _baseline ? (published < now ? published : now) : now;
        // A file that now states an id takes over the story last seen at its path.
        // From the next pass on the file is matched to the story minted now.
        entry.Recheck = true;
        if (c.HasOwnId && memory.FirstAt(c.SourcePath, _claimedBy) is { } predecessor)
        {
            Claim(entry, predecessor.Id);
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
        Claim(entry, c.Id);
        var slug = c.Slug.Length > 0 ? c.Slug : "-";
        string id = c.Id, page = SitePaths.Item(published, slug);
        if (c.HasOwnPage && !Taken(id, c.PagePath, c, memory, _pages))
            page = c.PagePath;
        for (var n = 2; Taken(id, page, c, memory, _pages); n++)
        {
            var suffixed = $"{slug}-{n}";
            page = SitePaths.Item(published, suffixed);
            if (!c.HasOwnId)
                id = TagUri.ForItem(settings.EffectiveIdAuthority, published, suffixed);
        }
        if (page == c.PagePath)
            page = c.PagePath; // the story's own copy, not a second one
        var story = new StoryRecord(id, page, c.SourcePath, c.ContentHash, c.Title, c.HasOwnSlug ? c.Slug : null, published, seen, seen, null);
        memory.Put(story);
        if (id == c.Id && entry.MintClaimed == id)
        {
            // Minted with the id it claimed: the file holds it as a pass over every file would
            // match it from now on, so the next pass need not look at it again (after a start
            // with a new ledger, that is every file).
            (entry.Match, entry.Claimed, entry.MintClaimed, entry.Recheck) = (story, id, null, false);
        }
        return story;
    }

    // A mint claims the id it starts from, as the matching does (the minted story may be suffixed).
    // A namesake that finds it claimed is minted with a suffix and checked again at the next pass,
    // where it is matched to that story by its path, as a pass over every file would match it.
    void Claim(Entry entry, string id)
    {
        if (_claimedBy.TryAdd(id, entry))
            entry.MintClaimed = id;
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

    // "/2024/06/27/desk/budget" -> "desk/budget"
    static string SlugOf(string pagePath) => pagePath.Length > 12 ? pagePath[12..] : "";

    static NewsItem Apply(NewsItem c, StoryRecord story, NewsItem? before)
    {
        var id = c.HasOwnId ? c.Id : story.Id;
        var published = story.Published;
        if (!c.Undated && c.Id == id && c.PagePath == story.PagePath && c.Published == published && c.Noticed == story.LastChanged)
            return c;
        if (before is not null && before.Id == id && before.PagePath == story.PagePath
            && before.Published == published && before.Noticed == story.LastChanged)
            return before;
        return c with
        {
            Identity = c.Identity with
            {
                Id = id,
                PagePath = story.PagePath,
                // A page kept from another tool (Feed:KeepPermalinks) is not dated: the slug stays the file's.
                Slug = story.PagePath == c.PagePath || !SitePaths.IsDatedItem(story.PagePath) ? c.Slug : SlugOf(story.PagePath),
            },
            Published = published,
            // A file without a date was updated when Feed last saw it change, not when it was last read.
            Updated = c.Undated ? story.LastChanged : c.Updated < published ? published : c.Updated,
            Noticed = story.LastChanged,
        };
    }
}
