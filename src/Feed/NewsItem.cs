using Feed.Assets;
using Feed.Items;
using Feed.Items.Body;
using Feed.Site;
namespace Feed;

/// <summary>One story, fully derived from its file: everything a feed or page shows of it.</summary>
public sealed record NewsItem
{
    /// <summary>The story's id, slug and page, minted by the parser from its file.</summary>
    public required ItemIdentity Identity { get; init; }

    /// <summary>An absolute URI that never changes (RFC 4287 4.2.6); a tag URI unless the file sets one.</summary>
    public string Id => Identity.Id;

    /// <summary>True when the front matter states the id; false when Feed minted it from the file.</summary>
    public bool HasOwnId => Identity.HasOwnId;

    /// <summary>True when the front matter states the slug: a change of it moves the story's URL (the old one answers 301).</summary>
    public bool HasOwnSlug => Identity.HasOwnSlug;

    /// <summary>
    /// True when the file gives no date: the story is dated when Feed first published it (the
    /// ledger remembers when), never by the file's modification time, which git and copies move.
    /// </summary>
    public bool Undated { get; init; }

    /// <summary>A hash of the file's bytes: tells an edit from a touch, and a renamed file from a new story.</summary>
    public ulong ContentHash { get; init; }

    /// <summary>
    /// A hash of what a document's fingerprint takes from this story: its id, page, file's bytes
    /// and dates. Made once per story, not once per document that shows it (a sitemap of 50,000
    /// stories hashed every id and page again at every change). A copy made with <c>with</c>
    /// carries the hash of its original, so it is checked against the fields it was made from.
    /// </summary>
    internal ulong DocumentHash
    {
        get
        {
            var (id, page, published, updated) = (Id, PagePath, Published.UtcTicks, Updated.UtcTicks);
            if (Volatile.Read(ref _documentHash.Made) is { } made && ReferenceEquals(made.Id, id) && ReferenceEquals(made.Page, page)
                && made.Content == ContentHash && made.Published == published && made.Updated == updated)
                return made.Hash;
            var hash = t_hasher ??= new();
            hash.Reset();
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(id.AsSpan()));
            hash.Append([0, 0]);
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(page.AsSpan()));
            hash.Append([0, 0]);
            Span<byte> numbers = stackalloc byte[24];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(numbers, ContentHash);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], published);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(numbers[16..], updated);
            hash.Append(numbers);
            var of = new DocumentHashOf(id, page, ContentHash, published, updated, hash.GetCurrentHashAsUInt64());
            Volatile.Write(ref _documentHash.Made, of);
            return of.Hash;
        }
    }

    DocumentHashSlot _documentHash;

    // One hasher per thread, reset for each story: a start hashes every story, and each new
    // hasher was half a kilobyte of garbage.
    [ThreadStatic]
    static System.IO.Hashing.XxHash3? t_hasher;

    sealed record DocumentHashOf(string Id, string Page, ulong Content, long Published, long Updated, ulong Hash);

    // Left out of the record's equality: two equal stories are equal whether or not either was hashed.
    struct DocumentHashSlot : IEquatable<DocumentHashSlot>
    {
        public DocumentHashOf? Made;

        public readonly bool Equals(DocumentHashSlot other) => true;

        public override readonly bool Equals(object? obj) => obj is DocumentHashSlot;

        public override readonly int GetHashCode() => 0;
    }

    /// <summary>
    /// When Feed first published this story or last saw its file change, from the ledger; null
    /// when unknown. A story noticed within the recent window stays in the feeds whatever its date.
    /// </summary>
    public DateTimeOffset? Noticed { get; init; }

    /// <summary>The front matter's slug, or the file's folders and name made URL-safe ("desk2/budget").</summary>
    public string Slug => Identity.Slug;

    /// <summary>True when the page is the front matter's own (a kept <c>permalink</c> or <c>url</c>), not the dated one.</summary>
    public bool HasOwnPage => Identity.HasOwnPage;

    /// <summary>The item's page below the site, /YYYY/MM/DD/SLUG (see <see cref="SitePaths.Item"/>).</summary>
    public string PagePath => Identity.PagePath;

    public required string Title { get; init; }
    public required DateTimeOffset Published { get; init; }
    public required DateTimeOffset Updated { get; init; }

    /// <summary>The front matter line that gives <see cref="Updated"/>, when it does (for warnings).</summary>
    public int? UpdatedLine { get => _rare?.UpdatedLine; init => Rare(value, value is null, static (r, v) => r with { UpdatedLine = v }); }

    /// <summary>The item's own page on this site, absolute, made when asked for (see <see cref="ItemIdentity.PageUrl"/>).</summary>
    public Uri PageUrl => Identity.PageUrl;

    /// <summary>The front matter's <c>link</c>: a canonical URL elsewhere.</summary>
    public Uri? ExternalUrl { get => _rare?.ExternalUrl; init => Rare(value, value is null, static (r, v) => r with { ExternalUrl = v }); }

    /// <summary>Where a reader goes for the story: the external URL if given, else the item's page.</summary>
    public Uri Link => ExternalUrl ?? PageUrl;

    public IReadOnlyList<Person> Authors { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public required string Summary { get; init; }

    /// <summary>
    /// The body's HTML: given, or rendered when a document first shows it, so that a cold start
    /// over 100,000 items renders only the bodies the documents being served show. A rendered body
    /// is held in the bounded <see cref="RenderCache"/> unless the story is in the main feeds
    /// (<see cref="BodyHtml.Keep"/>), so its renderer must give the same HTML every time.
    /// </summary>
    public BodyHtml Body { get; init; } = BodyHtml.Empty;

    /// <summary>
    /// The body as HTML with absolute URLs, safe to put in XML. A method: unless the HTML is held,
    /// this renders the Markdown, reading it back from the body store.
    /// </summary>
    public string RenderContent() => Body.Html;

    /// <summary>
    /// Where the Markdown body starts in the file (the rest of the file is the body, unchanged) and
    /// the line it starts on, when <see cref="Body"/> renders from those bytes alone: a start index
    /// can then leave the body in the file. Null for a body that gave the title, and for plain text.
    /// </summary>
    internal (int Offset, int Line)? BodyInFile { get; init; }

    /// <summary>The Markdown body while it waits to be rendered (see <see cref="Body"/>), or null.</summary>
    public PendingBody? PendingBody { get; init; }

    public LeadImage? Image { get => _rare?.Image; init => Rare(value, value is null, static (r, v) => r with { Image = v }); }
    public Enclosure? Enclosure { get => _rare?.Enclosure; init => Rare(value, value is null, static (r, v) => r with { Enclosure = v }); }

    /// <summary>The lead image, the enclosure and the body's images, with the lines that name them (checked against the files served).</summary>
    public IReadOnlyList<MediaReference> Media
    {
        get => _rare?.Media ?? [];
        init => Rare(value.Count == 0 ? null : value, value.Count == 0, static (r, v) => r with { Media = v });
    }

    /// <summary>BCP 47 language of this item when it differs from the feed's.</summary>
    public string? Language { get => _rare?.Language; init => Rare(value, value is null, static (r, v) => r with { Language = v }); }

    public bool Draft { get; init; }

    /// <summary>When the story leaves the feeds and pages (front matter <c>expires</c>), if ever.</summary>
    public DateTimeOffset? Expires { get => _rare?.Expires; init => Rare(value, value is null, static (r, v) => r with { Expires = v }); }

    /// <summary>The running time of the enclosure (front matter <c>duration</c>): itunes:duration and Media RSS.</summary>
    public TimeSpan? Duration { get => _rare?.Duration; init => Rare(value, value is null, static (r, v) => r with { Duration = v }); }

    /// <summary>The story's transcript (podcast:transcript), when it has one.</summary>
    public Transcript? Transcript { get => _rare?.Transcript; init => Rare(value, value is null, static (r, v) => r with { Transcript = v }); }

    /// <summary>
    /// Paths the story had on an earlier site (Hugo <c>aliases</c>, Jekyll <c>redirect_from</c>,
    /// and a <c>permalink</c> or <c>url</c> it does not keep), each with its front matter line:
    /// each answers 301 to the story's page.
    /// </summary>
    public IReadOnlyList<(string Path, int Line)> Aliases
    {
        get => _rare?.Aliases ?? [];
        init => Rare(value.Count == 0 ? null : value, value.Count == 0, static (r, v) => r with { Aliases = v });
    }

    /// <summary>The file it came from, relative to the items folder, with '/' separators.</summary>
    public required string SourcePath { get; init; }

    // What few stories have, in one object most stories go without: every story is held twice
    // (as its file gave it, and as the ledger placed it), so at 100,000 stories each field here
    // cost 200,000 times its size. Never a RareFields with nothing in it, so that two equal
    // stories are equal records whichever way they were made.
    RareFields? _rare;

    static readonly RareFields NoRare = new();

    void Rare<T>(T value, bool none, Func<RareFields, T, RareFields> set)
    {
        if (_rare is null && none)
            return; // most stories: nothing to keep, nothing made
        var rare = set(_rare ?? NoRare, value);
        _rare = rare == NoRare ? null : rare;
    }

    sealed record RareFields
    {
        public int? UpdatedLine { get; init; }
        public Uri? ExternalUrl { get; init; }
        public LeadImage? Image { get; init; }
        public Enclosure? Enclosure { get; init; }
        public IReadOnlyList<MediaReference>? Media { get; init; }
        public string? Language { get; init; }
        public DateTimeOffset? Expires { get; init; }
        public TimeSpan? Duration { get; init; }
        public Transcript? Transcript { get; init; }
        public IReadOnlyList<(string Path, int Line)>? Aliases { get; init; }
    }
}

/// <summary>An author (RFC 4287 3.2 person construct).</summary>
public sealed record Person(string Name, string? Email = null, Uri? Uri = null);

/// <summary>A media file attached to an item (RSS enclosure, Atom rel="enclosure", JSON Feed attachment).</summary>
public sealed record Enclosure(Uri Url, string MediaType, long Length);
