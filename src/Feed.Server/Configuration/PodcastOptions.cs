using Feed.Formats.Syndication;

namespace Feed.Server.Configuration;

/// <summary>
/// <c>Feed:Podcast:*</c>, the podcast feed's channel (docs/formats.md, "The podcast feed"). Unset:
/// no podcast feed. Set but incomplete or wrong: one warning at start and no podcast feed, while
/// the news feeds are served as always (<see cref="ToSettings"/>).
/// </summary>
public sealed class PodcastOptions
{
    /// <summary>The show's artwork: an http(s) URL of a square JPEG or PNG, 1400 to 3000 pixels a side.</summary>
    public string? Image { get; set; }

    /// <summary>One of Apple's categories, optionally with a subcategory: "News" or "News/Daily News".</summary>
    public string? Category { get; set; }

    /// <summary>The email address Apple and directories write to (itunes:owner, podcast:locked).</summary>
    public string? OwnerEmail { get; set; }

    /// <summary>The owner's name; Feed:Author (else Feed:Title) when not set.</summary>
    public string? OwnerName { get; set; }

    /// <summary>true or false: whether the episodes hold explicit content (itunes:explicit).</summary>
    public string? Explicit { get; set; }

    /// <summary>podcast:locked: other platforms may not import the show without the owner's word (default true).</summary>
    public bool Locked { get; set; } = true;

    bool AnySet => Image is not null || Category is not null || OwnerEmail is not null || OwnerName is not null || Explicit is not null;

    /// <summary>
    /// The podcast settings, or null: when none is set (and <paramref name="problem"/> is null), or
    /// with <paramref name="problem"/> naming every key that is missing or wrong, in one line.
    /// </summary>
    public PodcastSettings? ToSettings(string author, out string? problem)
    {
        problem = null;
        if (!AnySet)
            return null;
        var wrong = new List<string>();
        Uri? image = null;
        if (string.IsNullOrWhiteSpace(Image))
            wrong.Add("Feed:Podcast:Image is missing (the URL of a square JPEG or PNG of 1400 to 3000 pixels)");
        else if (!Uri.TryCreate(Image, UriKind.Absolute, out image) || image.Scheme is not ("http" or "https"))
            wrong.Add($"Feed:Podcast:Image must be an absolute http(s) URL (got '{Image}')");
        (string Category, string? Subcategory)? category = null;
        string? categoryError = null;
        if (string.IsNullOrWhiteSpace(Category))
            wrong.Add("Feed:Podcast:Category is missing (one of Apple's, such as News or News/Daily News)");
        else if ((category = ApplePodcastCategories.Parse(Category.Trim(), out categoryError)) is null)
            wrong.Add($"Feed:Podcast:Category: {categoryError}");
        if (string.IsNullOrWhiteSpace(OwnerEmail))
            wrong.Add("Feed:Podcast:OwnerEmail is missing (where Apple writes to the show's owner)");
        else if (!System.Net.Mail.MailAddress.TryCreate(OwnerEmail.Trim(), out var address) || address.Address != OwnerEmail.Trim())
            wrong.Add($"Feed:Podcast:OwnerEmail must be an email address such as podcast@example.com (got '{OwnerEmail}')");
        var isExplicit = Explicit?.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" or "clean" => (bool?)false,
            _ => null,
        };
        if (isExplicit is null)
            wrong.Add(Explicit is null ? "Feed:Podcast:Explicit is missing (true or false)" : $"Feed:Podcast:Explicit must be true or false (got '{Explicit}')");
        if (wrong.Count > 0)
        {
            problem = string.Join("; ", wrong);
            return null;
        }
        return new PodcastSettings(image!, category!.Value.Category, category.Value.Subcategory, OwnerEmail!.Trim(),
            string.IsNullOrWhiteSpace(OwnerName) ? author : OwnerName.Trim(), isExplicit!.Value, Locked);
    }
}
