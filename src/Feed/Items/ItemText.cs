using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Feed.Items.FrontMatter;
using Feed.Items.Text;

namespace Feed.Items;

/// <summary>
/// An item file's text split into its front matter and its body. A Markdown body with a title and
/// a summary in the front matter is rendered only when a document shows the item; until then it
/// waits as UTF-8 (<see cref="Waiting"/>), most often the file's own bytes, never decoded.
/// </summary>
/// <param name="Front">The front matter's fields (empty when the file has none).</param>
/// <param name="Body">The body as text, XML-forbidden characters removed; empty while it waits undecoded.</param>
/// <param name="Waiting">The body as UTF-8 when <paramref name="Deferred"/>.</param>
/// <param name="BodyLine">The file's line the body starts on.</param>
/// <param name="Deferred">True when the body is rendered later, from <paramref name="Waiting"/>.</param>
/// <param name="FileOffset">Where the body starts in the file's bytes when it is the rest of them unchanged, else -1.</param>
internal readonly record struct ItemText(FrontMatterFields Front, string Body, ReadOnlyMemory<byte> Waiting, int BodyLine, bool Deferred,
    int FileOffset = -1)
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as UTF-8, encoded now unless it waits.</summary>
    public ReadOnlySpan<byte> Utf8Body => Deferred ? Waiting.Span : Encoding.UTF8.GetBytes(Body);

    /// <summary>The body as text, decoded now if it waits.</summary>
    public string BodyText => Deferred && Body.Length == 0 && !Waiting.IsEmpty ? Encoding.UTF8.GetString(Waiting.Span) : Body;

    /// <summary>The file's front matter and body, or null with the reason in <paramref name="problems"/>.</summary>
    /// <param name="readHead">False to decode the whole text even where the front matter alone would do.</param>
    public static ItemText? Read(ItemSource source, TimeZoneInfo zone, bool markdown, bool readHead, List<ItemProblem> problems, ItemBudget budget)
    {
        var path = source.Path;
        var bom = source.Bytes.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (readHead && markdown && FrontMatterReader.ReadHead(source.Bytes.Span[bom..], path, zone, problems, out var headLength, out var headBodyLine, budget) is { } head)
        {
            // Most items: the front matter is read from the first lines alone.
            var rest = source.Bytes[(bom + headLength)..];
            var waits = WaitsToRender(head);
            var clean = !XmlChars.MayNeedStripping(rest.Span);
            if (waits && clean)
                return new ItemText(head, "", rest, headBodyLine, Deferred: true, bom + headLength);
            return Of(head, XmlChars.Strip(StrictUtf8.GetString(rest.Span)), headBodyLine, waits) with { FileOffset = clean ? bom + headLength : -1 };
        }

        if (Decode(source, out var decoded) is { } encodingProblem)
        {
            problems.Add(encodingProblem);
            return null;
        }
        if (string.IsNullOrWhiteSpace(decoded))
        {
            problems.Add(ItemParser.Empty(path));
            return null;
        }
        var text = XmlChars.Strip(decoded);
        var front = FrontMatterReader.Read(text, path, zone, problems, out int bodyStart, out var bodyLine, budget);
        return Of(front, text[bodyStart..], bodyLine, markdown && WaitsToRender(front));
    }

    static ItemText Of(FrontMatterFields front, string body, int bodyLine, bool deferred) =>
        new(front, body, deferred ? Encoding.UTF8.GetBytes(body) : default, bodyLine, deferred);

    // With a title and a summary in the front matter nothing is derived from a Markdown body.
    static bool WaitsToRender(FrontMatterFields front) => front.Title is not null && front.Summary is not null;

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
            return new(source.Path, text.AsSpan(0, text.IndexOf('\0', StringComparison.Ordinal)).Count('\n') + 1,
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
