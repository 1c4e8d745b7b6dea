namespace Feed.Items.Body;

/// <summary>
/// A Markdown body parsed but not yet rendered (the item's title and summary came from its front
/// matter, so nothing else needed it): held as UTF-8 until the folder moves it to a
/// <see cref="BodyStore"/>, and read back when a document first shows the item.
/// </summary>
public sealed class PendingBody(ReadOnlyMemory<byte> utf8)
{
    sealed record Stored(BodyStore Store, long Offset);

    sealed record InMemory(ReadOnlyMemory<byte> Bytes);

    // The bytes (which the caller no longer changes), or where they were moved: one reference,
    // swapped at once, so a reader on another thread sees either.
    object _where = new InMemory(utf8);

    public int Length { get; } = utf8.Length;

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
        var memory => ((InMemory)memory).Bytes,
    };

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
