using System.Globalization;
using Feed.Formats;
using Feed.Formats.Syndication;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Documents;

/// <summary>
/// Which documents a publication has, each with the items it shows and a key for everything else
/// its bytes depend on: the main feeds and the index, tag, author and section feeds and pages,
/// numbered pages, monthly archives, the feed list, the sitemaps and robots.txt.
/// </summary>
static class SiteLayout
{
    /// <summary>
    /// Adds every document of <paramref name="publication"/>; returns the main feed, the tags, and
    /// what each listing was laid out from. The documents of a tag, author or section whose
    /// stories did not change since <paramref name="before"/> are carried over as they were.
    /// </summary>
    public static (FeedDocument Main, IReadOnlyList<Tag> Tags, ListingMemo Listings) Add(DocumentSet.Builder set, Publication publication,
        IReadOnlyList<NewsItem> newest, FeedSettings settings, ListingMemo? before)
    {
        var items = publication.Items;
        // Selected from the publication laid out before: its groups are brought up to date.
        var delta = ListingMemo.Since(before, publication);
        var memo = new ListingMemo
        {
            Serial = publication.Serial,
            Tags = (delta is null ? null : TagSet.Update(before!.Tags, delta)) ?? TagSet.From(items),
            Archives = (delta is null ? null : ArchivePages.Update(before!.Archives, delta, publication.At)) ?? ArchivePages.From(items, publication.At),
        };
        var (tags, archives) = (memo.Tags, memo.Archives);
        var main = AddMain(set, publication, newest, archives, settings);
        var listings = AddTags(set, publication, newest, main, tags, settings, (before, memo));
        var (authors, sections) = AddListings(set, listings, publication, settings, (before, memo));
        AddFeedList(set, listings, FeedList.From(settings, sections, authors, tags), settings);
        AddSitemaps(set, listings, publication, settings);
        for (var i = 0; i < archives.Count; i++)
            AddMonth(set, archives[i], i > 0 ? archives[i - 1] : null, settings);
        return (main, tags, memo);
    }

    static FeedDocument AddMain(DocumentSet.Builder set, Publication publication, IReadOnlyList<NewsItem> newest, IReadOnlyList<ArchivePage> archives,
        FeedSettings settings)
    {
        var items = publication.Items;
        var main = new FeedDocument(settings.Title, settings.Description, settings.BaseUrl, newest)
        {
            Id = settings.FeedId(null),
            Links = archives.Count == 0 ? [] : [("prev-archive", SitePaths.Absolute(settings.BaseUrl, archives[^1].Path))],
            NextUrl = archives.Count == 0 ? null : SitePaths.Absolute(settings.BaseUrl, archives[^1].JsonPath),
        };
        AddFeeds(set, main, null, settings, compressNow: true, atomKey: archives.Count == 0 ? "" : archives[^1].Path);
        if (settings.Podcast is { } podcast)
        {
            // Every episode, not the newest MaxItems: podcast apps list a show's back catalogue from its feed.
            var episodes = items.Where(PodcastBuilder.IsEpisode).ToList();
            var show = new FeedDocument(settings.Title, settings.Description, settings.BaseUrl, episodes) { Id = settings.FeedId(null) };
            set.Add(SitePaths.Podcast, episodes, show.Updated.UtcTicks.ToString(CultureInfo.InvariantCulture),
                new PodcastRecipe(show, SitePaths.Absolute(settings.BaseUrl, SitePaths.Podcast), settings, podcast));
        }
        return main;
    }

    static List<string> AddTags(DocumentSet.Builder set, Publication publication, IReadOnlyList<NewsItem> newest, FeedDocument main,
        IReadOnlyList<Tag> tags, FeedSettings settings, (ListingMemo? Before, ListingMemo Now) memo)
    {
        var items = publication.Items;
        var tagKey = string.Join('\n', tags.Select(t => $"{t.Slug}\t{t.Name}\t{t.Items.Count}"));
        var older = ListPages.OlderThanFirst(items.Count, settings.MaxItems, null);
        set.Add(SitePaths.Index, newest, $"{older}\n{tagKey}", new IndexRecipe(main, settings, tags, older));
        set.Add(SitePaths.Tags, [], tagKey, new TagIndexRecipe(tags.Select(t => (t.Slug, t.Name, t.Items.Count)).ToList(), settings));
        var listings = new List<string> { SitePaths.Index, SitePaths.Tags };
        AddNumberedPages(set, listings, items, null, null, settings);

        foreach (var tag in tags)
        {
            var memoKey = "tags/" + tag.Slug;
            if (memo.Now.Reuse(memo.Before, memoKey, tag.Name, tag.Items, publication.At, set, listings))
                continue;
            var recorded = ListingMemo.Begin(set, listings);
            var tagNewest = Subscription.Of(tag.Items, settings, publication.At);
            var document = new FeedDocument($"{settings.Title}: {tag.Name}", $"Stories tagged “{tag.Name}”.",
                SitePaths.Absolute(settings.BaseUrl, SitePaths.TagPage(tag.Slug)), tagNewest)
            { Id = settings.FeedId(tag.Slug) };
            // Rendered and compressed on first request: a site may have hundreds of tags, most rarely polled.
            AddFeeds(set, document, tag.Slug, settings, compressNow: false, atomKey: tag.Name);
            var tagOlder = ListPages.OlderThanFirst(tag.Items.Count, settings.MaxItems, tag.Slug);
            set.Add(SitePaths.TagPage(tag.Slug), tagNewest, $"{tagOlder}\n{tag.Name}", new TagPageRecipe(tag, document, settings, tagOlder));
            listings.Add(SitePaths.TagPage(tag.Slug));
            AddNumberedPages(set, listings, tag.Items, tag.Slug, tag.Name, settings);
            // A tag's feeds carry recent stories for a while: they change when the first leaves.
            memo.Now.Remember(memoKey, tag.Name, tag.Items, Subscription.NextChange(tagNewest, settings), set, recorded, listings);
        }
        return listings;
    }

