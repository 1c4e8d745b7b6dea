using System.Globalization;
using System.IO.Enumeration;
using Feed.Items;
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
    sealed record FileState(long Length, DateTime LastWrite, NewsItem? Published, ItemProblem? Error, bool ReadFailed, ulong Hash = 0);

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
        var reads = new List<(string Path, FileRead Read)>();
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

        reads.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path)); // problems in the same order every time
        var changed = 0;
        var unsettled = 0;
        var fixedFiles = new List<string>();
        foreach (var (path, read) in reads)
        {
            _files.TryGetValue(path, out var before);
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
                    _files[path] = before with { Length = read.Length, LastWrite = read.LastWrite };
                    continue;
                }
                problems.AddRange(read.Result.Problems);
                _files[path] = new FileState(read.Length, read.LastWrite, item, null, false, read.Hash);
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
            _files[path] = new FileState(read.Length, read.LastWrite, lastGood, error, read.ReadFailed);
        }

        foreach (var gone in _gone)
        {
            if (_files.Remove(gone))
                changed++;
            _unsettled.Remove(gone);
        }
        _gone.Clear();
        _retry.Clear();
        foreach (var (path, state) in _files)
        {
            // A file that could not be read is tried again at every pass, named or not, as a walk does.
            if (state.ReadFailed)
                _retry.Add(path);
        }

        _bodies.Compact(_files.Values.Select(f => f.Published?.PendingBody).OfType<PendingBody>());
        var skipped = _files.Values.Count(f => f.Error is not null);
        return new FolderScan(true, CurrentItems(), problems, fixedFiles, reads.Count, changed, skipped, unsettled, LatestTime());
    }

    /// <summary>Below this the body store is never compacted (tests set it low).</summary>
    internal long CompactBodiesAbove { init => _bodies.CompactAbove = value; }

    /// <summary>Closes the body store; items not yet rendered then render with their summaries only.</summary>
    public void Dispose() => _bodies.Dispose();

    List<NewsItem> CurrentItems() => _files.Values.Select(f => f.Published).OfType<NewsItem>().ToList();

    sealed record FileRead(ItemParseResult Result, long Length, DateTime LastWrite, bool ReadFailed = false,
        bool Vanished = false, bool Unsettled = false, ulong Hash = 0);

    /// <summary>What a walk learns besides the files and folders: which subfolders could not be listed.</summary>
    sealed class WalkState
    {
        public List<string> Unlistable { get; } = [];
    }

    /// <summary>An item file's size and modification time, when its status was taken.</summary>
    readonly record struct ItemFile(string Path, long Length, DateTime LastWrite);

    /// <summary>What one file's status said: gone, unchanged, or read again (<see cref="Read"/>).</summary>
    readonly record struct Look(string Path, bool Gone, DateTime LastWrite, FileRead? Read);

    Look LookAt(string path, List<ItemProblem> problems)
    {
        var info = new FileInfo(System.IO.Path.Join(Root, path));
        try
        {
            if (!info.Exists)
            {
                // A name that is not UTF-8 (Latin-1 "café.md") is listed with U+FFFD for the bytes
                // it cannot decode, a name that opens nothing: skipped, said and counted, not lost.
                return path.Contains('\uFFFD', StringComparison.Ordinal)
                    ? new Look(path, false, default, new FileRead(new ItemParseResult(null, [NameNotUtf8(path)]), 0, default, ReadFailed: true))
                    : new Look(path, true, default, null); // deleted since the listing
            }
            if (info.Attributes.HasFlag(FileAttributes.ReparsePoint) && info.LinkTarget is not null)
            {
                SkipLink(path, info, problems);
                return new Look(path, true, default, null);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Look(path, true, default, null);
        }
        var file = new ItemFile(path, info.Length, info.LastWriteTimeUtc);
        var unchanged = _files.TryGetValue(path, out var state) && !state.ReadFailed
            && state.Length == file.Length && state.LastWrite == file.LastWrite;
        return new Look(path, false, file.LastWrite, unchanged ? null : Read(file));
    }

    FileRead Read(ItemFile file)
    {
        var (path, length, lastWrite) = file;
        if (length == 0)
        {
            // Not opened at all: an empty name may be a FIFO or a device, and opening one blocks.
            return new FileRead(new ItemParseResult(null, [ItemParser.Empty(path)]), length, lastWrite);
        }
        if (length > settings.MaxItemBytes)
        {
            // Too big to read at all: say so without loading it.
            return new FileRead(new ItemParseResult(null, [ItemParser.TooLarge(path, length, settings)]), length, lastWrite);
        }

        byte[] bytes;
        DateTime lastWriteAfter;
        long lengthAfter;
        try
        {
            // The handle's own status, before and after: no second lookup of the path.
            using var handle = _opened?.OpenFile(path) ?? File.OpenHandle(System.IO.Path.Join(Root, path));
            bytes = new byte[RandomAccess.GetLength(handle)];
            var done = 0;
            for (int read; done < bytes.Length && (read = RandomAccess.Read(handle, bytes.AsSpan(done), done)) > 0;)
                done += read;
            bytes = done == bytes.Length ? bytes : bytes[..done];
            lastWriteAfter = File.GetLastWriteTimeUtc(handle);
            lengthAfter = RandomAccess.GetLength(handle);
        }
        catch (FileNotFoundException) { return Gone(); }
        catch (DirectoryNotFoundException) { return Gone(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            var reason = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            return new FileRead(new ItemParseResult(null, [new(path, null, $"cannot be read ({reason}); check the file's permissions")]),
                length, lastWrite, ReadFailed: true);
        }

        // A file written in place can be caught half-written: only bytes that were stable across
        // the whole read are trusted, otherwise the next pass reads it again.
        if (lengthAfter != length || lastWriteAfter != lastWrite || bytes.Length != length || IsRecent(lastWrite))
            return new FileRead(new ItemParseResult(null, []), length, lastWrite, Unsettled: true);

        ItemParseResult result;
        try
        {
            result = ItemParser.Parse(new ItemSource(path, bytes, _time.GetUtcNow()), settings, _bodies);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in Feed or a library must cost one file, never the feed.
            result = new ItemParseResult(null, [new(path, null,
                $"could not be read as an item ({e.GetType().Name}: {e.Message}); this is a bug in Feed: please report it with the file")]);
        }
        return new FileRead(result, length, lastWrite, Hash: System.IO.Hashing.XxHash3.HashToUInt64(bytes));

        FileRead Gone() => new(new ItemParseResult(null, []), 0, default, Vanished: true);
    }

    /// <summary>At most <see cref="FeedSettings.MaxItemFiles"/> files, the first by path, so the choice is stable.</summary>
    List<string> Bounded(IEnumerable<string> files, List<ItemProblem> problems)
    {
        var all = files.ToList();
        if (all.Count <= settings.MaxItemFiles)
        {
            _reportedOverflow = 0;
            return all;
        }
        if (_reportedOverflow != all.Count)
        {
            problems.Add(new(".", null, string.Create(CultureInfo.InvariantCulture,
                $"the items folder holds {all.Count:N0} item files, more than Feed:MaxItemFiles ({settings.MaxItemFiles:N0}); only the first {settings.MaxItemFiles:N0} by path are read"),
                ProblemLevel.Warning));
            _reportedOverflow = all.Count;
        }
        all.Sort(string.CompareOrdinal);
        return all.GetRange(0, settings.MaxItemFiles);
    }

    // File times come from the operating system's clock, so they are compared with that clock,
    // not with the clock that decides publication. A time in the future (a skewed clock, a
    // `touch -d`) is trusted rather than waited for forever.
    bool IsRecent(DateTime lastWriteUtc)
    {
        var age = _time.GetUtcNow().UtcDateTime - lastWriteUtc;
        return age >= TimeSpan.Zero && age < settle;
    }

    static readonly EnumerationOptions ListOneFolder = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0, // hidden files are judged by ItemNames, on every platform alike
        ReturnSpecialDirectories = false,
    };

    /// <summary>One entry of a folder listing: what the walk needs, without a FileInfo for each.</summary>
    readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, DateTime LastWrite);

    IEnumerable<string> Walk(List<ItemProblem> problems, WalkState walk)
    {
        _folders.Clear();
        _folders[""] = Directory.GetLastWriteTimeUtc(Root);
        var pending = new Stack<(string Dir, string Prefix)>();
        pending.Push((Root, ""));
        while (pending.Count > 0)
        {
            var (dir, prefix) = pending.Pop();
            List<Entry> entries;
            try
            {
                // A file's status is taken later, on every core (LookAt); a folder's here, to
                // know whether it is a link and when it last changed.
                entries = [.. new FileSystemEnumerable<Entry>(dir,
                    static (ref FileSystemEntry e) => e.IsDirectory
                        ? new Entry(e.FileName.ToString(), true, (e.Attributes & FileAttributes.ReparsePoint) != 0, e.LastWriteTimeUtc.UtcDateTime)
                        : new Entry(e.FileName.ToString(), false, false, default), ListOneFolder)
                {
                    ShouldIncludePredicate = static (ref FileSystemEntry e) => !ItemNames.IsIgnored(e.FileName) && (e.IsDirectory || ItemNames.IsItem(e.FileName)),
                }];
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && prefix.Length > 0)
            {
                walk.Unlistable.Add(prefix);
                if (_reportedLinks.Add("dir:" + prefix))
                    problems.Add(new(prefix.TrimEnd('/'), null, "folder cannot be read (permission denied); its stories stay published as they were until it can be read", ProblemLevel.Warning));
                continue;
            }

            foreach (var entry in entries)
            {
                var path = prefix + entry.Name;
                if (!entry.IsDirectory)
                {
                    yield return path;
                    continue;
                }
                var full = System.IO.Path.Join(dir, entry.Name);
                if (entry.IsLink)
                {
                    if (new DirectoryInfo(full) is { LinkTarget: not null } link)
                        SkipLink(path, link, problems);
                    continue;
                }
                // A deletion or rename inside shows only in the folder's own time.
                _folders[path] = entry.LastWrite;
                pending.Push((full, path + "/"));
            }
        }
    }

    static ItemProblem NameNotUtf8(string path) => new(path, null,
        "has a file name that is not UTF-8 (shown with \uFFFD where its bytes are not), so it cannot be published; rename it in UTF-8");

    // Links are never followed: one inside the folder points at something read anyway, one
    // outside could publish any file on the machine. Files are looked at on every core, hence
    // the lock.
    void SkipLink(string path, FileSystemInfo link, List<ItemProblem> problems)
    {
        lock (_reportedLinks)
        {
            if (_reportedLinks.Add(path) && !IsInside(link))
                problems.Add(new(path, null, "is a symbolic link to outside the items folder and is not followed", ProblemLevel.Warning));
        }
    }

    bool IsInside(FileSystemInfo link)
    {
        try
        {
            var target = link.ResolveLinkTarget(returnFinalTarget: true);
            var full = target is null ? null : Path.GetFullPath(target.FullName);
            return full is not null && (full == _realRoot || full.StartsWith(_realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false; // a loop or a dangling link: outside, as far as publishing goes
        }
    }

    static string RealPath(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true) is { } target
                ? Path.GetFullPath(target.FullName)
                : directory;
        }
        catch (IOException)
        {
            return directory;
        }
    }
}
