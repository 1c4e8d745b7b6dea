using Feed.Items.Body;

namespace Feed.Folder;

/// <summary>
/// The items folder: the only code that touches the file system. Each <see cref="Scan()"/> re-reads
/// only files that are new or whose size or modification time changed, reuses every other item
/// as it is, and keeps the last valid version of a file that became invalid; a scan of the paths
/// file events named looks at those alone. Not thread-safe: one caller scans at a time.
/// </summary>
/// <param name="root">The items folder.</param>
/// <param name="settings">The site settings items are parsed with.</param>
/// <param name="settle">
/// How long a file must have gone unmodified before it is trusted: a file still being written
/// in place is read again later rather than published half-written.
/// </param>
/// <param name="time">The clock file times are compared with (the system's by default).</param>
public sealed partial class ItemFolder(string root, FeedSettings settings, TimeSpan settle = default, TimeProvider? time = null) : IDisposable
{
    readonly TimeProvider _time = time ?? TimeProvider.System;

    readonly Dictionary<string, FileState> _files = new(StringComparer.Ordinal);
    readonly HashSet<string> _reportedLinks = new(StringComparer.Ordinal);
    int _reportedOverflow;

    readonly WaitingBodies _bodies = new();

    // What a walk learned, kept so that a pass over named files comes out as a walk would: each
    // file's and folder's modification time (folders by path without the trailing slash, the
    // root as ""), the files to look at again whatever is named, and those found gone.
    readonly Dictionary<string, DateTime> _times = new(StringComparer.Ordinal);
    readonly Dictionary<string, DateTime> _folders = new(StringComparer.Ordinal);
    readonly HashSet<string> _unsettled = new(StringComparer.Ordinal);
    readonly HashSet<string> _retry = new(StringComparer.Ordinal);
    readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    bool _walked;

    /// <param name="Length">Size when last read.</param>
    /// <param name="LastWrite">Modification time when last read.</param>
    /// <param name="Published">The item served for this file: its current or last valid version.</param>
    /// <param name="Error">Why the current version is not valid, or null.</param>
    /// <param name="Hash">A hash of the bytes last read, to tell a touch from an edit.</param>
    /// <param name="Change">The change time and inode the file had when read (for the start index).</param>
    /// <param name="Warnings">What was said of the published version when it was read (for the start index).</param>
    /// <param name="Proven">True when the file's change time was older than its read by more than a file system's time step:
    /// a later write cannot leave it as it was, so the index may trust it (git's "racily clean" files).</param>
    sealed record FileState(long Length, DateTime LastWrite, NewsItem? Published, ItemProblem? Error, bool ReadFailed, ulong Hash = 0,
        DateTime Change = default, ulong Inode = 0, IReadOnlyList<ItemProblem>? Warnings = null, bool Proven = false);

    public string Root { get; } = Path.GetFullPath(root);

    // Where the folder really is when it is itself a link (items -> /srv/news), so that links
    // inside it to its own files count as inside.
    string _realRoot = Path.GetFullPath(root);

    // The folder as opened for this scan: files are opened relative to it, never through a link.
    FolderHandle? _opened;

    /// <summary>Walks the whole folder: every file's status, and the new or changed files read.</summary>
    public FolderScan Scan() => Scan(null);

