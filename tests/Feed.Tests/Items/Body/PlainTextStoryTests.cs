using Feed.Items.Text;
namespace Feed.Tests.Items.Body;

/// <summary>Wire copy as it arrives (docs/items.md): headlines, date markers, sentences.</summary>
public class PlainTextStoryTests
{
    static readonly TimeZoneInfo Karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

    [Fact]
    public void Headline_line_is_the_title_and_leaves_the_body_and_the_summary()
    {
        var item = Parse.Item("2026-11-28-rates.txt",
            "Pakistan central bank holds key rate at 12%\n\nThe State Bank of Pakistan kept its policy rate unchanged on Monday. Analysts had expected a cut.\n\nMarkets rose.\n");
        Assert.Equal("Pakistan central bank holds key rate at 12%", item.Title);
        Assert.Equal("The State Bank of Pakistan kept its policy rate unchanged on Monday. Analysts had expected a cut.", item.Summary);
        Assert.StartsWith("<p>The State Bank", item.RenderContent());
        Assert.DoesNotContain("holds key rate", item.RenderContent());
    }

    [Theory]
    [InlineData("Pakistan central bank holds key rate at 12%\nThe State Bank kept its rate.\n\nMore.\n")] // no blank line after it
    [InlineData("The State Bank kept its rate unchanged.\n\nMore.\n")] // closing punctuation
    [InlineData("Pakistan central bank holds key rate at 12% after a two-day meeting of its monetary policy committee in Karachi\n\nMore.\n")] // long
    public void A_first_line_is_a_headline_only_when_short_unpunctuated_and_followed_by_a_blank_line(string text)
    {
        var item = Parse.Item("2026-11-28-rates.txt", text);
        Assert.NotEqual(TextCut.CollapseWhitespace(text.Split('\n')[0]), item.Title);
    }

    [Fact]
    public void Front_matter_title_keeps_a_headline_like_first_line_in_the_body()
    {
        var item = Parse.Item("2026-11-28-rates.txt", "---\ntitle: Given\n---\nRates held at 12%\n\nThe story.\n");
        Assert.Equal("Given", item.Title);
        Assert.StartsWith("<p>Rates held at 12%</p>", item.RenderContent());
    }

    [Fact]
    public void Derived_title_that_is_the_whole_first_sentence_does_not_repeat_in_the_body()
    {
        var item = Parse.Item("2024-01-01-x.txt", "Officials met in Karachi on Monday. They agreed to meet again.\n\nMore talks follow.\n");
        Assert.Equal("Officials met in Karachi on Monday", item.Title);
        Assert.Equal("<p>They agreed to meet again.</p>\n<p>More talks follow.</p>\n", item.RenderContent());
        Assert.Equal("They agreed to meet again.", item.Summary);
    }

    [Fact]
    public void Derived_title_that_is_a_whole_paragraph_takes_the_paragraph_out_of_the_body()
    {
        var item = Parse.Item("2024-01-01-x.txt", "Officials met in Karachi on Monday.\n\nThey agreed to meet again.\n");
        Assert.Equal("<p>They agreed to meet again.</p>\n", item.RenderContent());
    }

    [Fact]
    public void A_one_sentence_story_keeps_its_sentence_as_the_body() =>
        Assert.Equal("<p>Officials met in Karachi on Monday.</p>\n", Parse.Item("2024-01-01-x.txt", "Officials met in Karachi on Monday.\n").RenderContent());

    [Fact]
    public void Derived_title_cut_at_a_clause_leaves_the_whole_sentence_in_the_body()
    {
        var item = Parse.Item("2024-06-27-x.txt", File.ReadAllText(Path.Combine(Repository.Root, "items", "2024-06-27-us-backs-operation-azm-e-istehkam.txt")));
        Assert.StartsWith("<p>The United States (US) has voiced its support for Pakistan in response to Operation Azm-e-Istehkam, a new initiative", item.RenderContent());
    }

    [Theory]
    [InlineData("date 2026-11-28\n\nStory text.\n", "2026-11-28T00:00:00+05:00")]
    [InlineData("  date 2026-11-28 Story text.\n", "2026-11-28T00:00:00+05:00")]
    [InlineData("Date: 2026-11-28\nStory text.\n", "2026-11-28T00:00:00+05:00")]
    [InlineData("DATE:2026-11-28\nStory text.\n", "2026-11-28T00:00:00+05:00")]
    [InlineData("date 2026-11-28T13:00:00+05:00\n\nStory text.\n", "2026-11-28T13:00:00+05:00")]
    [InlineData("\n\t date 2026-11-28T08:00:00Z\nStory text.\n", "2026-11-28T13:00:00+05:00")]
    [InlineData("Date: 2026-11-28 13:00 +05:00\nStory text.\n", "2026-11-28T13:00:00+05:00")]
    [InlineData("date 2026-11-28T13:00\nStory text.\n", "2026-11-28T13:00:00+05:00")] // no offset: read in Feed:TimeZone
    public void Date_marker_takes_a_date_or_a_date_time_and_leaves_the_body(string text, string published)
    {
        var item = Parse.Item("story.txt", text, Parse.Settings with { TimeZone = Karachi });
        Assert.Equal(DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), item.Published);
        Assert.Equal("<p>Story text.</p>\n", item.RenderContent());
        Assert.Equal("Story text", item.Title);
    }

    [Fact]
    public void Date_marker_then_headline_line_gives_date_and_title()
    {
        var item = Parse.Item("story.txt", "date 2026-11-28T13:00:00+05:00\n\nPakistan central bank holds key rate at 12%\n\nThe story.\n");
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("Pakistan central bank holds key rate at 12%", item.Title);
        Assert.Equal("<p>The story.</p>\n", item.RenderContent());
    }

    [Fact]
    public void Date_marker_that_is_not_a_real_date_makes_the_file_bad_with_its_line()
    {
        var error = Parse.Error("story.txt", "\ndate 2026-02-30\n\nThe story.\n");
        Assert.Equal(2, error.Line);
        Assert.Contains("'date 2026-02-30' is not a real date", error.Message);
    }

    [Theory]
    [InlineData("代表们在首都开会。会议持续到深夜。\n\n第二段。\n", "代表们在首都开会")]
    [InlineData("مندوبین دارالحکومت میں جمع ہوئے۔ اجلاس رات گئے تک جاری رہا۔\n\nدوسرا پیراگراف۔\n", "مندوبین دارالحکومت میں جمع ہوئے")]
    [InlineData("هل انتهى الأمر؟ لا أحد يعرف.\n\nفقرة ثانية.\n", "هل انتهى الأمر؟")]
    public void Derived_titles_end_at_cjk_arabic_and_urdu_full_stops(string text, string title) =>
        Assert.Equal(title, Parse.Item("2024-01-01-x.txt", text).Title);

    [Fact]
    public void Subheading_may_end_in_a_symbol_but_not_in_closing_punctuation()
    {
        var html = Parse.Item("2024-01-01-x.txt", "First, a sentence.\n\nMore.\n\nRates at 12%\n\nText.\n\n“No comment”\n\nEnd.\n").RenderContent();
        Assert.Contains("<h2>Rates at 12%</h2>", html);
        Assert.Contains("<p>“No comment”</p>", html);
    }
}
