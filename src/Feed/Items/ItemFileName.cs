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
        var prefix = DatePrefix().Match(fileName);
        datePrefix = prefix.Success ? prefix.Groups["date"].Value : null;
        var slug = SlugPath(path, prefix.Success ? fileName[prefix.Length..] : fileName);
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
