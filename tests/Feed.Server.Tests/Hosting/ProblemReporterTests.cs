using Feed.Server.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>What the log says of item problems (200,000 "no date" warnings made 58 MB of log on one start).</summary>
public sealed class ProblemReporterTests
{
    const string NoDate = "has no date, so the file's modification time is used";

    [Fact]
    public void Repeated_warnings_of_one_kind_are_summarized_after_the_first_twenty()
    {
        var logger = new FakeLogger<FeedService>();
        var problems = Enumerable.Range(0, 500).Select(i => new ItemProblem($"story-{i:000}.md", null, NoDate, ProblemLevel.Warning))
            .Append(new ItemProblem("other.md", null, "'expires' is not after 'date'", ProblemLevel.Warning))
            .Append(new ItemProblem("broken.md", 3, "front matter is not valid YAML"));
        new ProblemReporter(logger).Report(problems);

        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Equal(20, lines.Count(l => l.StartsWith("story-", StringComparison.Ordinal)));
        Assert.Contains("story-019.md: " + NoDate, lines);
        Assert.Contains("480 more files: " + NoDate, lines);
        Assert.Contains("other.md: 'expires' is not after 'date'", lines);
        Assert.Contains(lines, l => l.StartsWith("Skipped broken.md", StringComparison.Ordinal));
        Assert.Equal(23, lines.Count);
    }
}
