using System.Text;

namespace Feed.Tests.Items;

/// <summary>Every kind of bad file in the README's "Items" gets one clear problem: file, line where known, reason.</summary>
public class BadItemTests
{
    [Fact]
    public void Invalid_yaml_names_its_line()
    {
        var error = Parse.Error("2024-01-01-x.md", "---\ntitle: ok\ntags: [unclosed\ndate: 2024-01-01\n---\nText.\n");
        Assert.Equal("2024-01-01-x.md", error.Path);
        Assert.InRange(error.Line!.Value, 3, 5);
        Assert.StartsWith("front matter is not valid YAML", error.Message);
    }

    [Fact]
    public void Unterminated_front_matter_says_to_close_it()
    {
        var error = Parse.Error("2024-01-01-x.md", "---\ntitle: Never closed\n\nText.\n");
        Assert.Equal(1, error.Line);
        Assert.Contains("no closing '---'", error.Message);
    }

    [Fact]
    public void Front_matter_that_is_a_list_is_refused()
    {
        var error = Parse.Error("2024-01-01-x.md", "---\n- a\n- b\n---\nText.\n");
        Assert.Equal(2, error.Line);
        Assert.Contains("'key: value' lines", error.Message);
    }

    [Fact]
    public void A_list_where_a_value_belongs_names_the_key_and_line()
    {
        var error = Parse.Error("2024-01-01-x.md", "---\ndate: 2024-01-01\ntitle: [a, b]\n---\nText.\n");
        Assert.Equal(3, error.Line);
        Assert.Equal("'title' must be a single value, not a list", error.Message);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("27/06/2024")]
    public void Unreadable_date_names_the_key_line_and_the_expected_form(string date)
    {
        var error = Parse.Error("x.md", $"---\ntitle: T\n\ndate: {date}\n---\nText.\n");
        Assert.Equal(4, error.Line);
        Assert.Contains($"'date' is not a date: '{date}'", error.Message);
        Assert.Contains("RFC 3339", error.Message);
    }

    [Fact]
    public void Unreadable_date_marker_is_a_problem()
    {
        var error = Parse.Error("x.txt", "\n date 2024-02-31 Text.\n");
        Assert.Equal(2, error.Line);
        Assert.Contains("not a real date", error.Message);
    }

    [Fact]
    public void Not_utf8_names_the_line_of_the_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("---\ntitle: T\n---\nCaf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var error = Parse.Error("2024-01-01-x.md", bytes);
        Assert.Equal(4, error.Line);
        Assert.Contains("is not UTF-8", error.Message);
        Assert.Contains("0xE9", error.Message);
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        var error = Parse.Error("2024-01-01-x.md", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0, 0x0D });
        Assert.Contains("not UTF-8", error.Message);
        Assert.Contains("binary", Parse.Error("2024-01-01-y.md", new byte[] { (byte)'a', 0, (byte)'b' }).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\n")]
    public void Empty_file_is_refused(string text) =>
        Assert.Equal("is empty; write a story in it or delete it", Parse.Error("2024-01-01-x.md", text).Message);

    [Fact]
    public void Only_front_matter_without_a_title_is_refused_but_with_one_is_a_link_post()
    {
        Assert.Contains("no title", Parse.Error("2024-01-01-x.md", "---\ndate: 2024-01-01\n---\n").Message);
        var linkPost = Parse.Item("2024-01-01-x.md", "---\ntitle: Worth reading\nlink: https://example.org/a\n---\n");
        Assert.Equal("", linkPost.RenderContent());
    }

    [Fact]
    public void File_over_the_size_limit_is_refused_with_the_setting_to_change()
    {
        var small = Parse.Settings with { MaxItemBytes = 100 };
        var error = Parse.Error("2024-01-01-x.md", new string('a', 101), small);
        Assert.Contains("over the 100-byte limit (Feed:MaxItemBytes)", error.Message);
    }

    [Fact]
    public void Several_problems_in_one_file_are_all_reported()
    {
        var result = Parse.Result("x.md", "---\ndate: soon\nid: nope\nlink: ftp://x\n---\nText.\n");
        Assert.Null(result.Item);
        Assert.Equal([2, 3, 4], result.Problems.Where(p => p.Level == ProblemLevel.Error).Select(p => p.Line!.Value));
    }

    [Fact]
    public void Problem_reads_as_file_line_and_reason() =>
        Assert.Equal("world/x.md:3: bad", new ItemProblem("world/x.md", 3, "bad").ToString());

    [Fact]
    public void Deeply_nested_front_matter_is_refused_before_it_can_overflow_the_stack()
    {
        var error = Parse.Error("2024-01-01-x.md", "---\ntitle: T\ntags: " + new string('[', 100_000) + "\n---\nText.\n");
        Assert.Contains("more than 64 levels deep", error.Message);
    }

    [Fact]
    public void Yaml_escapes_for_forbidden_characters_are_stripped_from_every_value()
    {
        var item = Parse.Item("2024-01-01-x.md",
            "---\nid: \"urn:x:\\x01one\"\nauthor: {name: \"Jane\\x01 Doe\", email: \"jane@example.com\"}\ntags: [\"a\\x02b\"]\n---\nText.\n");
        Assert.Equal("urn:x:one", item.Id);
        Assert.Equal("Jane Doe", item.Authors[0].Name);
        Assert.Equal(["ab"], item.Tags);
    }
}
