namespace Feed.Items.Body;

/// <summary>
/// A Markdown body parsed but not yet rendered (the item's title and summary came from its front
/// matter, so nothing else needed it): held as UTF-8 until the folder moves it to a
/// <see cref="BodyStore"/>, and read back when a document first shows the item.
/// </summary>
/// <param name="utf8">The body.</param>
/// <param name="fileOffset">Where the body starts in its file (<see cref="InFile"/>), or -1.</param>
public sealed class PendingBody(ReadOnlyMemory<byte> utf8, int fileOffset = -1)
{
    sealed record Stored(BodyStore Store, long Offset);

    sealed record InMemory(ReadOnlyMemory<byte> Bytes);

    /// <summary>Still in the story's own file, as a start index found it (<see cref="InFile"/>).</summary>
    sealed record InSource(string Folder, string Path, long FileLength, ulong FileHash);

    // The bytes (which the caller no longer changes), or where they were moved: one reference,
    // swapped at once, so a reader on another thread sees either.
    object _where = new InMemory(utf8);

    public int Length { get; private init; } = utf8.Length;

    /// <summary>Where the body starts in its file, for one left there (<see cref="InFile"/>); else -1.</summary>
    public int FileOffset { get; } = fileOffset;

    /// <summary>
    /// A body left in its story's file, read back when first rendered: a start index vouched for
    /// the file (size, times and inode unchanged), so a start neither reads nor stores it.
    /// </summary>
    /// <param name="folder">The items folder.</param>
    /// <param name="path">The story's file in it.</param>
    /// <param name="fileLength">The file's length when indexed.</param>
    /// <param name="fileHash">The hash of the file's bytes when indexed (<see cref="NewsItem.ContentHash"/>).</param>
    /// <param name="offset">Where the body starts in the file.</param>
    /// <param name="length">The body's length.</param>
    public static PendingBody InFile(string folder, string path, long fileLength, ulong fileHash, int offset, int length)
    {
        var body = new PendingBody(ReadOnlyMemory<byte>.Empty, offset) { Length = length };
        body._where = new InSource(folder, path, fileLength, fileHash);
        return body;
    }

    /// <summary>
    /// Raised, with the item's file, when a body could not be read back from its store (a damaged
    /// or truncated temporary file): the item is then shown with its summary only, and the server
    /// says so in its log and in /healthz rather than serving empty stories in silence.
    /// </summary>
    public static event Action<string, Exception>? ReadFailed;

    internal static void ReportReadFailed(string path, Exception e) => ReadFailed?.Invoke(path, e);

    /// <summary>True once the body lives in a store rather than on the heap.</summary>
    public bool IsStored => Volatile.Read(ref _where) is Stored;

    /// <summary>The body as UTF-8.</summary>
    /// <exception cref="IOException">The store could not be read.</exception>
    public ReadOnlyMemory<byte> Utf8() => Volatile.Read(ref _where) switch
    {
        Stored s => s.Store.Read(s.Offset, Length),
        InSource f => FromSource(f),
        var memory => ((InMemory)memory).Bytes,
    };

    // The file may have changed since it was indexed (an edit the next pass is about to publish,
    // a deletion): only its indexed bytes are read as this story's body. Otherwise the story is
    // shown without its body until that pass replaces it, a moment later; the new bytes are never
    // read here, since whatever now stands at the path was not opened as the folder opens files.
    ReadOnlyMemory<byte> FromSource(InSource source)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(System.IO.Path.Join(source.Folder, source.Path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ReadOnlyMemory<byte>.Empty;
        }
        if (bytes.Length != source.FileLength || System.IO.Hashing.XxHash3.HashToUInt64(bytes) != source.FileHash
            || FileOffset + Length > bytes.Length)
            return ReadOnlyMemory<byte>.Empty;
        return bytes.AsMemory(FileOffset, Length);
    }

    /// <summary>Moves the body into <paramref name="store"/> (or into a newer one when a store is compacted).</summary>
    public void MoveTo(BodyStore store)
    {
        var bytes = Utf8();
        Volatile.Write(ref _where, new Stored(store, store.Append(bytes.Span)));
    }

    /// <summary>Points the body at a copy of its bytes that the caller wrote to <paramref name="store"/> at <paramref name="offset"/> (a batched write).</summary>
    internal void StoredAt(BodyStore store, long offset) => Volatile.Write(ref _where, new Stored(store, offset));

    /// <summary>The store it lives in, or null while on the heap.</summary>
    public BodyStore? Store => (Volatile.Read(ref _where) as Stored)?.Store;
}
