namespace Feed.Tests.Items;

/// <summary>Where a story's published and updated dates come from, and the warnings when it has none.</summary>
public class ItemParserDateTests
{
    [Fact]
    public void Date_comes_from_front_matter_before_marker_and_file_name()
    {
        var item = Parse.Item("2020-01-01-x.txt", "---\ndate: 2024-06-27T14:30:00+05:00\n---\ndate 2021-01-01 Text.\n");
        Assert.Equal(new DateTimeOffset(2024, 6, 27, 14, 30, 0, TimeSpan.FromHours(5)), item.Published);
        Assert.Equal("tag:news.example.com,2024-06-27:x", item.Id);
    }

    [Fact]
    public void Date_comes_from_the_file_name_prefix_when_nothing_else_gives_one()
    {
        var item = Parse.Item("2023-05-06-story.md", "Text.\n");
        Assert.Equal(new DateTimeOffset(2023, 5, 6, 0, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("story", item.Slug);
    }

    [Fact]
    public void Without_a_date_a_story_is_dated_when_read_until_the_ledger_says_when_first_published()
    {
        var result = Parse.Result("story.md", "Text.\n");
        Assert.Equal(Parse.FileTime, result.Item!.Published);
        Assert.True(result.Item.Undated);
        var warning = Assert.Single(result.Problems);
        Assert.Equal(ProblemLevel.Warning, warning.Level);
        Assert.Contains("dated when Feed first published it", warning.Message);
    }

    [Theory]
    [InlineData("story.txt", "Text.\n", "add a first line 'date YYYY-MM-DD'")]
    [InlineData("story.md", "Text.\n", "add 'date: YYYY-MM-DD' to the front matter")]
    [InlineData("story.txt", "---\ntitle: T\n---\nText.\n", "add 'date: YYYY-MM-DD' to the front matter")]
    public void No_date_warning_gives_the_advice_that_fits_the_file(string path, string text, string advice)
    {
        var warning = Assert.Single(Parse.Result(path, text).Problems);
        Assert.Contains(advice, warning.Message);
        Assert.Contains("YYYY-MM-DD- prefix to the file name", warning.Message);
    }

    [Fact]
    public void Date_without_time_is_midnight_in_the_configured_zone()
    {
        var karachi = Parse.Settings with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi") };
        var item = Parse.Item("x.md", "---\ndate: 2024-06-27\n---\nText.\n", karachi);
        Assert.Equal(new DateTimeOffset(2024, 6, 27, 0, 0, 0, TimeSpan.FromHours(5)), item.Published);
    }

    [Fact]
    public void Updated_defaults_to_the_published_date_and_can_be_given()
    {
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero),
            Parse.Item("2024-01-01-x.md", "---\nupdated: 2024-02-03T04:05:06Z\n---\nText.\n").Updated);
    }
}
