using System.Text;

namespace Feed.Tests.Items;

/// <summary>What the parser reads from a file besides its title, dates and identity: summary, body, links, every key.</summary>
public class ItemParserTests
{
    [Fact]
    public void Summary_is_the_first_paragraph_as_plain_text_cut_near_280()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Word *emphasis* [link](/x) text.", 30));
        var item = Parse.Item("2024-01-01-x.md", "# Title\n\n" + paragraph + "\n\nSecond.\n");
        Assert.StartsWith("Word emphasis link text. Word", item.Summary);
        Assert.EndsWith("…", item.Summary);
        Assert.InRange(item.Summary.Length, 200, 281);
    }

    [Fact]
    public void Relative_urls_in_content_are_made_absolute_against_the_item_page()
    {
        var item = Parse.Item("2024-01-01-story.md",
            "[up](../about) ![pic](photo.jpg) [root](/feed.xml) [abs](https://x.example/) [mail](mailto:a@b.c) [frag](#notes)\n\n<img src='/raw.png'>\n");
        // Against the page, /2024/01/01/story, as a browser would resolve them there; a file Feed
        // serves (photo.jpg) where the file is, beside the story's own file.
        Assert.Contains("href=\"https://news.example.com/2024/01/about\"", item.RenderContent());
        Assert.Contains("src=\"https://news.example.com/photo.jpg\"", item.RenderContent());
        Assert.Contains("href=\"https://news.example.com/feed.xml\"", item.RenderContent());
        Assert.Contains("href=\"https://x.example/\"", item.RenderContent());
        Assert.Contains("href=\"mailto:a@b.c\"", item.RenderContent());
        Assert.Contains("href=\"https://news.example.com/2024/01/01/story#notes\"", item.RenderContent());
        Assert.Contains("src=\"https://news.example.com/raw.png\"", item.RenderContent());
    }

    [Fact]
    public void Characters_xml_forbids_are_removed_everywhere()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\ntitle: \"Bell\\a here \\uFFFE\"\n---\nText with \u0001control\u0008 and \uFFFF.\n");
        Assert.Equal("Bell here", item.Title);
        Assert.DoesNotContain('\u0001', item.RenderContent());
        Assert.DoesNotContain('\u0008', item.RenderContent());
        Assert.DoesNotContain('\uFFFF', item.RenderContent());
    }

    [Fact]
    public void Link_from_front_matter_is_the_items_link_and_the_page_stays()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\nlink: https://example.org/original\n---\nText.\n");
        Assert.Equal("https://example.org/original", item.Link.AbsoluteUri);
        Assert.Equal("https://news.example.com/2024/01/01/x", item.PageUrl.AbsoluteUri);
    }

    [Fact]
    public void Every_front_matter_key_is_read()
    {
        var item = Parse.Item("2024-01-01-x.md", """
            ---
            authors:
              - name: Jane Doe
                email: jane@example.com
                uri: https://example.com/jane
              - Ali Khan
            summary: By hand.
            categories: [One, Two, one]
            image: lead.jpg
            enclosure: {url: "https://example.org/a.mp3", type: audio/mpeg, length: 42}
            lang: ur-PK
            draft: yes
            ---
            Text.
            """);
        Assert.Equal([new Person("Jane Doe", "jane@example.com", new Uri("https://example.com/jane")), new Person("Ali Khan")], item.Authors);
        Assert.Equal("By hand.", item.Summary);
        Assert.Equal(["One", "Two"], item.Tags);
        Assert.Equal("https://news.example.com/lead.jpg", item.Image!.Url.AbsoluteUri);
        Assert.Equal(new Enclosure(new Uri("https://example.org/a.mp3"), "audio/mpeg", 42), item.Enclosure);
        Assert.Equal("ur-PK", item.Language);
        Assert.True(item.Draft);
    }

    [Fact]
    public void Unknown_key_is_noted_at_debug_level_and_kept_out()
    {
        var result = Parse.Result("2024-01-01-x.md", "---\ntitle: T\nmood: happy\n---\nText.\n");
        var note = Assert.Single(result.Problems);
        Assert.Equal((ProblemLevel.Debug, 3), (note.Level, note.Line));
        Assert.Contains("mood", note.Message);
    }

    [Fact]
    public void Crlf_line_endings_and_a_bom_read_like_any_other_file()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("---\r\ntitle: Windows\r\n---\r\nFirst.\r\n\r\nSecond.\r\n")).ToArray();
        var item = Parse.Result("2024-01-01-x.md", bytes).Item!;
        Assert.Equal("Windows", item.Title);
        Assert.Equal("First.", item.Summary);
    }
}