    static (IReadOnlyList<ListedStories> Authors, IReadOnlyList<ListedStories> Sections) AddListings(DocumentSet.Builder set, List<string> listings,
        Publication publication, FeedSettings settings, (ListingMemo? Before, ListingMemo Now) memo)
    {
        var items = publication.Items;
        var delta = ListingMemo.Since(memo.Before, publication);
        var authors = memo.Now.Authors = (delta is null ? null : AuthorSet.Update(memo.Before!.Authors, delta)) ?? AuthorSet.From(items);
        var sections = memo.Now.Sections = !settings.Sections ? [] : (delta is null ? null : SectionSet.Update(memo.Before!.Sections, delta)) ?? SectionSet.From(items);
        AddListingsOf(set, listings, Listing.AuthorKind, authors, publication, settings, memo);
        if (settings.Sections)
            AddListingsOf(set, listings, Listing.SectionKind, sections, publication, settings, memo);
        return (authors, sections);
    }

    static void AddFeedList(DocumentSet.Builder set, List<string> listings, IReadOnlyList<FeedListEntry> feedList, FeedSettings settings)
    {
        var feedListKey = string.Join('\n', feedList.Select(e => $"{e.Page}\t{e.Name}"));
        set.Add(SitePaths.FeedList, [], feedListKey, new FeedListRecipe(feedList, settings));
        set.Add(SitePaths.FeedListOpml, [], feedListKey, new OpmlRecipe(feedList, settings));
        listings.Add(SitePaths.FeedList);
    }

    static void AddSitemaps(DocumentSet.Builder set, List<string> listings, Publication publication, FeedSettings settings)
    {
        var items = publication.Items;
        // Every page once: the listings, then each story at its own page; in parts under an
        // index past the protocol's 50,000 URLs a file.
        // Canonical URLs only: a story whose canonical link is elsewhere is that site's page.
        var pageItems = items.Any(i => i.ExternalUrl is not null) ? items.Where(i => i.ExternalUrl is null).ToList() : items;
        var parts = SitemapWriter.Parts(listings, pageItems, settings.MaxSitemapUrls);
        if (parts.Count == 1)
            set.Add(SitePaths.Sitemap, pageItems, string.Join('\n', listings), new SitemapRecipe(listings, pageItems, settings));
        else
        {
            set.Add(SitePaths.Sitemap, [], parts.Count.ToString(CultureInfo.InvariantCulture), new SitemapIndexRecipe(parts.Count, settings));
            for (var i = 0; i < parts.Count; i++)
                set.Add(SitePaths.SitemapPart(i + 1), parts[i].Items, string.Join('\n', parts[i].Pages), new SitemapRecipe(parts[i].Pages, parts[i].Items, settings));
        }
        var news = NewsWindow.Stories(items, publication.At);
        set.Add(SitePaths.NewsSitemap, news, "", new NewsSitemapRecipe(news, settings));
        set.Add(SitePaths.Robots, [], settings.RobotsTxt ?? "", new RobotsRecipe(settings));
    }

