namespace Feed.Tests.Items;

/// <summary>Where a story's title comes from, and what is removed from it.</summary>
public class ItemTitleTests
{
    [Fact]
    public void Front_matter_title_wins_over_heading_and_first_sentence()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\ntitle: Given\n---\n# Heading\n\nFirst sentence. Second.\n");
        Assert.Equal("Given", item.Title);
        // The heading is body text here, so it stays, a level down: the title is the page's one <h1>.
        Assert.Contains("<h2>Heading</h2>", item.RenderContent());
        Assert.DoesNotContain("<h1", item.RenderContent());
    }

    [Fact]
    public void First_markdown_heading_is_the_title_and_leaves_the_body()
    {
        var item = Parse.Item("2024-01-01-x.md", "# The *real* headline\n\nBody text here.\n");
        Assert.Equal("The real headline", item.Title);
        Assert.DoesNotContain("<h1", item.RenderContent());
        Assert.Equal("Body text here.", item.Summary);
    }

    [Fact]
    public void Without_title_or_heading_the_first_sentence_is_the_title()
    {
        var item = Parse.Item("2024-01-01-x.md", "Mr. Smith went to Washington on Monday. Then he left.\n");
        Assert.Equal("Mr. Smith went to Washington on Monday", item.Title);
    }

    [Fact]
    public void Markdown_first_paragraph_that_is_the_whole_derived_title_leaves_the_body()
    {
        var item = Parse.Item("2024-01-01-x.md", "Officials met in *Karachi* on Monday.\n\nThey agreed to meet again.\n");
        Assert.Equal("Officials met in Karachi on Monday", item.Title);
        Assert.Equal("<p>They agreed to meet again.</p>\n", item.RenderContent());
        Assert.Equal("They agreed to meet again.", item.Summary);
    }

    [Fact]
    public void Markdown_first_paragraph_longer_than_the_title_stays_in_the_body() =>
        Assert.StartsWith("<p>Mr. Smith went", Parse.Item("2024-01-01-x.md", "Mr. Smith went to Washington on Monday. Then he left.\n\nMore.\n").RenderContent());

    [Theory]
    [InlineData("2024-01-01-x.txt", "date 2024-01-01\n", "write the story, with its headline as the first line")]
    [InlineData("2024-01-01-x.md", "---\ndate: 2024-01-01\n---\n", "add 'title:' to the front matter")]
    public void No_title_error_gives_the_advice_that_fits_the_file(string path, string text, string advice) =>
        Assert.Contains(advice, Parse.Error(path, text).Message);

    // A right-to-left override shows "Invoice\u202Egnp.exe" as "Invoiceexe.png" in a
    // reader's list; Unicode's bidi embedding and isolate controls have no place in a plain-text title.
    [Theory]
    [InlineData("---\ntitle: \"Invoice\u202Egnp.exe\"\n---\nText.\n", "Invoicegnp.exe")]
    [InlineData("---\ntitle: \"\u2066Isolated\u2069 and \u202Aembedded\u202C\"\n---\nText.\n", "Isolated and embedded")]
    [InlineData("# Heading \u202Dforced\u202C\n\nText.\n", "Heading forced")]
    public void Bidi_control_characters_are_stripped_from_titles(string text, string title) =>
        Assert.Equal(title, Parse.Item("2024-01-01-bidi.md", text).Title);
}
