namespace Feed.Items;

/// <summary>Which file names are stories, and which of them are Markdown rather than plain text (docs/items.md).</summary>
public static class ItemFiles
{
    static readonly string[] MarkdownExtensions = [".md", ".markdown"];
    static readonly string[] PlainTextExtensions = [".txt"];

    /// <summary>True for a Markdown story (.md, .markdown); any other story is plain text.</summary>
    public static bool IsMarkdown(ReadOnlySpan<char> path) => EndsWithAny(path, MarkdownExtensions);

    /// <summary>A Markdown or plain-text file name.</summary>
    public static bool IsItem(ReadOnlySpan<char> name) => IsMarkdown(name) || EndsWithAny(name, PlainTextExtensions);

    /// <summary>A Hugo leaf bundle's story (index.md, index.markdown), which owns the files of its folder.</summary>
    public static bool IsBundleIndex(ReadOnlySpan<char> name) =>
        IsMarkdown(name) && name[..name.LastIndexOf('.')].Equals("index", StringComparison.OrdinalIgnoreCase);

    static bool EndsWithAny(ReadOnlySpan<char> name, string[] extensions)
    {
        foreach (var extension in extensions)
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
