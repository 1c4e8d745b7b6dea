namespace Feed.Ledger;

/// <summary>
/// The scanned stories, by file, so that a ledger read at start keeps each story's own copy of
/// its id, page, path and title rather than one of its own per row: at 100,000 stories the
/// ledger's copies were about a fifth of the heap.
/// </summary>
public sealed class SharedStrings
{
    readonly Dictionary<string, NewsItem> _bySource;

    SharedStrings(Dictionary<string, NewsItem> bySource) => _bySource = bySource;

    /// <summary>No stories: every row is kept as it is read.</summary>
    public static SharedStrings None { get; } = new([]);

    public static SharedStrings Of(IReadOnlyCollection<NewsItem> items)
    {
        var bySource = new Dictionary<string, NewsItem>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
            bySource.TryAdd(item.SourcePath, item);
        return new(bySource);
    }

    /// <summary>The story scanned at this path, or null.</summary>
    public NewsItem? At(ReadOnlySpan<char> sourcePath) =>
        _bySource.Count > 0 && _bySource.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(sourcePath, out var item) ? item : null;

    /// <summary>The row with the strings of the story scanned at its path wherever they are equal.</summary>
    public StoryRecord Share(StoryRecord row) => !_bySource.TryGetValue(row.SourcePath, out var item) ? row : row with
    {
        Id = Same(row.Id, item.Id),
        PagePath = Same(row.PagePath, item.PagePath),
        SourcePath = item.SourcePath,
        Title = Same(row.Title, item.Title),
    };

    static string Same(string read, string scanned) => read == scanned ? scanned : read;
}
