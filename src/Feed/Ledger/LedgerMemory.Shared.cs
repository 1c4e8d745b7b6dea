namespace Feed.Ledger;

// What a shared ledger (PostgreSQL) needs of the memory besides the embedded one: other
// instances' writes read in, where the database wins over anything not yet saved here.
public sealed partial class LedgerMemory
{
    /// <summary>A story as another instance (or this one) wrote it to a shared ledger: it replaces anything unsaved here.</summary>
    public void Merge(StoryRecord story)
    {
        if (_stories.TryGetValue(story.Id, out var before) && before.PagePath != story.PagePath && _unsavedPages.GetValueOrDefault(before.PagePath) == story.Id)
            _unsavedPages.Remove(before.PagePath);
        // This instance's own writes come back with their new version: the same story, so what
        // was assigned from it still holds.
        var generation = Generation;
        Put(story);
        if (before is not null && before with { Version = story.Version } == story)
            Generation = generation;
        _unsavedStories.Remove(story.Id);
        _unsavedPages.Remove(story.PagePath);
    }

    /// <summary>A page's owner as a shared ledger holds it.</summary>
    public void MergePage(string page, string owner)
    {
        if (_pageOwners.GetValueOrDefault(page) != owner)
            Generation++;
        _pageOwners[page] = _stories.TryGetValue(owner, out var story) ? story.Id : owner; // one copy of each id
        _unsavedPages.Remove(page);
        PageChanged(page);
    }

    /// <summary>A story another instance replaced by its successor (a file that now states its own id).</summary>
    public void Forget(string id)
    {
        if (_stories.Remove(id, out var story))
        {
            Unindex(story);
            Generation++;
            _pastPages = null;
        }
        _unsavedStories.Remove(id);
        _removed.Remove(id);
    }

    /// <summary>A Last-Modified recorded in a shared ledger for these documents.</summary>
    public void MergePublished(ulong fingerprint, DateTimeOffset lastModified, long version)
    {
        _recorded[fingerprint] = (lastModified, version);
        if (Fingerprint == fingerprint)
        {
            LastModified = lastModified;
            PublishedUnsaved = false;
        }
        else if (LastModified is null || lastModified > LastModified)
        {
            (Fingerprint, LastModified) = (fingerprint, lastModified);
            PublishedUnsaved = false;
        }
    }

    /// <summary>
    /// What this memory minted while the shared ledger was out of reach, taken over by the
    /// ledger's memory where neither its id nor its page was taken meanwhile (else it is
    /// assigned again from the ledger's records at the next scan). <paramref name="everything"/>:
    /// every story known, for a shared ledger that is new or was emptied.
    /// </summary>
    public void KeepUnsaved(LedgerMemory earlier, bool everything)
    {
        TakePings(earlier, asUnsaved: true);
        foreach (var story in everything ? earlier._stories.Values : earlier._unsavedStories.Values)
        {
            if (_stories.ContainsKey(story.Id) || PageOwner(story.PagePath) is { } owner && owner != story.Id)
                continue;
            Put(story with { Version = 0 });
        }
    }
}
