namespace Feed.Items.FrontMatter;

/// <summary>
/// The keys of an item's front matter, typed and checked (read by <see cref="FrontMatterReader"/>).
/// A struct: the reader sets one field a key with <c>with</c>, which then copies on the stack
/// rather than allocating a copy a key.
/// </summary>
public readonly record struct FrontMatterFields
{
    public FrontMatterFields() { }

    public string? Title { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Updated { get; init; }

    /// <summary>The line of the <c>updated</c> key, for a warning when its date is still to come.</summary>
    public int? UpdatedLine { get; init; }
    public string? Id { get; init; }
    public string? Slug { get; init; }
    public IReadOnlyList<Person>? Authors { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public Uri? Link { get; init; }
    public LeadImage? Image { get; init; }
    public Enclosure? Enclosure { get; init; }

    /// <summary>The lines of the <c>image</c> and <c>enclosure</c> keys, for a warning when the file they name is not served.</summary>
    public int? ImageLine { get; init; }
    public int? EnclosureLine { get; init; }
    public string? Language { get; init; }
    public bool Draft { get; init; }
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The enclosure's running time (<c>duration</c>).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The transcript's URL as written (absolute, or a path on the site), and its line.</summary>
    public string? Transcript { get; init; }
    public int? TranscriptLine { get; init; }

    /// <summary>Earlier paths of the story (<c>aliases</c>, <c>redirect_from</c>), each with its line.</summary>
    public IReadOnlyList<(string Path, int Line)> Aliases { get; init; } = [];

    /// <summary>The page's own path on the old site (Jekyll <c>permalink</c>, Hugo <c>url</c>), with its line.</summary>
    public (string Path, int Line)? Permalink { get; init; }
}
