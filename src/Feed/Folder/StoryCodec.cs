using System.Buffers.Binary;
using System.Text;
using Feed.Assets;
using Feed.Items;
using Feed.Items.Body;
using Feed.Items.Text;

namespace Feed.Folder;

/// <summary>
/// A story as a start index keeps it: every field the parser gave, in a fixed order, and its
/// body as where it starts in the file (the rest of the file). Only a story the parser gave alone,
/// from the file's bytes and the settings, is kept (<see cref="CanKeep"/>): an undated one is
/// dated by the clock, and a body that gave the title, or plain text, renders from more than the
/// file's bytes.
/// </summary>
internal static class StoryCodec
{
    /// <summary>True when <paramref name="item"/> can be written and read back as it is.</summary>
    public static bool CanKeep(NewsItem item) =>
        !item.Undated && item.Noticed is null && item.BodyInFile is not null;

    public static void Write(BinaryWriter w, NewsItem item, IReadOnlyList<ItemProblem> warnings)
    {
        var identity = item.Identity;
        w.Write(identity.Id);
        w.Write(identity.Slug);
        w.Write(identity.PagePath);
        w.Write((byte)((identity.HasOwnId ? 1 : 0) | (identity.HasOwnSlug ? 2 : 0) | (identity.HasOwnPage ? 4 : 0) | (item.Draft ? 8 : 0)));
        w.Write(item.ContentHash);
        w.Write(item.Title);
        Write(w, item.Published);
        Write(w, item.Updated);
        Optional(w, item.UpdatedLine, static (w, v) => w.Write(v));
        Optional(w, item.ExternalUrl, Write);
        w.Write(item.Authors.Count);
        foreach (var author in item.Authors)
        {
            w.Write(author.Name);
            Optional(w, author.Email, static (w, v) => w.Write(v));
            Optional(w, author.Uri, Write);
        }
        w.Write(item.Tags.Count);
        foreach (var tag in item.Tags)
            w.Write(tag);
        w.Write(item.Summary);
        var (bodyOffset, bodyLine) = item.BodyInFile!.Value;
        w.Write(bodyOffset);
        w.Write(bodyLine);
        Optional(w, item.Image, static (w, v) =>
        {
            Write(w, v.Url);
            Optional(w, v.Alt, static (w, v) => w.Write(v));
            Optional(w, v.Width, static (w, v) => w.Write(v));
            Optional(w, v.Height, static (w, v) => w.Write(v));
        });
        Optional(w, item.Enclosure, static (w, v) =>
        {
            Write(w, v.Url);
            w.Write(v.MediaType);
            w.Write(v.Length);
        });
        w.Write(item.Media.Count);
        foreach (var media in item.Media)
        {
            Write(w, media.Url);
            Optional(w, media.Line, static (w, v) => w.Write(v));
            w.Write(media.What);
        }
        Optional(w, item.Language, static (w, v) => w.Write(v));
        Optional(w, item.Expires, Write);
        Optional(w, item.Duration, static (w, v) => w.Write(v.Ticks));
        Optional(w, item.Transcript, static (w, v) =>
        {
            Write(w, v.Url);
            w.Write(v.MediaType);
        });
        w.Write(item.Aliases.Count);
        foreach (var (path, line) in item.Aliases)
        {
            w.Write(path);
            w.Write(line);
        }
        w.Write(warnings.Count);
        foreach (var warning in warnings)
        {
            Optional(w, warning.Line, static (w, v) => w.Write(v));
            w.Write(warning.Message);
            w.Write((byte)warning.Level);
        }
    }

