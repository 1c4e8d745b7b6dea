namespace Feed.Folder;

// Each file's state as it changes, with what the states add up to kept beside it.
public sealed partial class ItemFolder
{
    // What the files' states add up to, kept as they change rather than counted over every file
    // at each pass: the broken files, those that could not be read, and the items, one slot per
    // file that has one (a pass copies the list, not 100,000 states read again).
    int _skipped;
    readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    readonly List<NewsItem> _items = [];
    readonly List<string> _itemPaths = [];
    readonly Dictionary<string, int> _itemSlots = new(StringComparer.Ordinal);

    /// <param name="before">The file's state until now (<see cref="_files"/>'s), looked up by the caller.</param>
    void SetFile(string path, FileState? before, FileState state)
    {
        if (before?.Error is not null)
            _skipped--;
        _files[path] = state;
        if (state.Error is not null)
            _skipped++;
        if (state.ReadFailed)
            _failed.Add(path);
        else if (_failed.Count > 0) // almost always empty: a start would look up every path for nothing
            _failed.Remove(path);
        SetItem(path, state.Published);
    }

    FileState? RemoveFile(string path)
    {
        if (!_files.Remove(path, out var state))
            return null;
        if (state.Error is not null)
            _skipped--;
        _failed.Remove(path);
        SetItem(path, null);
        return state;
    }

    void SetItem(string path, NewsItem? item)
    {
        if (_itemSlots.TryGetValue(path, out var slot))
        {
            if (item is not null)
            {
                _items[slot] = item;
                return;
            }
            var last = _items.Count - 1;
            (_items[slot], _itemPaths[slot]) = (_items[last], _itemPaths[last]);
            _itemSlots[_itemPaths[slot]] = slot;
            _items.RemoveAt(last);
            _itemPaths.RemoveAt(last);
            _itemSlots.Remove(path);
        }
        else if (item is not null)
        {
            _itemSlots[path] = _items.Count;
            _items.Add(item);
            _itemPaths.Add(path);
        }
    }

    List<NewsItem> CurrentItems() => [.. _items];
}
