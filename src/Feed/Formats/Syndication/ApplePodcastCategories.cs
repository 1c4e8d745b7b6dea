namespace Feed.Formats.Syndication;

/// <summary>
/// Apple Podcasts' categories and their subcategories, spelt as itunes:category must give them
/// (https://podcasters.apple.com/support/1691-apple-podcasts-categories; the W3C validator's list).
/// </summary>
public static class ApplePodcastCategories
{
    public static readonly IReadOnlyDictionary<string, string[]> All = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Arts"] = ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
        ["Business"] = ["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"],
        ["Comedy"] = ["Comedy Interviews", "Improv", "Stand-Up"],
        ["Education"] = ["Courses", "How To", "Language Learning", "Self-Improvement"],
        ["Fiction"] = ["Comedy Fiction", "Drama", "Science Fiction"],
        ["Government"] = [],
        ["History"] = [],
        ["Health & Fitness"] = ["Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"],
        ["Kids & Family"] = ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
        ["Leisure"] = ["Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"],
        ["Music"] = ["Music Commentary", "Music History", "Music Interviews"],
        ["News"] = ["Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"],
        ["Religion & Spirituality"] = ["Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Spirituality"],
        ["Science"] = ["Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"],
        ["Society & Culture"] = ["Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"],
        ["Sports"] = ["Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming",
            "Tennis", "Volleyball", "Wilderness", "Wrestling"],
        ["Technology"] = [],
        ["True Crime"] = [],
        ["TV & Film"] = ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
    };

    /// <summary>
    /// "News" or "News/Daily News" as Apple spells it, or null with why not (a close spelling is
    /// named, as "news" for "News").
    /// </summary>
    public static (string Category, string? Subcategory)? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Split('/', 2, StringSplitOptions.TrimEntries);
        var category = All.Keys.FirstOrDefault(k => k == parts[0]);
        if (category is null)
        {
            var near = All.Keys.FirstOrDefault(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase));
            error = near is not null ? $"'{parts[0]}' is spelt '{near}' by Apple"
                : $"'{parts[0]}' is not one of Apple's categories ({string.Join(", ", All.Keys)})";
            return null;
        }
        if (parts.Length == 1)
            return (category, null);
        var sub = All[category].FirstOrDefault(s => string.Equals(s, parts[1], StringComparison.OrdinalIgnoreCase));
        if (sub is null || sub != parts[1])
        {
            error = sub is not null ? $"'{parts[1]}' is spelt '{sub}' by Apple"
                : $"'{parts[1]}' is not a subcategory of {category} ({(All[category].Length == 0 ? "it has none" : string.Join(", ", All[category]))})";
            return null;
        }
        return (category, sub);
    }
}
