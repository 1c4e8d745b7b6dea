using System.Collections.Concurrent;
using Feed.Items.Body;

namespace Feed.Tests.Items.Body;

/// <summary>A silent loss: a render that drops most of a story's text is said, with its file and line.</summary>
public sealed class TextLossTests
{
    static readonly string Words = string.Concat(Enumerable.Repeat("Reporters wrote every word of this paragraph for readers. ", 8));

    // Renders each item and returns the losses said for these paths (the event is process-wide).
    static List<ItemProblem> LossesWhenRendered(IEnumerable<NewsItem> items)
    {
        var list = items.ToList();
        var paths = list.Select(i => i.SourcePath).ToHashSet(StringComparer.Ordinal);
        var found = new ConcurrentQueue<ItemProblem>();
        void Collect(ItemProblem problem)
        {
            if (paths.Contains(problem.Path))
                found.Enqueue(problem);
        }
        TextLoss.Found += Collect;
        try
        {
            foreach (var item in list)
                _ = item.RenderContent();
        }
        finally
        {
            TextLoss.Found -= Collect;
        }
        return [.. found];
    }

    [Theory]
    [InlineData("title: Forms")] // rendered from the parsed Markdown
    [InlineData("title: Forms\nsummary: How forms work.")] // rendered later, from the waiting body
    public void A_story_whose_text_a_closed_script_swallows_is_said_with_its_line(string front)
    {
        var item = Parse.Item("lost.md", $"---\n{front}\ndate: 2024-06-27\n---\nIntro.\n\nThe page loads <script> before\n{Words}\n\nand ends with </script> at last.\n");
        var problem = Assert.Single(LossesWhenRendered([item]));
        Assert.Equal(ProblemLevel.Warning, problem.Level);
        Assert.Equal(front.Contains("summary", StringComparison.Ordinal) ? 8 : 7, problem.Line);
        Assert.Contains("loses text when published", problem.Message);
        Assert.Contains("from \"before Reporters", problem.Message);
        Assert.DoesNotContain("Reporters wrote", item.RenderContent());
    }

    [Fact]
    public void Allowed_markup_and_a_short_story_that_loses_its_script_are_not_a_loss()
    {
        var kept = Parse.Item("kept.md", $"---\ntitle: Kept\ndate: 2024-06-27\n---\nThe <b>bold</b> and <i>italic</i> words, and <span>a span</span>.\n\n{Words}\n");
        var mentioned = Parse.Item("mentioned.md", $"---\ntitle: Mentioned\ndate: 2024-06-27\n---\nThe <title> element names a page.\n\n{Words}\n");
        var embed = Parse.Item("embed.md", "---\ntitle: Embed\ndate: 2024-06-27\n---\nA post.\n\n<script async src=\"https://platform.twitter.com/widgets.js\"></script>\n");
        Assert.Empty(LossesWhenRendered([kept, mentioned, embed]));
        Assert.Contains("The &lt;title&gt; element", mentioned.RenderContent());
    }

    [Fact]
    public void No_file_of_the_fixture_the_corpora_the_migration_folder_or_the_sample_items_loses_text()
    {
        string[] roots =
        [
            Path.Combine(Repository.TestsDirectory, "Corpus"), Path.Combine(Repository.TestsDirectory, "Fixtures"),
            Path.Combine(Repository.Root, "tests", "Interop", "fixture"), Path.Combine(Repository.Root, "tests", "Migration"), Path.Combine(Repository.Root, "items"),
        ];
        var items = roots.Where(Directory.Exists)
            .SelectMany(root => Directory.GetFiles(root, "*.md", SearchOption.AllDirectories))
            .Select(file => Parse.Result(Path.GetRelativePath(Repository.Root, file), File.ReadAllBytes(file)).Item)
            .OfType<NewsItem>()
            .ToList();
        Assert.True(items.Count > 40, $"only {items.Count} items");
        Assert.Empty(LossesWhenRendered(items).Select(p => p.ToString()));
    }
}
