using System.Text.RegularExpressions;

namespace Feed.Items;

/// <summary>What an item's file name gives: a date prefix (2024-06-27-budget.md) and the slug.</summary>
public static partial class ItemFileName
{
    /// <summary>
    /// The slug from the file's path: its folders and its name less any date prefix; empty when it
    /// has no letters or digits. <paramref name="datePrefix"/> is the prefix's date as written, or null.
    /// </summary>
    public static string Slug(string path, out string? datePrefix)
    {
        var fileName = Path.GetFileNameWithoutExtension(path);
        // The prefix is the date's ten characters and the separators after them: read by place
        // once the regex matched, not through a Match and its groups (every file has a name).
        var prefixed = DatePrefix().IsMatch(fileName);
        datePrefix = prefixed ? fileName[..10] : null;
        var slug = SlugPath(path, prefixed ? fileName.AsSpan(10).TrimStart("-_ .").ToString() : fileName);
        return slug.Length > 0 ? slug : SlugPath(path, fileName);
    }

    /// <summary>
    /// The slug of a file below the items folder: its folders and name, each made URL-safe, so that
    /// budget.md and desk2/budget.md are two stories with two URLs ("budget", "desk2/budget").
    /// </summary>
    public static string SlugPath(string path, string name)
    {
        if (!path.Contains('/'))
            return Items.Text.Slug.From(name); // a file at the top of the folder: most of them
        var folders = path.Split('/')[..^1].Select(Items.Text.Slug.From).Where(s => s.Length > 0).ToList();
        // A Hugo leaf bundle (posts/cricket-final/index.md) is named by its folder.
        if (name.Equals("index", StringComparison.OrdinalIgnoreCase) && folders.Count > 0)
            return string.Join('/', folders);
        var slug = Items.Text.Slug.From(name);
        return slug.Length == 0 ? "" : string.Join('/', folders.Append(slug));
    }

    [GeneratedRegex("^(?<date>" + ItemDate.DayPattern + ")(?:[-_ .]+|$)")]
    private static partial Regex DatePrefix();
}
