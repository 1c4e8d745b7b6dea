using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Feed.Folder;

/// <summary>
/// What the last run knew of each story file, so that a start need not read and parse a file
/// whose status says it is the one known: its size, modification and change times and inode,
/// as git's index trusts a file's status. A file's change time (ctime) moves at every write and
/// no program can set it back, so a file rewritten to its old size and time is still read again.
/// The index is only ever an accelerator: one that is missing, damaged, of another build, of
/// other settings or of another folder is not used, and every file is read as before.
/// </summary>
internal static class StartIndex
{
    /// <summary>One file as the index knows it (a struct: a start holds one for every file until its pass is done).</summary>
    public readonly record struct Entry(long Length, DateTime LastWrite, DateTime Change, ulong Inode, NewsItem Item, IReadOnlyList<ItemProblem> Warnings)
    {
        public bool Vouches(FolderHandle.FileStatus status) =>
            status.IsRegular && status.Inode != 0 && status.Length == Length && status.LastWriteUtc == LastWrite
            && status.Change == Change && status.Inode == Inode;
    }

    /// <summary>One file to write to the index.</summary>
    public readonly record struct Known(string Path, long Length, DateTime LastWrite, DateTime Change, ulong Inode, NewsItem Item,
        IReadOnlyList<ItemProblem> Warnings);

    static ReadOnlySpan<byte> Magic => "FeedIndex\n"u8;

    const int Version = 2;

    /// <summary>Why an index is not used after an upgrade or a change of settings: expected, not damage.</summary>
    public const string Outdated = "it was written by another build of Feed, with other settings or for another folder";

    // Files are written in blocks of about this many bytes, each read into one reused buffer: the
    // index of 100,000 stories is 60 MB, which a start would otherwise hold at once;
    // blocks of a quarter megabyte keep each block's list of files off the large object heap.
    const int BlockBytes = 1 << 18;