    /// <summary>Reads back a story written by <see cref="Write(BinaryWriter, NewsItem, IReadOnlyList{ItemProblem})"/>, its body left in its file.</summary>
    public static (NewsItem Item, IReadOnlyList<ItemProblem> Warnings) Read(ref IndexReader r, string root, string path, long fileLength,
        FeedSettings settings)
    {
        var (id, slug, pagePath) = (r.String(), r.String(), r.String());
        var flags = r.Byte();
        var contentHash = r.UInt64();
        var title = r.String();
        var (published, updated) = (r.Time(), r.Time());
        var updatedLine = r.Has() ? r.Int32() : (int?)null;
        var externalUrl = r.Has() ? r.Uri() : null;
        var authors = Array<Person>(r.Int32());
        for (var i = 0; i < authors.Length; i++)
            authors[i] = new Person(r.String(), r.Has() ? r.String() : null, r.Has() ? r.Uri() : null);
        var tags = Array<string>(r.Int32());
        for (var i = 0; i < tags.Length; i++)
            tags[i] = r.String();
        var summary = r.String();
        var (offset, line) = (r.Int32(), r.Int32());
        if (offset < 0 || offset > fileLength)
            throw new InvalidDataException("a body's offset is out of range");
        var image = r.Has() ? new LeadImage(r.Uri(), r.Has() ? r.String() : null, r.Has() ? r.Int32() : null, r.Has() ? r.Int32() : null) : null;
        var enclosure = r.Has() ? new Enclosure(r.Uri(), r.String(), r.Int64()) : null;
        var media = Array<MediaReference>(r.Int32());
        for (var i = 0; i < media.Length; i++)
            media[i] = new MediaReference(r.Uri(), r.Has() ? r.Int32() : null, r.String());
        var language = r.Has() ? r.String() : null;
        var expires = r.Has() ? r.Time() : (DateTimeOffset?)null;
        var duration = r.Has() ? TimeSpan.FromTicks(r.Int64()) : (TimeSpan?)null;
        var transcript = r.Has() ? new Transcript(r.Uri(), r.String()) : null;
        var aliases = Array<(string, int)>(r.Int32());
        for (var i = 0; i < aliases.Length; i++)
            aliases[i] = (r.String(), r.Int32());
        var warnings = Array<ItemProblem>(r.Int32());
        for (var i = 0; i < warnings.Length; i++)
            warnings[i] = new ItemProblem(path, r.Has() ? r.Int32() : null, r.String(), (ProblemLevel)r.Byte());

        var identity = new ItemIdentity
        {
            Id = id,
            Slug = slug,
            PagePath = pagePath,
            Site = settings.BaseUrl,
            Authority = settings.EffectiveIdAuthority,
            HasOwnId = (flags & 1) != 0,
            HasOwnSlug = (flags & 2) != 0,
            HasOwnPage = (flags & 4) != 0,
        };
        var pending = PendingBody.InFile(root, path, fileLength, contentHash, offset, (int)(fileLength - offset));
        var item = new NewsItem
        {
            Identity = identity,
            ContentHash = contentHash,
            Title = title,
            Published = published,
            Updated = updated,
            UpdatedLine = updatedLine,
            ExternalUrl = externalUrl,
            Authors = SharedNames.AuthorList(authors),
            Tags = SharedNames.TagList(tags),
            Summary = summary,
            Body = BodyRender.Deferred(pending, StoryLocation.Of(settings.BaseUrl, path, pagePath), settings.TrustedHtml, path,
                settings.MaxItemRenderTime, line),
            Image = image,
            Enclosure = enclosure,
            Media = media,
            Language = language,
            Draft = (flags & 8) != 0,
            Expires = expires,
            Duration = duration,
            Transcript = transcript,
            Aliases = aliases,
            SourcePath = path,
            PendingBody = pending,
            BodyInFile = (offset, line),
        };
        return (item, warnings);
    }

    // Most stories have no media, aliases or warnings: one shared empty array, not one each.
    static T[] Array<T>(int count) => count switch
    {
        0 => [],
        < 0 or > 1 << 20 => throw new InvalidDataException("a count is out of range"),
        _ => new T[count],
    };

    static void Optional<T>(BinaryWriter w, T? value, Action<BinaryWriter, T> write) where T : class
    {
        w.Write(value is not null);
        if (value is not null)
            write(w, value);
    }

    static void Optional<T>(BinaryWriter w, T? value, Action<BinaryWriter, T> write) where T : struct
    {
        w.Write(value.HasValue);
        if (value is { } v)
            write(w, v);
    }

    static void Write(BinaryWriter w, DateTimeOffset time)
    {
        w.Write(time.Ticks);
        w.Write((short)time.TotalOffsetMinutes);
    }

    // Relative or absolute, as written: a URI is read back to the same text and kind.
    static void Write(BinaryWriter w, Uri uri)
    {
        w.Write(uri.IsAbsoluteUri);
        w.Write(uri.OriginalString);
    }
}

/// <summary>Reads what a <see cref="BinaryWriter"/> wrote, from one array, decoding each string once.</summary>
internal ref struct IndexReader(ReadOnlySpan<byte> bytes)
{
    readonly ReadOnlySpan<byte> _bytes = bytes;
    int _at;

    public readonly int Position => _at;

    public readonly int Length => _bytes.Length;

    public byte Byte() => Take(1)[0];

    public void Skip(int count) => Take(count);

    public bool Has() => Byte() != 0;

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public string String()
    {
        // BinaryWriter's length: seven bits a byte, low bits first.
        int length = 0, shift = 0;
        byte b;
        do
        {
            if (shift > 28)
                throw new InvalidDataException("a string's length is malformed");
            b = Byte();
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return length == 0 ? "" : Encoding.UTF8.GetString(Take(length));
    }

    public DateTimeOffset Time()
    {
        var ticks = Int64();
        var offset = BinaryPrimitives.ReadInt16LittleEndian(Take(2));
        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset));
    }

    public Uri Uri()
    {
        var absolute = Has();
        return new Uri(String(), absolute ? UriKind.Absolute : UriKind.Relative);
    }

    ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _at + count > _bytes.Length)
            throw new InvalidDataException("the index ends early");
        var span = _bytes.Slice(_at, count);
        _at += count;
        return span;
    }
}
