using System.Globalization;
using System.IO.Enumeration;

namespace Feed.Folder;

/// <summary>The walk of the whole folder: which files are items, which links are not followed, and how many files are read at most.</summary>
public sealed partial class ItemFolder
{
    /// <summary>What a walk learns besides the files and folders: which subfolders could not be listed.</summary>
    sealed class WalkState
    {
        public List<string> Unlistable { get; } = [];
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