    /// <summary>
    /// One month as Atom (RFC 5005: an archive once the month is over, with prev-archive and
    /// next-archive) and as JSON Feed (next_url to the month before). Its key holds everything
    /// but the items that its bytes depend on, so a month is rebuilt only when its own stories
    /// change, or once, when it ends.
    /// </summary>
    static void AddMonth(DocumentSet.Builder set, ArchivePage page, ArchivePage? before, FeedSettings settings)
    {
        var links = new List<(string, Uri)> { ("current", SitePaths.Absolute(settings.BaseUrl, SitePaths.Atom)) };
        if (page.PreviousPath is { } previous)
            links.Add(("prev-archive", SitePaths.Absolute(settings.BaseUrl, previous)));
        if (page.NextPath is { } next)
            links.Add(("next-archive", SitePaths.Absolute(settings.BaseUrl, next)));
        var document = new FeedDocument($"{settings.Title} ({page.Year:D4}-{page.Month:D2})", settings.Description, settings.BaseUrl, page.Items)
        {
            Id = settings.FeedId(null),
            Links = links,
            IsArchive = page.IsComplete,
            EmptyUpdated = page.EmptyUpdated,
            AdvertisesHub = false,
            NextUrl = before is null ? null : SitePaths.Absolute(settings.BaseUrl, before.JsonPath),
        };
        var key = $"{page.PreviousPath}\n{page.NextPath}\n{page.IsComplete}";
        set.Add(page.Path, page.Items, key,
            new FeedRecipe(FeedFormat.Atom, document, SitePaths.Absolute(settings.BaseUrl, page.Path), settings, CompressNow: false));
        set.Add(page.JsonPath, page.Items, key,
            new FeedRecipe(FeedFormat.Json, document, SitePaths.Absolute(settings.BaseUrl, page.JsonPath), settings, CompressNow: false));
    }

    static void AddNumberedPages(DocumentSet.Builder set, List<string> pages, IReadOnlyList<NewsItem> newestFirst, string? tagSlug, string? tagName,
        FeedSettings settings)
    {
        foreach (var page in ListPages.From(newestFirst, settings.MaxItems, tagSlug))
        {
            set.Add(page.Path, page.Items, $"{page.Newer}\n{page.Older}\n{tagName}", new NumberedPageRecipe(page, tagSlug, tagName, settings));
            pages.Add(page.Path);
        }
    }

    /// <summary>
    /// Authors or sections, shaped like tags: the index of them all, and for each its feeds in the
    /// three formats (rendered on first request), its first page and its numbered pages.
    /// </summary>
    static void AddListingsOf(DocumentSet.Builder set, List<string> pages, string kind, IReadOnlyList<ListedStories> all, Publication publication,
        FeedSettings settings, (ListingMemo? Before, ListingMemo Now) memo)
    {
        set.Add("/" + kind, [], string.Join('\n', all.Select(l => $"{l.Listing.Slug}\t{l.Name}\t{l.Items.Count}")),
            new ListingIndexRecipe(kind, all.Select(l => (l.Listing.Slug, l.Name, l.Items.Count)).ToList(), settings));
        pages.Add("/" + kind);
        foreach (var (listing, name, stories) in all)
        {
            var memoKey = listing.Page;
            if (memo.Now.Reuse(memo.Before, memoKey, name, stories, publication.At, set, pages))
                continue;
            var recorded = ListingMemo.Begin(set, pages);
            var newest = stories.Take(settings.MaxItems).ToList();
            var description = kind == Listing.AuthorKind ? $"Stories by {name}." : $"Stories from the {name} desk.";
            var document = new FeedDocument($"{settings.Title}: {name}", description, SitePaths.Absolute(settings.BaseUrl, listing.Page), newest)
            {
                Id = listing.FeedId(settings.EffectiveIdAuthority),
            };
            foreach (var format in DocumentFormat.FeedFormats)
            {
                var path = listing.Feed(format);
                set.Add(path, newest, $"{name}\n{document.Updated.UtcTicks}",
                    new FeedRecipe(format, document, SitePaths.Absolute(settings.BaseUrl, path), settings, CompressNow: false));
            }
            var older = ListPages.OlderThanFirstOf(stories.Count, settings.MaxItems, listing);
            set.Add(listing.Page, newest, $"{older}\n{name}", new ListingPageRecipe(listing, name, document, settings, older));
            pages.Add(listing.Page);
            foreach (var page in ListPages.Of(stories, settings.MaxItems, listing))
            {
                set.Add(page.Path, page.Items, $"{page.Newer}\n{page.Older}\n{name}", new NumberedListingPageRecipe(page, listing, name, settings));
                pages.Add(page.Path);
            }
            // Newest first without a recent window: the same stories give the same documents at any time.
            memo.Now.Remember(memoKey, name, stories, null, set, recorded, pages);
        }
    }

    static void AddFeeds(DocumentSet.Builder set, FeedDocument document, string? tagSlug, FeedSettings settings, bool compressNow, string atomKey)
    {
        foreach (var format in DocumentFormat.FeedFormats)
        {
            var path = SitePaths.Feed(tagSlug, format);
            // The feed's date is part of its key: a correction dated ahead counts once its time comes.
            set.Add(path, document.Items, (format == FeedFormat.Atom ? atomKey : format == FeedFormat.Json ? $"{document.Title}\n{document.NextUrl}" : document.Title)
                + "\n" + document.Updated.UtcTicks,
                new FeedRecipe(format, document, SitePaths.Absolute(settings.BaseUrl, path), settings, compressNow));
        }
    }
}
