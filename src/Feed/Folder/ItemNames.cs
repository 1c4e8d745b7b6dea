using Feed.Items;

namespace Feed.Folder;

/// <summary>Which names in the items folder are stories (docs/items.md).</summary>
public static class ItemNames
{
    /// <summary>A Markdown or plain-text file name (a name <see cref="IsIgnored"/> passes).</summary>
    public static bool IsItem(ReadOnlySpan<char> name) => ItemFiles.IsItem(name);

    /// <summary>
    /// Hidden files and folders, editor leftovers, and Hugo's section list pages (_index.md),
    /// which are not stories.
    /// </summary>
    public static bool IsIgnored(ReadOnlySpan<char> name) =>
        name.StartsWith('.') || (name.StartsWith('#') && name.EndsWith('#')) || name.EndsWith('~')
        || name.EndsWith(".swp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("_index.", StringComparison.OrdinalIgnoreCase);
}
