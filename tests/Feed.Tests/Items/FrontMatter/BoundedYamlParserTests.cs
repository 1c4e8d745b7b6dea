using System.Diagnostics;
using System.Text;
using Feed.Items;

namespace Feed.Tests.Items.FrontMatter;

/// <summary>
/// Front matter is read in bounded time and memory: what would make YamlDotNet hash or
/// build an exponential tree is refused, event by event, before it builds anything.
/// </summary>
public sealed class BoundedYamlParserTests
{
    static readonly TimeSpan Budget = Parse.Settings.MaxItemRenderTime;

    /// <summary>The 707-byte billion-laughs item: ten aliases a level, nine levels, then the last used as a key.</summary>
    public static string BillionLaughs()
    {
        var text = new StringBuilder("---\ntitle: Laughs\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 8; level++)
            text.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n");
        return text.Append("? *a8\n: x\n---\nText.\n").ToString();
    }

    static ItemProblem Refused(string text, TimeProvider? clock = null)
    {
        var watch = Stopwatch.StartNew();
        var result = ItemParser.Parse(new ItemSource("hostile.md", Encoding.UTF8.GetBytes(text), Parse.FileTime), Parse.Settings, readHead: true, clock ?? TimeProvider.System);
        watch.Stop();
        Assert.Null(result.Item);
        // Against a generous bound, twice the budget: the refusal comes from the checks, not the clock.
        Assert.True(watch.Elapsed < 2 * Budget, $"took {watch.Elapsed}");
        return Assert.Single(result.Problems, p => p.Level == ProblemLevel.Error);
    }

    [Fact]
    public void Alias_used_as_key_is_refused_quickly()
    {
        var problem = Refused("---\ntitle: T\nname: &n x\n*n : y\n---\nText.\n");
        Assert.Equal(4, problem.Line);
        Assert.Equal("front matter uses the alias '*n' as a key; write the key out", problem.Message);
    }

    [Fact]
    public void Billion_laughs_with_an_alias_as_key_is_refused_quickly()
    {
        var problem = Refused(BillionLaughs());
        Assert.Equal(6, problem.Line); // a3: the first alias whose expansion passes the bound
        Assert.Equal("front matter aliases expand to more than 10,000 values; write the values out", problem.Message);
    }

    [Fact]
    public void Complex_key_is_refused_with_its_line()
    {
        var problem = Refused("---\ntitle: T\n? [a, b]\n: x\n---\nText.\n");
        Assert.Equal(3, problem.Line);
        Assert.Equal("front matter uses a list or a set of keys as a key; keys are single words such as 'title'", problem.Message);
    }

    [Fact]
    public void Thirty_two_kilobytes_of_question_marks_are_refused_quickly()
    {
        var problem = Refused("---\ntitle: T\n" + string.Concat(Enumerable.Repeat("? ", 16 * 1024)) + "\n---\nText.\n");
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("front matter uses a list or a set of keys as a key", problem.Message);
    }

    [Fact]
    public void More_than_a_hundred_aliases_are_refused()
    {
        var aliases = string.Join(", ", Enumerable.Repeat("*t", 101));
        var problem = Refused($"---\ntitle: T\ntags: [&t x, {aliases}]\n---\nText.\n");
        Assert.Equal(3, problem.Line);
        Assert.Equal("front matter uses more than 100 aliases ('*name'); write the values out", problem.Message);
    }

    [Fact]
    public void A_few_aliases_as_values_are_still_read()
    {
        var item = Parse.Item("2024-01-01-a.md", "---\ntitle: &t Same words\nsummary: *t\ntags: &k [a, b]\ncategories: *k\n---\nText.\n");
        Assert.Equal(("Same words", "Same words"), (item.Title, item.Summary));
        Assert.Equal(["a", "b"], item.Tags);
    }

    [Fact]
    public void Yaml_front_matter_past_the_time_budget_is_refused_naming_the_setting()
    {
        var problem = Refused("---\ntitle: T\nsummary: S\nauthor: A\ntags: [a, b, c]\n---\nText.\n", new SteppingClock(Budget / 4));
        Assert.Contains("took longer than Feed:MaxItemRenderTime (1 s)", problem.Message);
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void Toml_front_matter_past_the_time_budget_is_refused_naming_the_setting()
    {
        var problem = Refused("+++\ntitle = \"T\"\nsummary = \"S\"\ntags = [\"a\", \"b\", \"c\"]\n+++\nText.\n", new SteppingClock(Budget / 4));
        Assert.Contains("took longer than Feed:MaxItemRenderTime (1 s)", problem.Message);
    }
}
