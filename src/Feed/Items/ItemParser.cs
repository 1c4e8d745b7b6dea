using System.Globalization;
using Feed.Assets;
using Feed.Items.Body;
using Feed.Items.FrontMatter;
using Feed.Items.Text;

namespace Feed.Items;

/// <summary>
/// One item file's bytes to an immutable <see cref="NewsItem"/>, deriving what the file leaves
/// out (docs/items.md), or to the list of everything wrong with it.
/// </summary>
public static class ItemParser
{
    public static ItemParseResult Parse(ItemSource source, FeedSettings settings) => Parse(source, settings, readHead: true);

    /// <param name="source">The file.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="readHead">False to decode the whole text even where the front matter alone would do (tests compare the two).</param>
    internal static ItemParseResult Parse(ItemSource source, FeedSettings settings, bool readHead) =>
        Parse(source, settings, readHead, TimeProvider.System);

    /// <param name="source">The file.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="bodies">Where a body that waits to be rendered is kept (a folder's body store) rather than on the heap.</param>
    internal static ItemParseResult Parse(ItemSource source, FeedSettings settings, WaitingBodies bodies)
    {
        var result = Parse(source, settings, readHead: true, TimeProvider.System);
        if (result.Item?.PendingBody is { } pending)
            bodies.Add(pending);
        return result;
    }

    /// <param name="clock">What the item's time budget (<see cref="FeedSettings.MaxItemRenderTime"/>) is measured on.</param>
    internal static ItemParseResult Parse(ItemSource source, FeedSettings settings, bool readHead, TimeProvider clock)
    {
        var budget = new ItemBudget(settings.MaxItemRenderTime, clock);
        var result = Parse(source, settings, readHead, budget);
        if (!budget.WasSpent)
            return result;
        // The budget is wall-clock time: the first item a process reads also pays for compiling
        // the parsers (seconds on a loaded machine), and any item for a pause of the machine. Only
        // an item over the budget twice in a row is refused; slow input is slow every time.
        return Parse(source, settings, readHead, new ItemBudget(settings.MaxItemRenderTime, clock));
    }

    static ItemParseResult Parse(ItemSource source, FeedSettings settings, bool readHead, ItemBudget budget)
    {
        var problems = new List<ItemProblem>();
        var path = source.Path;
        if (source.Bytes.Length > settings.MaxItemBytes)
            return new ItemParseResult(null, [TooLarge(path, source.Bytes.Length, settings)]);
        var markdown = ItemFiles.IsMarkdown(path);
        if (ItemText.Read(source, settings.TimeZone, markdown, readHead, problems, budget) is not { } text)
            return new ItemParseResult(null, problems);
        if (HasErrors(problems))
            return Invalid(problems); // what follows would only derive stand-ins for what is broken
        // Markdig and the sanitizer cannot be cancelled: what is known to be quadratic in them
        // is refused before either starts.
        if (markdown && MarkupBounds.Check(text.Utf8Body) is { } hostile)
        {
            problems.Add(new(path, text.BodyLine + hostile.Line, hostile.Message));
            return Invalid(problems);
        }

        var front = text.Front;
        var fileSlug = ItemFileName.Slug(path, out var namePrefix);
        var slug = front.Slug ?? fileSlug;
        if (slug.Length == 0)
            problems.Add(new(path, null, "has no letters or digits in its file name to make a URL from; rename it or add 'slug:'"));
        DateTimeOffset? markerDate = null;
        if (!markdown)
            text = WithoutDateMarker(text, path, settings.TimeZone, problems, out markerDate);
        var given = front.Date ?? markerDate ?? (namePrefix is not null && ItemDate.TryParse(namePrefix, settings.TimeZone, out var named) ? named : null);
        var published = given ?? TimeZoneInfo.ConvertTime(source.SeenAt, settings.TimeZone);
        if (given is null)
            problems.Add(Undated(path, markdown || text.BodyLine > 1));

        var identity = IdentityOf(front, settings, published, slug);
        var location = StoryLocation.Of(settings.BaseUrl, path, identity.PagePath);
        var story = !markdown ? PlainTextStory.Read(text.Body, deriveTitle: front.Title is null)
            : text.Deferred ? new StoryBody("", null, null)
            : MarkdownStory.Read(text.Body, dropLeadingHeading: front.Title is null, location);
        if (budget.IsSpent)
        {
            problems.Add(new(path, null, ItemBudget.Exceeded(budget.Limit, "render")));
            return Invalid(problems);
        }
        var title = front.Title ?? story.Heading ?? (story.FirstParagraph is { } first ? TextCut.TitleFrom(first) : null);
        if (string.IsNullOrWhiteSpace(title))
            problems.Add(Untitled(path, markdown || text.BodyLine > 1));
        if (HasErrors(problems))
            return Invalid(problems);

        var item = Build(source, settings, text, story, identity, location, title!, published, given is null, markdown, problems);
        return new ItemParseResult(item, problems);
    }

    // A migrated page's own URL (Jekyll 'permalink', Hugo 'url'): kept when the site says so,
    // else one more old path that answers 301 (docs/urls.md).
    static ItemIdentity IdentityOf(FrontMatterFields front, FeedSettings settings, DateTimeOffset published, string slug) =>
        ItemIdentity.Mint(settings, published, slug, front.Id, front.Slug is not null,
            settings.KeepPermalinks && front.Permalink is { } permalink ? permalink.Path : null);

