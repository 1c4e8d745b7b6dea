using System.Diagnostics;
using System.Text;
using Feed.Documents;
using Feed.Folder;
using Feed.Items;
using Feed.Publishing;
using Feed.Site;
using Feed.Testing;
using Feed.Tests.Items.FrontMatter;

namespace Feed.Tests.Items;

/// <summary>
/// Every item is parsed and rendered within its budget (Feed:MaxItemRenderTime): input
/// known to be quadratic in Markdig or the sanitizer is refused before they start, an item whose
/// render goes over is refused naming the file, and no item holds up the others.
/// </summary>
public sealed class ItemRenderBudgetTests
{
    static readonly TimeSpan Budget = Parse.Settings.MaxItemRenderTime;

    // 250,000 nested <b> (750 KB) took 199 s and 365 MB in the sanitizer; 160 KB of "[a](" took 17 s in Markdig.
    static readonly string NestedBold = string.Concat(Enumerable.Repeat("<b>", 250_000));
    static readonly string LinkOpeners = string.Concat(Enumerable.Repeat("[a](", 40_000));

    static ItemProblem RefusedQuickly(string path, string text)
    {
        var watch = Stopwatch.StartNew();
        var result = Parse.Result(path, text);
        _ = result.Item?.RenderContent(); // a lazy render counts too
        watch.Stop();
        Assert.True(watch.Elapsed < 2 * Budget, $"took {watch.Elapsed}");
        Assert.Null(result.Item);
        return Assert.Single(result.Problems, p => p.Level == ProblemLevel.Error);
    }

    [Theory]
    [InlineData("---\ntitle: T\n---\nIntro.\n\n")]                // rendered now
    [InlineData("---\ntitle: T\nsummary: S\n---\nIntro.\n\n")]    // rendered when first shown
    public void Html_nested_past_the_depth_limit_is_refused_before_the_sanitizer_starts(string head)
    {
        var problem = RefusedQuickly("2024-01-01-bold.md", head + NestedBold + "\n");
        Assert.Equal("nests HTML elements more than 1,000 deep, which would take too long to render (Feed:MaxItemRenderTime); simplify the markup", problem.Message);
        Assert.Equal(6 + head.Count(c => c == '\n') - 5, problem.Line);
    }

    [Theory]
    [InlineData("---\ntitle: T\n---\n")]
    [InlineData("---\ntitle: T\nsummary: S\n---\n")]
    public void A_long_run_of_unclosed_link_openers_is_refused_before_markdig_starts(string head)
    {
        var problem = RefusedQuickly("2024-01-01-links.md", head + "Intro.\n\n" + LinkOpeners + "\n");
        Assert.Equal("opens more than 1,000 links ('](') in one paragraph without closing them, which would take too long to render (Feed:MaxItemRenderTime); close each with ')'", problem.Message);
        Assert.Equal(head.Count(c => c == '\n') + 3, problem.Line);
    }

    [Fact]
    public void Ordinary_nesting_and_many_closed_links_are_published()
    {
        var links = string.Concat(Enumerable.Repeat("[a](https://example.org/) ", 2_000));
        var nested = string.Concat(Enumerable.Repeat("<span>", 500)) + "deep" + string.Concat(Enumerable.Repeat("</span>", 500));
        var item = Parse.Item("2024-01-01-fine.md", $"---\ntitle: T\n---\n{links}\n\n{nested}\n\nEnd.\n");
        Assert.Contains("deep", item.RenderContent());
        Assert.Contains("End.", item.RenderContent());
    }

    [Fact]
    public void Unclosed_link_openers_in_separate_paragraphs_do_not_add_up()
    {
        var paragraphs = string.Join("\n\n", Enumerable.Repeat(string.Concat(Enumerable.Repeat("[a](", 500)), 4));
        Assert.Contains("End.", Parse.Item("2024-01-01-paragraphs.md", $"---\ntitle: T\n---\n{paragraphs}\n\nEnd.\n").RenderContent());
    }

    [Fact]
    public void An_item_whose_render_takes_longer_than_the_budget_is_refused_naming_the_setting()
    {
        // No front matter: the clock is read when the parse starts and after the body is rendered.
        var clock = new SteppingClock(Budget * 1.5);
        var result = ItemParser.Parse(new ItemSource("2024-01-01-slow.md", Encoding.UTF8.GetBytes("# Title\n\nText.\n"), Parse.FileTime), Parse.Settings, readHead: true, clock);
        Assert.Null(result.Item);
        Assert.Equal("took longer than Feed:MaxItemRenderTime (1 s) to render; simplify the story or raise the limit",
            Assert.Single(result.Problems, p => p.Level == ProblemLevel.Error).Message);
    }

