using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Feed.Assets;
using Feed.Items.Body;
using Feed.Items.FrontMatter;
using Feed.Site;

namespace Feed.Items;

/// <summary>
/// One item file's bytes to a <see cref="NewsItem"/>, deriving what the file leaves out
/// (docs/items.md), or to the list of everything wrong with it.
/// </summary>
public static partial class ItemParser
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsMarkdown(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    public static ItemParseResult Parse(ItemSource source, FeedSettings settings) => Parse(source, settings, readHead: true);

    /// <param name="source">The file.</param>
    /// <param name="settings">The site settings.</param>
    /// <param name="readHead">False to decode the whole text even where the front matter alone would do (tests compare the two).</param>
    internal static ItemParseResult Parse(ItemSource source, FeedSettings settings, bool readHead) =>
        Parse(source, settings, readHead, TimeProvider.System);

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
            return Fail(problems, TooLarge(path, source.Bytes.Length, settings));
        var zone = settings.TimeZone;
        FrontMatterFields front;
        int bodyLine;
        string body;
        ReadOnlyMemory<byte> waiting = default;
        var bom = source.Bytes.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (readHead && IsMarkdown(path) && FrontMatterReader.ReadHead(source.Bytes.Span[bom..], path, zone, problems, out var headLength, out bodyLine, budget) is { } head)
        {
            // Most items: the front matter is read from the first lines, and a body that waits
            // to be rendered (see below) stays the file's own bytes, never decoded here.
            front = head;
            var rest = source.Bytes[(bom + headLength)..];
            if (IsDeferred(path, front) && !XmlChars.MayNeedStripping(rest.Span))
            {
                body = "";
                waiting = rest;
            }
            else
            {
                body = XmlChars.Strip(StrictUtf8.GetString(rest.Span));
            }
        }
        else
        {
            if (Decode(source, out var text) is { } encodingProblem)
                return Fail(problems, encodingProblem);
            if (string.IsNullOrWhiteSpace(text))
                return Fail(problems, Empty(path));

            text = XmlChars.Strip(text);
            front = FrontMatterReader.Read(text, path, zone, problems, out int bodyStart, out bodyLine, budget);
            body = text[bodyStart..];
        }
        if (HasErrors(problems))
            return Invalid(problems); // what follows would only derive stand-ins for what is broken

        // With a title and a summary in the front matter nothing is derived from a Markdown
        // body, so it is rendered only when a document shows the item; until then it waits as
        // UTF-8 (see PendingBody).
        var deferred = IsDeferred(path, front);
        if (deferred && waiting.IsEmpty)
            waiting = Encoding.UTF8.GetBytes(body);
        // Markdig and the sanitizer cannot be cancelled: what is known to be quadratic in them
        // is refused before either starts (issue 19).
        if (IsMarkdown(path) && MarkupBounds.Check(deferred ? waiting.Span : Encoding.UTF8.GetBytes(body)) is { } hostile)
        {
            problems.Add(new(path, bodyLine + hostile.Line, hostile.Message));
            return Invalid(problems);
        }

        var fileName = System.IO.Path.GetFileNameWithoutExtension(path);
        var namePrefix = FileNameDate().Match(fileName);
        var slug = front.Slug ?? SlugPath(path, namePrefix.Success ? fileName[namePrefix.Length..] : fileName);
        if (slug.Length == 0)
            slug = SlugPath(path, fileName);
        if (slug.Length == 0)
            problems.Add(new(path, null, "has no letters or digits in its file name to make a URL from; rename it or add 'slug:'"));

        DateTimeOffset? markerDate = null;
        if (!IsMarkdown(path))
        {
            var marker = PlainTextStory.DateMarker().Match(body);
            if (marker.Success)
            {
                if (ItemDate.TryParse(marker.Groups["date"].Value, zone, out var date))
                    markerDate = date;
                else
                    problems.Add(new(path, bodyLine + LinesBefore(body, marker.Groups["date"].Index), $"'date {marker.Groups["date"].Value}' is not a real date; write date 2024-06-27 or date 2024-06-27T13:00:00+05:00"));
                body = body[(marker.Index + marker.Length)..];
            }
        }

        DateTimeOffset? nameDate = namePrefix.Success && ItemDate.TryParse(namePrefix.Groups["date"].Value, zone, out var d) ? d : null;

        var given = front.Date ?? markerDate ?? nameDate;
        var undated = given is null;
        var published = given ?? TimeZoneInfo.ConvertTime(source.SeenAt, zone);
        if (undated)
        {
            // The advice fits the file: wire copy has no front matter, but may open with a marker.
            var advice = IsMarkdown(path) || bodyLine > 1
                ? "add 'date: YYYY-MM-DD' to the front matter or a YYYY-MM-DD- prefix to the file name"
                : "add a first line 'date YYYY-MM-DD' (or 'date 2024-06-27T13:00:00+05:00') or a YYYY-MM-DD- prefix to the file name";
            problems.Add(new(path, null, $"has no date, so it is dated when Feed first published it; to give it its own, {advice}", ProblemLevel.Warning));
        }

        // Identity from the file alone (its path and front matter): the page is dated by the
        // published instant's UTC day, like the id, so no other file can move it.
        var pagePath = SitePaths.Item(published, slug.Length > 0 ? slug : "-");
        // A migrated page's own URL (Jekyll 'permalink', Hugo 'url'): kept when the site says so,
        // else one more old path that answers 301 (docs/urls.md).
        var keepsPermalink = settings.KeepPermalinks && front.Permalink is not null;
        if (keepsPermalink)
            pagePath = front.Permalink!.Value.Path;
        var aliases = front.Permalink is { } permalink && !keepsPermalink ? [.. front.Aliases, permalink] : front.Aliases;
        var page = SitePaths.Absolute(settings.BaseUrl, pagePath);
        var location = StoryLocation.Of(settings.BaseUrl, path, page);

        StoryBody story;
        if (IsMarkdown(path))
        {
            story = deferred ? new StoryBody("", null, null) : MarkdownStory.Read(body, dropLeadingHeading: front.Title is null, location);
        }
        else
        {
            story = PlainTextStory.Read(body, deriveTitle: front.Title is null);
        }
        if (budget.IsSpent)
        {
            problems.Add(new(path, null, ItemBudget.Exceeded(budget.Limit, "render")));
            return Invalid(problems);
        }

        var title = front.Title ?? story.Heading ?? (story.FirstParagraph is { } first ? TextCut.TitleFrom(first) : null);
        if (string.IsNullOrWhiteSpace(title))
            problems.Add(new(path, null, IsMarkdown(path) || bodyLine > 1
                ? "has no title and no text to take one from; add 'title:' to the front matter or write the story"
                : "has no title and no text to take one from; write the story, with its headline as the first line if you like"));


        if (HasErrors(problems))
            return Invalid(problems);

        if (front.Expires is { } expires && expires <= published)
            problems.Add(new(path, null, "'expires' is not after 'date', so the story is never shown; correct or remove 'expires'", ProblemLevel.Warning));

        var updated = front.Updated ?? published;
        if (updated < published)
        {
            problems.Add(new(path, null, "'updated' is before 'date'; using 'date' as the updated time", ProblemLevel.Warning));
            updated = published;
        }

        var pending = deferred ? new PendingBody(waiting) : null;
        var image = front.Image is { } lead && Uri.TryCreate(location.Resolve(lead.Url.OriginalString, isFile: true), UriKind.Absolute, out var imageUrl)
            ? lead with { Url = imageUrl } : null;
        var enclosure = front.Enclosure is { Url.IsAbsoluteUri: false } local
            ? Uri.TryCreate(location.Resolve(local.Url.OriginalString, isFile: true), UriKind.Absolute, out var localUrl) && localUrl.Scheme is "http" or "https"
                ? local with { Url = localUrl } : null
            : front.Enclosure;
        var media = MediaOf(image, front.ImageLine, enclosure, front.EnclosureLine,
            IsMarkdown(path) ? InlineImages.In(deferred && waiting.Span.IndexOf("!["u8) >= 0 ? Encoding.UTF8.GetString(waiting.Span) : body, bodyLine, location) : []);
        var item = new NewsItem
        {
            Id = front.Id ?? TagUri.ForItem(settings.EffectiveIdAuthority, published, slug),
            HasOwnId = front.Id is not null,
            HasOwnSlug = front.Slug is not null,
            Undated = undated,
            ContentHash = System.IO.Hashing.XxHash3.HashToUInt64(source.Bytes.Span),
            Slug = slug,
            PagePath = pagePath,
            Title = TextCut.CollapseWhitespace(WithoutBidiControls(XmlChars.Strip(title!))),
            Published = published,
            Updated = updated,
            UpdatedLine = front.UpdatedLine,
            SiteUrl = settings.BaseUrl,
            ExternalUrl = front.Link,
            Authors = SharedNames.AuthorList(front.Authors),
            Tags = SharedNames.TagList(front.Tags),
            Summary = XmlChars.Strip(front.Summary is { } summary ? TextCut.CollapseWhitespace(summary) : TextCut.Near(story.FirstParagraph ?? "", TextCut.SummaryLength)),
            // Entities in the body may decode to what XML forbids: strip again as the last step.
            Body = pending is not null ? BodyHtml.Rendered(Deferred(pending, location, settings.TrustedHtml, path, settings.MaxItemRenderTime, bodyLine))
                : Rendered(XmlChars.Strip(story.Html), sanitize: IsMarkdown(path) && !settings.TrustedHtml, path, settings.MaxItemRenderTime, body, bodyLine),
            Image = image,
            Enclosure = enclosure,
            Media = media,
            Language = front.Language,
            Draft = front.Draft,
            Expires = front.Expires,
            Duration = front.Duration,
            Transcript = TranscriptOf(front, page, settings, path, problems),
            Aliases = aliases,
            HasOwnPage = keepsPermalink,
            SourcePath = path,
            PendingBody = pending,
        };
        return new ItemParseResult(item, problems);
    }

    /// <summary>
    /// The transcript made absolute: a path from the root against BaseUrl, a relative one against
    /// the story's page (beside it, as an image is); its media type from the extension.
    /// </summary>
    static Transcript? TranscriptOf(FrontMatterFields front, Uri page, FeedSettings settings, string path, List<ItemProblem> problems)
    {
        if (front.Transcript is not { } text)
            return null;
        var url = text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal)
            ? new Uri(settings.BaseUrl, text.TrimStart('/'))
            : new Uri(page, text);
        if (Transcript.MediaTypeOf(url.AbsolutePath) is { } type)
            return new Transcript(url, type);
        problems.Add(new(path, front.TranscriptLine,
            $"'transcript' must end in .vtt, .srt, .json, .html or .txt (its type is read from the extension); got '{text}'; it is left out",
            ProblemLevel.Warning));
        return null;
    }

    // U+202A-202E (embeddings, overrides) and U+2066-2069 (isolates): in a plain-text title they
    // reorder what a reader's list shows (issue 19). The marks U+200E and U+200F stay: they only
    // set a direction, and right-to-left titles may need them.
    static readonly SearchValues<char> BidiControls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    static string WithoutBidiControls(string text) =>
        text.AsSpan().IndexOfAny(BidiControls) < 0 ? text : string.Concat(text.Where(c => !BidiControls.Contains(c)));

    public static ItemProblem Empty(string path) => new(path, null, "is empty; write a story in it or delete it");

    public static ItemProblem TooLarge(string path, long length, FeedSettings settings) =>
        new(path, null, string.Create(CultureInfo.InvariantCulture,
            $"is {length:N0} bytes, over the {settings.MaxItemBytes:N0}-byte limit (Feed:MaxItemBytes); split the story or raise the limit"));

    /// <summary>
    /// The slug of a file below the items folder: its folders and name, each made URL-safe, so that
    /// budget.md and desk2/budget.md are two stories with two URLs ("budget", "desk2/budget").
    /// </summary>
    public static string SlugPath(string path, string name)
    {
        if (!path.Contains('/'))
            return Items.Slug.From(name); // a file at the top of the folder: most of them
        var folders = path.Split('/')[..^1].Select(Items.Slug.From).Where(s => s.Length > 0).ToList();
        // A Hugo leaf bundle (posts/cricket-final/index.md) is named by its folder.
        if (name.Equals("index", StringComparison.OrdinalIgnoreCase) && folders.Count > 0)
            return string.Join('/', folders);
        var slug = Items.Slug.From(name);
        return slug.Length == 0 ? "" : string.Join('/', folders.Append(slug));
    }

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:[-_ .]+|$)")]
    private static partial Regex FileNameDate();

    static int LinesBefore(string text, int index) => text.AsSpan(0, index).Count('\n');

    // Markdown may carry raw HTML (plain text never does: it is escaped). It is sanitized inside
    // the item's one lazy render, so the cost is paid once per item change, never per request.
    static BodyHtml Rendered(string html, bool sanitize, string path, TimeSpan limit, string markdown, int bodyLine)
    {
        if (!sanitize)
            return BodyHtml.Of(html);
        if (!TextLoss.MayLose(markdown))
            return BodyHtml.Rendered(() => ItemBudget.Timed(path, limit, () => XmlChars.Strip(ContentSanitizer.Clean(html))));
        // Only a body with raw HTML keeps its Markdown until the render, to say where text was lost.
        return BodyHtml.Rendered(() =>
        {
            var clean = ItemBudget.Timed(path, limit, () => XmlChars.Strip(ContentSanitizer.Clean(html)));
            TextLoss.Check(path, markdown, bodyLine, html, clean);
            return clean;
        });
    }

    static bool IsDeferred(string path, FrontMatterFields front) => IsMarkdown(path) && front.Title is not null && front.Summary is not null;

    // The body waits as UTF-8 (half the memory of a string), and the folder moves it to disk.
    static IReadOnlyList<MediaReference> MediaOf(LeadImage? image, int? imageLine, Enclosure? enclosure, int? enclosureLine, IReadOnlyList<MediaReference> inline) =>
        image is null && enclosure is null ? inline
        : [.. image is null ? [] : new[] { new MediaReference(image.Url, imageLine, "lead image") },
           .. enclosure is null ? [] : new[] { new MediaReference(enclosure.Url, enclosureLine, "enclosure") }, .. inline];

    static Func<string> Deferred(PendingBody pending, StoryLocation page, bool trusted, string path, TimeSpan limit, int bodyLine)
    {
        (string Markdown, string Html)? lastRender = null;
        return () =>
        {
            var clean = ItemBudget.Timed(path, limit, () => Render(pending, page, trusted, path, out lastRender));
            if (lastRender is var (markdown, html))
                TextLoss.Check(path, markdown, bodyLine, html, clean);
            lastRender = null; // not kept past the render
            return clean;
        };
    }

    static string Render(PendingBody pending, StoryLocation page, bool trusted, string path, out (string Markdown, string Html)? judged)
    {
        judged = null;
        string markdown;
        try
        {
            markdown = Encoding.UTF8.GetString(pending.Utf8().Span);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The body store (a temporary file) failed: the item is shown with its summary only
            // rather than failing every document that shows it, and the server is told.
            PendingBody.ReportReadFailed(path, e);
            return "";
        }
        try
        {
            var html = XmlChars.Strip(MarkdownStory.Html(markdown, page));
            // The sanitizer decodes entities, which may spell what XML forbids: strip again.
            if (trusted)
                return html;
            if (TextLoss.MayLose(markdown))
                judged = (markdown, html);
            return XmlChars.Strip(ContentSanitizer.Clean(html));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Rendered inside a request: a Markdown bug must not fail the document; the
            // story is shown as plain paragraphs instead.
            return XmlChars.Strip(PlainTextStory.Read(markdown).Html);
        }
    }

    static bool HasErrors(List<ItemProblem> problems) => problems.Exists(p => p.Level == ProblemLevel.Error);

    // A skipped file's warnings (such as "no date") would only distract from why it was skipped.
    static ItemParseResult Invalid(List<ItemProblem> problems) =>
        new(null, problems.Where(p => p.Level == ProblemLevel.Error).ToList());

    static ItemParseResult Fail(List<ItemProblem> problems, ItemProblem problem)
    {
        problems.Add(problem);
        return new ItemParseResult(null, problems);
    }

    static ItemProblem? Decode(ItemSource source, out string text)
    {
        var bytes = source.Bytes.Span;
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        if (Utf8.IsValid(bytes))
        {
            text = StrictUtf8.GetString(bytes);
            if (!text.Contains('\0', StringComparison.Ordinal))
                return null;
            return new(source.Path, LinesBefore(text, text.IndexOf('\0', StringComparison.Ordinal)) + 1,
                "looks like a binary file, not a story (it contains NUL bytes); remove it from the items folder");
        }

        text = "";
        var valid = ValidPrefixLength(bytes);
        var line = bytes[..valid].Count((byte)'\n') + 1;
        return new(source.Path, line, $"is not UTF-8 text (byte 0x{bytes[valid]:X2} cannot start a character); save it as UTF-8");
    }

    static int ValidPrefixLength(ReadOnlySpan<byte> bytes)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
