namespace Feed;

public enum ProblemLevel
{
    /// <summary>Worth knowing when debugging, such as an unknown front matter key.</summary>
    Debug,

    /// <summary>The item is published, but something about it is fragile.</summary>
    Warning,

    /// <summary>The file cannot be read as an item and is skipped.</summary>
    Error,
}

/// <summary>Something wrong with one item file: which file, which line (when known), what to do.</summary>
public sealed record ItemProblem(string Path, int? Line, string Message, ProblemLevel Level = ProblemLevel.Error)
{
    public override string ToString() => Line is { } line ? $"{Path}:{line}: {Message}" : $"{Path}: {Message}";
}