    [Fact]
    public void An_item_over_the_budget_once_is_read_again_and_published()
    {
        // The first look is slow (a process compiling its parsers, a pause of the machine); the second is not.
        var clock = new SlowOnceClock(Budget * 2);
        var result = ItemParser.Parse(new ItemSource("2024-01-01-first.md", Encoding.UTF8.GetBytes("# Title\n\nText.\n"), Parse.FileTime), Parse.Settings, readHead: true, clock);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal("Title", result.Item!.Title);
    }

    static void SpinFor(TimeSpan time)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < time) { }
    }

    /// <summary>A clock whose second reading is <paramref name="jump"/> after the first, and which stands still otherwise.</summary>
    sealed class SlowOnceClock(TimeSpan jump) : TimeProvider
    {
        int _reads;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ++_reads >= 2 ? jump.Ticks : 0;
    }

    [Fact]
    public void A_render_made_later_past_the_budget_is_reported_naming_the_file()
    {
        var reported = new List<ItemProblem>();
        void Record(ItemProblem problem)
        {
            if (problem.Path == "2024-01-01-later.md")
                lock (reported) reported.Add(problem);
        }
        ItemBudget.Overrun += Record;
        try
        {
            // A limit of zero and a render that lasts at least one tick of the clock: over, whatever the machine.
            ItemBudget.Timed("2024-01-01-later.md", TimeSpan.Zero, () =>
            {
                var started = Stopwatch.GetTimestamp();
                while (Stopwatch.GetTimestamp() == started) { }
                return "<p>x</p>";
            });
            ItemBudget.Timed("2024-01-01-later.md", TimeSpan.FromHours(1), () => "<p>quick</p>");
            // Slow the first time only (the process compiling the renderer): not reported.
            var renders = 0;
            ItemBudget.Timed("2024-01-01-later.md", TimeSpan.FromMilliseconds(20), () =>
            {
                if (renders++ == 0)
                    SpinFor(TimeSpan.FromMilliseconds(100));
                return "<p>warm</p>";
            });
        }
        finally
        {
            ItemBudget.Overrun -= Record;
        }
        var problem = Assert.Single(reported);
        Assert.StartsWith("took longer than Feed:MaxItemRenderTime (0 ms) to render", problem.Message);
        Assert.Equal(ProblemLevel.Warning, problem.Level);
    }

    [Fact]
    public void A_folder_holding_hostile_files_publishes_every_other_item_within_twice_the_budget()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 20; i++)
            folder.Write($"2024-01-{i + 1:00}-story-{i}.md", $"---\ntitle: Story {i}\n---\nText of story {i}.\n");
        // Warmed up on the good stories alone first: the time measured is the hostile files', not the JIT's.
        using (var warm = new ItemFolder(folder.Path, Parse.Settings))
            _ = FeedSnapshot.Build(Publication.Select(warm.Scan().Items, Parse.FileTime), Parse.Settings);
        folder.Write("2024-02-01-bold.md", "---\ntitle: Bold\nsummary: S\n---\n" + NestedBold);
        folder.Write("2024-02-01-links.md", "---\ntitle: Links\n---\n" + LinkOpeners);
        folder.Write("2024-02-01-laughs.md", BoundedYamlParserTests.BillionLaughs());
        var watch = Stopwatch.StartNew();
        using var items = new ItemFolder(folder.Path, Parse.Settings);
        var scan = items.Scan();
        var snapshot = FeedSnapshot.Build(Publication.Select(scan.Items, Parse.FileTime), Parse.Settings);
        watch.Stop();
        Assert.True(watch.Elapsed < 2 * Budget, $"took {watch.Elapsed}");
        Assert.Equal(20, scan.Items.Count);
        Assert.NotNull(snapshot.Document(SitePaths.Rss));
        Assert.Equal(["2024-02-01-bold.md", "2024-02-01-laughs.md", "2024-02-01-links.md"],
            scan.Problems.Where(p => p.Level == ProblemLevel.Error).Select(p => p.Path).Order(StringComparer.Ordinal));
    }
}
