using Feed.Items;

namespace Feed.Folder;

// The start index (StartIndex): read before a start's pass, so that a file whose status it vouches
// for is neither read nor parsed; written after a pass that read files, off the hot path.
public sealed partial class ItemFolder
{
    /// <summary>The start index's file name in the state folder.</summary>
    public const string IndexFileName = "start-index.bin";

    /// <summary>The start index's file (in the state folder), or null for none.</summary>
    public string? IndexPath { get; init; }

    /// <summary>
    /// How much older than its read a file's change time must be for the index to trust it: more
    /// than a file system's time step (a jiffy on Linux, 2 s on FAT), so that a write after the
    /// read cannot have left the time unchanged.
    /// </summary>
    internal TimeSpan IndexRacyWindow { get; init; } = TimeSpan.FromSeconds(2);

    Dictionary<string, StartIndex.Entry>? _index; // only during a start's pass
    Task<(Dictionary<string, StartIndex.Entry>?, string?)>? _indexLoad;
    bool _indexLoaded;
    bool _indexStale; // a file was read, broken or removed since the index was last written or read
    DateTime _passStarted;
    int _fromIndex;

    /// <summary>How many files the start took from the index instead of reading them.</summary>
    public int FilesFromIndex => Volatile.Read(ref _fromIndex);

    /// <summary>Why an index that is there was not used (damaged, another build's), or null.</summary>
    public string? IndexUnused { get; private set; }

    /// <summary>True when the index was not used only because another build, other settings or another folder wrote it.</summary>
    public bool IndexOutdated => IndexUnused == StartIndex.Outdated;

    /// <summary>True when the index would be written differently now.</summary>
    public bool IndexStale => IndexPath is not null && _indexStale;

    /// <summary>
    /// Starts reading the start index on the thread pool, so that the first pass finds it read
    /// (call while the host starts). Returns the stories the index holds, once read: null when
    /// there is none or it is not used.
    /// </summary>
    public Task<NewsItem[]?> PreloadIndex() =>
        StartLoadingIndex() is { } load
            ? load.ContinueWith(read => read.IsCompletedSuccessfully && read.Result.Item1 is { Count: > 0 } index
                ? index.Values.Select(entry => entry.Item).ToArray() : null, TaskScheduler.Default)
            : Task.FromResult<NewsItem[]?>(null);

    Task<(Dictionary<string, StartIndex.Entry>?, string?)>? StartLoadingIndex()
    {
        if (IndexPath is { } file && _indexLoad is null && !_indexLoaded)
            _indexLoad = Task.Run(() => (StartIndex.Load(file, Root, settings, out var unused), unused));
        return _indexLoad;
    }

    void LoadIndex()
    {
        if (_indexLoaded || IndexPath is null)
            return;
        StartLoadingIndex();
        _indexLoaded = true;
        (_index, IndexUnused) = _indexLoad!.GetAwaiter().GetResult();
        _indexLoad = null;
    }

    FileRead? Indexed(FolderHandle folder, string path)
    {
        if (_index is not { } index || !index.TryGetValue(path, out var entry) || folder.StatusAt(path) is not { } status
            || !entry.Vouches(status))
            return null;
        Interlocked.Increment(ref _fromIndex);
        return new FileRead(new ItemParseResult(entry.Item, entry.Warnings), entry.Length, entry.LastWrite, Hash: entry.Item.ContentHash,
            Change: entry.Change, Inode: entry.Inode, FromIndex: true);
    }

    bool Proven(FileRead read) => read.FromIndex || (read.Change != default && read.Change < _passStarted - IndexRacyWindow);

    /// <summary>
    /// What the index would hold now, taken on the thread that scans (call between passes); write
    /// it with <see cref="IndexWrite.Save"/>, on any thread.
    /// </summary>
    public IndexWrite TakeIndex()
    {
        _indexStale = false;
        var proven = new List<StartIndex.Known>(_files.Count);
        var unproven = new List<StartIndex.Known>();
        foreach (var (path, state) in _files)
        {
            if (state is not { Error: null, ReadFailed: false, Published: { } item, Inode: not 0 } || !StoryCodec.CanKeep(item))
                continue;
            var known = new StartIndex.Known(path, state.Length, state.LastWrite, state.Change, state.Inode, item, state.Warnings ?? []);
            (state.Proven ? proven : unproven).Add(known);
        }
        return new IndexWrite(this, proven, unproven);
    }

    /// <summary>The index as one pass left it, to be written off the scanning thread.</summary>
    public sealed class IndexWrite
    {
        readonly ItemFolder _folder;
        readonly List<StartIndex.Known> _proven;
        readonly List<StartIndex.Known> _unproven;

        internal IndexWrite(ItemFolder folder, List<StartIndex.Known> proven, List<StartIndex.Known> unproven) =>
            (_folder, _proven, _unproven) = (folder, proven, unproven);

        /// <summary>Writes the index; returns how many files it holds.</summary>
        /// <exception cref="IOException">The state folder cannot be written.</exception>
        /// <exception cref="UnauthorizedAccessException">The state folder cannot be written.</exception>
        public int Save()
        {
            var files = _proven;
            if (_unproven.Count > 0 && FolderHandle.Open(_folder.Root) is { } opened)
            {
                using (opened)
                    files.AddRange(_unproven.Where(known => _folder.StillAsRead(opened, known)));
            }
            if (files.Count < _proven.Count + _unproven.Count)
                _folder._indexStale = true; // those too recent to trust are tried again at the next write
            _folder.WriteIndex(files);
            return files.Count;
        }
    }

    void WriteIndex(List<StartIndex.Known> files) => StartIndex.Save(IndexPath!, Root, settings, files);

    // A file read within a time step of its last change may have been written again since without
    // its status showing it: it is read once more, and kept only if its bytes are the ones published.
    bool StillAsRead(FolderHandle folder, StartIndex.Known known)
    {
        if (known.Change >= DateTime.UtcNow - IndexRacyWindow)
            return false;
        try
        {
            using var handle = folder.OpenFile(known.Path);
            var bytes = new byte[known.Length + 1];
            var done = 0;
            for (int read; done < bytes.Length && (read = RandomAccess.Read(handle, bytes.AsSpan(done), done)) > 0;)
                done += read;
            return done == known.Length && System.IO.Hashing.XxHash3.HashToUInt64(bytes.AsSpan(0, done)) == known.Item.ContentHash
                && FolderHandle.Status(handle) is { } status && new StartIndex.Entry(known.Length, known.LastWrite, known.Change, known.Inode,
                    known.Item, known.Warnings).Vouches(status);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
