namespace Feed.Items;

/// <summary>An item, or every reason its file cannot be one; plus warnings either way.</summary>
public sealed record ItemParseResult(NewsItem? Item, IReadOnlyList<ItemProblem> Problems)
{
    public bool IsValid => Item is not null;

    /// <summary>The first problem that made the file unreadable as an item.</summary>
    public ItemProblem? Error => Problems.FirstOrDefault(p => p.Level == ProblemLevel.Error);
}