    /// <summary>
    /// Reads the index at <paramref name="file"/> for the folder <paramref name="root"/>: null, with
    /// why in <paramref name="unused"/> (null when there is no index), when it cannot be used.
    /// </summary>
    public static Dictionary<string, Entry>? Load(string file, string root, FeedSettings settings, out string? unused)
    {
        unused = null;
        FileStream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            unused = $"it cannot be read ({e.Message})";
            return null;
        }
        using (stream)
        {
            try
            {
                return Read(stream, root, settings, out unused);
            }
            catch (Exception e) when (e is InvalidDataException or UriFormatException or ArgumentException or DecoderFallbackException or EndOfStreamException)
            {
                unused = $"it is damaged ({e.Message})";
                return null;
            }
            catch (IOException e)
            {
                unused = $"it cannot be read ({e.Message})";
                return null;
            }
        }
    }

    static Dictionary<string, Entry>? Read(FileStream stream, string root, FeedSettings settings, out string? unused)
    {
        unused = null;
        var hash = new XxHash3();
        var buffer = new byte[BlockBytes];
        var header = Block(stream, hash, ref buffer);
        var h = new IndexReader(header.Span);
        if (!header.Span.StartsWith(Magic))
            throw new InvalidDataException("it is not a start index");
        h.Skip(Magic.Length);
        if (h.Int32() != Version || h.String() != BuildKey() || h.String() != SettingsKey(settings) || h.String() != root)
        {
            unused = Outdated;
            return null;
        }
        var entries = new Dictionary<string, Entry>(h.Int32(), StringComparer.Ordinal);
        // Blocks are read in order (for the checksum) and decoded on every core, each into its own list.
        var decoded = new List<List<KeyValuePair<string, Entry>>>();
        try
        {
            Parallel.ForEach(Partitioner.Create(Blocks(stream, hash), EnumerablePartitionerOptions.NoBuffering), block =>
            {
                var files = Decode(block, root, settings);
                lock (decoded)
                    decoded.Add(files);
            });
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // a damaged block, said as such
        }
        foreach (var files in decoded)
        {
            foreach (var (path, entry) in files)
                entries[path] = entry;
        }
        Span<byte> sum = stackalloc byte[8];
        stream.ReadExactly(sum);
        if (BinaryPrimitives.ReadUInt64LittleEndian(sum) != hash.GetCurrentHashAsUInt64() || stream.Position != stream.Length)
            throw new InvalidDataException("its checksum does not match");
        return entries;
    }

    static List<KeyValuePair<string, Entry>> Decode(byte[] block, string root, FeedSettings settings)
    {
        try
        {
            var files = new List<KeyValuePair<string, Entry>>();
            var r = new IndexReader(block.AsSpan(0, BinaryPrimitives.ReadInt32LittleEndian(block)));
            r.Skip(4);
            while (r.Position < r.Length)
            {
                var path = r.String();
                var (length, lastWrite, change, inode) = (r.Int64(), new DateTime(r.Int64(), DateTimeKind.Utc), new DateTime(r.Int64(), DateTimeKind.Utc), r.UInt64());
                var (item, warnings) = StoryCodec.Read(ref r, root, path, length, settings);
                files.Add(new(path, new Entry(length, lastWrite, change, inode, item, warnings)));
            }
            return files;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    // Each block after the header, in a pooled array that starts with its length (Decode returns it).
    static IEnumerable<byte[]> Blocks(FileStream stream, XxHash3 hash)
    {
        var buffer = Array.Empty<byte>();
        while (Block(stream, hash, ref buffer) is { Length: > 0 } block)
        {
            var pooled = ArrayPool<byte>.Shared.Rent(block.Length + 4);
            BinaryPrimitives.WriteInt32LittleEndian(pooled, block.Length + 4);
            block.Span.CopyTo(pooled.AsSpan(4));
            yield return pooled;
        }
    }

    // A block: its length, then its bytes; a length of 0 ends the blocks.
    static ReadOnlyMemory<byte> Block(FileStream stream, XxHash3 hash, ref byte[] buffer)
    {
        Span<byte> prefix = stackalloc byte[4];
        stream.ReadExactly(prefix);
        hash.Append(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < 0 || length > stream.Length - stream.Position)
            throw new InvalidDataException("a block's length is out of range");
        if (length > buffer.Length)
            buffer = new byte[length];
        stream.ReadExactly(buffer, 0, length);
        hash.Append(buffer.AsSpan(0, length));
        return buffer.AsMemory(0, length);
    }

    /// <summary>Writes the index of <paramref name="files"/> to <paramref name="file"/>, replacing it at once (a reader sees the old one or the new).</summary>
    /// <exception cref="IOException">The state folder cannot be written.</exception>
    public static void Save(string file, string root, FeedSettings settings, IReadOnlyCollection<Known> files)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp"; // two instances may share the state folder
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                var hash = new XxHash3();
                var block = new MemoryStream(BlockBytes + BlockBytes / 4);
                using var w = new BinaryWriter(block, Encoding.UTF8, leaveOpen: true);
                w.Write(Magic);
                w.Write(Version);
                w.Write(BuildKey());
                w.Write(SettingsKey(settings));
                w.Write(root);
                w.Write(files.Count);
                WriteBlock(stream, hash, block);
                foreach (var known in files)
                {
                    w.Write(known.Path);
                    w.Write(known.Length);
                    w.Write(known.LastWrite.Ticks);
                    w.Write(known.Change.Ticks);
                    w.Write(known.Inode);
                    StoryCodec.Write(w, known.Item, known.Warnings);
                    if (block.Length >= BlockBytes)
                        WriteBlock(stream, hash, block);
                }
                if (block.Length > 0)
                    WriteBlock(stream, hash, block);
                WriteBlock(stream, hash, block); // the empty block that ends them
                Span<byte> sum = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(sum, hash.GetCurrentHashAsUInt64());
                stream.Write(sum);
            }
            File.Move(temporary, file, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    static void WriteBlock(FileStream stream, XxHash3 hash, MemoryStream block)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, (int)block.Length);
        var bytes = block.GetBuffer().AsSpan(0, (int)block.Length);
        hash.Append(prefix);
        hash.Append(bytes);
        stream.Write(prefix);
        stream.Write(bytes);
        block.SetLength(0);
    }

    // The build that wrote an index: a parser changed by a new build may read the same file to
    // another story, so any other executable's index is not used (its size and time tell it).
    static string BuildKey()
    {
        var key = new StringBuilder();
        // The native executable holds every assembly; a JIT build runs the assemblies beside it.
        var assemblies = AppContext.BaseDirectory;
        foreach (var file in new[] { Environment.ProcessPath, Path.Join(assemblies, "Feed.dll"), Path.Join(assemblies, "Feed.Server.dll") })
        {
            if (string.IsNullOrEmpty(file) || !File.Exists(file))
                continue;
            var info = new FileInfo(file);
            key.Append(CultureInfo.InvariantCulture, $"{info.FullName}:{info.Length}:{info.LastWriteTimeUtc.Ticks};");
        }
        return key.ToString();
    }

    // What of the settings the parser reads: a change to any of them may read a file to another story.
    static string SettingsKey(FeedSettings s) => string.Join('\n', s.BaseUrl.AbsoluteUri, s.EffectiveIdAuthority, s.TimeZone.ToSerializedString(),
        s.KeepPermalinks, s.TrustedHtml, s.MaxItemBytes, s.MaxItemRenderTime.Ticks);
}
