using System.IO.Enumeration;
using Feed.Folder;

namespace Feed.Assets;

/// <summary>
/// Finds the files beside the stories that are served (<see cref="AssetTypes"/>): never a hidden
/// file or folder, never a story, never a symbolic link or anything below one. Each file's bytes
/// are hashed once for its ETag and again only when its size or time changes. One caller at a time.
/// </summary>
public sealed class AssetScan(string root)
{
    Dictionary<string, AssetFile> _known = new(StringComparer.Ordinal);

    public string Root { get; } = System.IO.Path.GetFullPath(root);

    /// <summary>The served files now, and how many were added, changed or removed since the last scan.</summary>
    public (IReadOnlyList<AssetFile> Files, int Changed) Scan()
    {
        var found = new Dictionary<string, AssetFile>(StringComparer.Ordinal);
        var changed = 0;
        if (Directory.Exists(Root))
        {
            var pending = new Stack<(string Dir, string Prefix)>();
            pending.Push((Root, ""));
            while (pending.Count > 0)
            {
                var (dir, prefix) = pending.Pop();
                List<(string Name, bool IsDirectory, long Length, DateTime LastWrite)> entries;
                try
                {
                    entries = [.. new FileSystemEnumerable<(string, bool, long, DateTime)>(dir,
                        static (ref FileSystemEntry e) => (e.FileName.ToString(), e.IsDirectory, e.Length, e.LastWriteTimeUtc.UtcDateTime), Listing)
                    {
                        // A link is left out whatever it points at: inside, the file is served at
                        // its own path; outside, it could publish any file on the machine. Names are
                        // judged first: the attributes cost a status call, and most names are stories.
                        ShouldIncludePredicate = static (ref FileSystemEntry e) => !e.FileName.StartsWith('.') && !ItemNames.IsIgnored(e.FileName)
                            && (e.IsDirectory || (!ItemNames.IsItem(e.FileName) && AssetTypes.Of(e.FileName.ToString()) is not null))
                            && (e.Attributes & FileAttributes.ReparsePoint) == 0,
                    }];
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue; // an unlistable folder serves nothing; the item scan reports it
                }
                foreach (var (name, isDirectory, length, lastWrite) in entries)
                {
                    var path = prefix + name;
                    if (isDirectory)
                    {
                        pending.Push((System.IO.Path.Join(dir, name), path + "/"));
                        continue;
                    }
                    // An empty file serves nothing, and a FIFO (which lists as empty) would block the open.
                    if (length == 0)
                        continue;
                    if (_known.TryGetValue(path, out var known) && known.Length == length && known.LastWriteUtc == lastWrite)
                    {
                        found[path] = known;
                        continue;
                    }
                    if (Hash(System.IO.Path.Join(dir, name)) is not { } hash)
                        continue;
                    found[path] = new AssetFile(path, AssetTypes.Of(name)!, length, lastWrite, hash);
                    changed++;
                }
            }
        }
        changed += _known.Keys.Count(k => !found.ContainsKey(k));
        _known = found;
        return ([.. found.Values.OrderBy(f => f.Path, StringComparer.Ordinal)], changed);
    }

    static readonly EnumerationOptions Listing = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    static ulong? Hash(string path)
    {
        try
        {
            // A link made since the listing is not hashed, so not served.
            using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.SequentialScan });
            if (!stream.CanSeek || File.ResolveLinkTarget(path, false) is not null)
                return null;
            var hash = new System.IO.Hashing.XxHash3();
            hash.Append(stream);
            return hash.GetCurrentHashAsUInt64();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // unreadable now: not served; the next scan tries again
        }
    }
}