    /// <summary>
    /// Looks at the files the watcher named (paths relative to <see cref="Root"/>) and at the
    /// folders that hold them, and at nothing else: a change costs what it touched. The outcome is
    /// the one a walk of the whole folder would have; whatever the names cannot settle exactly (a
    /// folder that is new, gone or moved, the folder swapped, a folder that could not be listed,
    /// the file cap reached, no walk yet) walks the whole folder instead.
    /// </summary>
    /// <param name="changed">
    /// The paths the file events named; one that ends in '/' names a folder whose own status
    /// changed, and any other that is or was a folder walks everything. Null walks everything.
    /// </param>
    public FolderScan Scan(IReadOnlyCollection<string>? changed)
    {
        if (!Directory.Exists(Root))
            return new FolderScan(false, CurrentItems(), [], [], 0, 0, 0, 0, null);

        var realRoot = RealPath(Root);
        using var opened = _opened = FolderHandle.Open(Root);
        _passStarted = DateTime.UtcNow; // the operating system's clock, that file times are on
        var problems = new List<ItemProblem>();
        if (changed is not null && _walked && realRoot == _realRoot && Named(changed) is { } named)
            return Finish(problems, LookAtAll(named, problems), walk: null);

        _realRoot = realRoot;
        var seen = new HashSet<string>(_files.Count, StringComparer.Ordinal);
        var walk = new WalkState();
        List<string> files;
        try
        {
            files = Bounded(Walk(problems, walk), problems);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder itself cannot be listed: that says nothing about its stories, so none is
            // taken down; the caller keeps serving what it has.
            _walked = false;
            return new FolderScan(false, CurrentItems(), [], [], 0, 0, 0, 0, null);
        }
        // A subfolder that cannot be listed says nothing about its stories either: they stay.
        foreach (var unlisted in walk.Unlistable)
            seen.UnionWith(_files.Keys.Where(p => p.StartsWith(unlisted, StringComparison.Ordinal)));

        _times.Clear();
        _times.EnsureCapacity(files.Count);
        LoadIndex(); // read on another core while the folder was walked
        var looks = LookAtAll(files, problems);
        foreach (var look in looks)
        {
            if (!look.Gone)
                seen.Add(look.Path);
        }
        foreach (var gone in _files.Keys.Where(p => !seen.Contains(p)).ToList())
            _gone.Add(gone);
        // Names alone settle the next change only when this walk saw every folder and file.
        _walked = walk.Unlistable.Count == 0 && files.Count < settings.MaxItemFiles;
        return Finish(problems, looks, walk);
    }

    // Each file's status, and the file itself when it is new or changed, on every core: the
    // status calls are most of a rescan of a large folder.
    Look[] LookAtAll(List<string> files, List<ItemProblem> problems)
    {
        var looks = new Look[files.Count];
        if (files.Count < 64)
        {
            for (var i = 0; i < files.Count; i++)
                looks[i] = LookAt(files[i], problems);
        }
        else
        {
            Parallel.For(0, files.Count, i => looks[i] = LookAt(files[i], problems));
        }
        return looks;
    }

    FolderScan Finish(List<ItemProblem> problems, Look[] looks, WalkState? walk)
    {
        var reads = new List<(string Path, FileRead Read)>(looks.Length); // grown step by step, a start copied 100,000 reads many times over
        _files.EnsureCapacity(looks.Length);
        foreach (var look in looks)
        {
            if (look.Gone)
            {
                if (walk is null && _files.ContainsKey(look.Path))
                    _gone.Add(look.Path);
                _times.Remove(look.Path);
                _unsettled.Remove(look.Path);
                continue;
            }
            _times[look.Path] = look.LastWrite;
            if (look.Read is { } read)
                reads.Add((look.Path, read));
        }

        // Problems in the same order every time; a walk's files come in order, so most passes need no sort.
        if (!InPathOrder(reads))
            reads.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var fixedFiles = new List<string>();
        var (changed, unsettled) = Apply(reads, problems, fixedFiles);

        foreach (var gone in _gone)
        {
            if (RemoveFile(gone) is { } was)
            {
                changed++;
                if (was.Published is not null)
                    NoteChanged(gone);
            }
            _unsettled.Remove(gone);
        }
        _indexStale |= _gone.Count > 0;
        _gone.Clear();
        _retry.Clear();
        _index = null; // only a start is spared reading; later passes know every file already
        // A file that could not be read is tried again at every pass, named or not, as a walk does.
        _retry.UnionWith(_failed);

        _bodies.Compact(_files.Values.Select(f => f.Published?.PendingBody).OfType<PendingBody>());
        var filesRead = reads.Count - (_fromIndex > 0 ? reads.Count(r => r.Read.FromIndex) : 0); // taken from the index: not read
        return new FolderScan(true, CurrentItems(), problems, fixedFiles, filesRead, changed, _skipped, unsettled, LatestTime(), TakeItemChanges());
    }

