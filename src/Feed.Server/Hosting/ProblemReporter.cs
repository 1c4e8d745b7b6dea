namespace Feed.Server.Hosting;

/// <summary>Says what is wrong with item files in the log: once per change of a file, once per duplicate.</summary>
public sealed class ProblemReporter(ILogger<FeedService> logger)
{
    HashSet<ItemProblem> _publicationProblems = [];

    /// <summary>Warnings of one kind (one message) said file by file; past these, one line with the count.</summary>
    public const int WarningsOfAKind = 20;

    /// <summary>One warning per skipped file, naming every reason with its line; other notes one each, a kind summarized past <see cref="WarningsOfAKind"/>.</summary>
    public void Report(IEnumerable<ItemProblem> problems)
    {
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in problems.GroupBy(p => p.Path))
        {
            var errors = file.Where(p => p.Level == ProblemLevel.Error).ToList();
            if (errors.Count > 0)
                Log.Skipped(logger, file.Key, string.Join("; ", errors.Select(e => e.Line is { } line ? $"line {line}: {e.Message}" : e.Message)));
            foreach (var note in file.Where(p => p.Level != ProblemLevel.Error))
            {
                if (note.Level != ProblemLevel.Warning)
                    Log.ItemNote(logger, note);
                else if ((kinds[note.Message] = kinds.GetValueOrDefault(note.Message) + 1) <= WarningsOfAKind)
                    Log.ItemWarning(logger, note);
            }
        }
        foreach (var (message, count) in kinds)
        {
            if (count > WarningsOfAKind)
                Log.MoreWarnings(logger, count - WarningsOfAKind, message);
        }
    }

    /// <summary>Problems of the whole set (duplicate ids, shared pages) come back on every rebuild: each is said once.</summary>
    public void ReportOnce(IReadOnlyList<ItemProblem> problems)
    {
        Report(problems.Where(p => !_publicationProblems.Contains(p)));
        _publicationProblems = [.. problems];
    }
}