    static NewsItem Build(ItemSource source, FeedSettings settings, ItemText text, StoryBody story, ItemIdentity identity,
        StoryLocation location, string title, DateTimeOffset published, bool undated, bool markdown, List<ItemProblem> problems)
    {
        var (front, path) = (text.Front, source.Path);
        if (front.Expires is { } expires && expires <= published)
            problems.Add(new(path, null, "'expires' is not after 'date', so the story is never shown; correct or remove 'expires'", ProblemLevel.Warning));
        var updated = front.Updated ?? published;
        if (updated < published)
        {
            problems.Add(new(path, null, "'updated' is before 'date'; using 'date' as the updated time", ProblemLevel.Warning));
            updated = published;
        }
        // The body waits as UTF-8 (half the memory of a string), in the folder's body store if it has one.
        var pending = text.Deferred ? new PendingBody(text.Waiting) : null;
        var image = ItemMedia.Image(front, location);
        var enclosure = ItemMedia.Enclosure(front, location);
        return new NewsItem
        {
            Identity = identity,
            Undated = undated,
            ContentHash = System.IO.Hashing.XxHash3.HashToUInt64(source.Bytes.Span),
            Title = ItemTitle.Clean(title),
            Published = published,
            Updated = updated,
            UpdatedLine = front.UpdatedLine,
            ExternalUrl = front.Link,
            Authors = SharedNames.AuthorList(front.Authors),
            Tags = SharedNames.TagList(front.Tags),
            Summary = XmlChars.Strip(front.Summary is { } summary ? TextCut.CollapseWhitespace(summary) : TextCut.Near(story.FirstParagraph ?? "", TextCut.SummaryLength)),
            Body = pending is not null ? BodyRender.Deferred(pending, location, settings.TrustedHtml, path, settings.MaxItemRenderTime, text.BodyLine)
                : BodyRender.Rendered(story.Html, sanitize: markdown && !settings.TrustedHtml, path, settings.MaxItemRenderTime, text.Body, text.BodyLine),
            Image = image,
            Enclosure = enclosure,
            Media = ItemMedia.References(image, enclosure, front, text, markdown, location),
            Language = front.Language,
            Draft = front.Draft,
            Expires = front.Expires,
            Duration = front.Duration,
            Transcript = ItemMedia.Transcript(front, location, path, problems),
            Aliases = front.Permalink is { } permalink && !identity.HasOwnPage ? [.. front.Aliases, permalink] : front.Aliases,
            SourcePath = path,
            PendingBody = pending,
            // A Markdown body rendered alone (not one that gave the title) can be rendered again from the file.
            BodyInFile = markdown && (text.Deferred || front.Title is not null) && text.FileOffset >= 0 ? (text.FileOffset, text.BodyLine) : null,
        };
    }

    // Wire copy may open with a date marker ("date 2024-06-27"): it dates the story and is not shown.
    static ItemText WithoutDateMarker(ItemText text, string path, TimeZoneInfo zone, List<ItemProblem> problems, out DateTimeOffset? date)
    {
        date = null;
        var marker = PlainTextStory.DateMarker().Match(text.Body);
        if (!marker.Success)
            return text;
        var written = marker.Groups["date"];
        if (ItemDate.TryParse(written.Value, zone, out var value))
            date = value;
        else
            problems.Add(new(path, text.BodyLine + text.Body.AsSpan(0, written.Index).Count('\n'),
                $"'date {written.Value}' is not a real date; write date 2024-06-27 or date 2024-06-27T13:00:00+05:00"));
        return text with { Body = text.Body[(marker.Index + marker.Length)..] };
    }

    // The advice fits the file: wire copy has no front matter, but may open with a marker.
    static ItemProblem Undated(string path, bool hasFrontMatterOrMarkdown) =>
        new(path, null, "has no date, so it is dated when Feed first published it; to give it its own, " + (hasFrontMatterOrMarkdown
            ? "add 'date: YYYY-MM-DD' to the front matter or a YYYY-MM-DD- prefix to the file name"
            : "add a first line 'date YYYY-MM-DD' (or 'date 2024-06-27T13:00:00+05:00') or a YYYY-MM-DD- prefix to the file name"), ProblemLevel.Warning);

    static ItemProblem Untitled(string path, bool hasFrontMatterOrMarkdown) =>
        new(path, null, hasFrontMatterOrMarkdown
            ? "has no title and no text to take one from; add 'title:' to the front matter or write the story"
            : "has no title and no text to take one from; write the story, with its headline as the first line if you like");

    public static ItemProblem Empty(string path) => new(path, null, "is empty; write a story in it or delete it");

    public static ItemProblem TooLarge(string path, long length, FeedSettings settings) =>
        new(path, null, string.Create(CultureInfo.InvariantCulture,
            $"is {length:N0} bytes, over the {settings.MaxItemBytes:N0}-byte limit (Feed:MaxItemBytes); split the story or raise the limit"));

    static bool HasErrors(List<ItemProblem> problems) => problems.Exists(p => p.Level == ProblemLevel.Error);

    // A skipped file's warnings (such as "no date") would only distract from why it was skipped.
    static ItemParseResult Invalid(List<ItemProblem> problems) =>
        new(null, problems.Where(p => p.Level == ProblemLevel.Error).ToList());
}