    static bool InPathOrder(List<(string Path, FileRead Read)> reads)
    {
        for (var i = 1; i < reads.Count; i++)
        {
            if (string.CompareOrdinal(reads[i - 1].Path, reads[i].Path) > 0)
                return false;
        }
        return true;
    }

    // The version of the items the last pass returned, and the paths whose item changed since;
    // none is noted before the first pass has returned, which changes every item.
    long _version = ItemChanges.NewVersion();
    readonly HashSet<string> _itemsChanged = new(StringComparer.Ordinal);
    bool _returned;

    ItemChanges TakeItemChanges()
    {
        var from = _version;
        if (!_returned)
        {
            _returned = true;
            _version = ItemChanges.NewVersion();
            return ItemChanges.Everything(_version);
        }
        if (_itemsChanged.Count == 0)
            return new ItemChanges(from, from, new Dictionary<string, NewsItem?>());
        var items = _itemsChanged.ToDictionary(p => p, p => _files.GetValueOrDefault(p)?.Published, StringComparer.Ordinal);
        _itemsChanged.Clear();
        _version = ItemChanges.NewVersion();
        return new ItemChanges(from, _version, items);
    }

    void NoteChanged(string path)
    {
        if (_returned)
            _itemsChanged.Add(path);
    }

    /// <summary>The files read in this pass, into each file's state: how many changed, and how many were still being written.</summary>
    (int Changed, int Unsettled) Apply(List<(string Path, FileRead Read)> reads, List<ItemProblem> problems, List<string> fixedFiles)
    {
        var changed = 0;
        var unsettled = 0;
        foreach (var (path, read) in reads)
        {
            _files.TryGetValue(path, out var before);
            if (_unsettled.Count > 0)
                _unsettled.Remove(path);
            if (read.Vanished)
            {
                _times.Remove(path);
                if (before is not null)
                    _gone.Add(path);
                continue;
            }
            if (read.Unsettled)
            {
                unsettled++;
                _unsettled.Add(path);
                continue; // keep the previous state; the next pass reads it again
            }
            if (read.Result.Item is { } item)
            {
                if (before?.Error is not null && before.Published is not null)
                    fixedFiles.Add(path);
                // The same bytes read again (a touch, a copy over itself) give the same item: the
                // old object is kept, so no document is rebuilt and no hub is pinged for nothing.
                if (before is { Error: null, Published: { } was } && before.Hash == read.Hash
                    && was.Published == item.Published && was.Updated == item.Updated)
                {
                    SetFile(path, before, before with
                    {
                        Length = read.Length,
                        LastWrite = read.LastWrite,
                        Change = read.Change,
                        Inode = read.Inode,
                        Proven = Proven(read),
                    });
                    continue;
                }
                problems.AddRange(read.Result.Problems);
                SetFile(path, before, new FileState(read.Length, read.LastWrite, item, null, false, read.Hash, read.Change, read.Inode,
                    read.Result.Problems, Proven(read)));
                _indexStale |= !read.FromIndex;
                NoteChanged(path);
                changed++;
                continue;
            }

            var error = read.Result.Error!;
            var lastGood = before?.Published;
            var repeated = before?.ReadFailed == true && read.ReadFailed && before.Error == error;
            if (!repeated)
            {
                changed++;
                problems.AddRange(read.Result.Problems.Select(p => p.Level == ProblemLevel.Error && lastGood is not null
                    ? p with { Message = p.Message + "; the previous version stays published until the file is fixed" }
                    : p));
            }
            SetFile(path, before, new FileState(read.Length, read.LastWrite, lastGood, error, read.ReadFailed));
            _indexStale = true;
        }
        return (changed, unsettled);
    }

    /// <summary>Below this the body store is never compacted (tests set it low).</summary>
    internal long CompactBodiesAbove { init => _bodies.CompactAbove = value; }

    /// <summary>Closes the body store; items not yet rendered then render with their summaries only.</summary>
    public void Dispose() => _bodies.Dispose();

}
