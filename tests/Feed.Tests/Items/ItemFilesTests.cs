using Feed.Items;

namespace Feed.Tests.Items;

public class ItemFilesTests
{
    [Theory]
    [InlineData("story.md", true, true)]
    [InlineData("desk/Story.MARKDOWN", true, true)]
    [InlineData("wire.txt", true, false)]
    [InlineData("photo.jpg", false, false)]
    [InlineData("notes.md.bak", false, false)]
    public void Markdown_and_plain_text_are_told_by_the_extension(string path, bool isItem, bool isMarkdown)
    {
        Assert.Equal(isItem, ItemFiles.IsItem(path));
        Assert.Equal(isMarkdown, ItemFiles.IsMarkdown(path));
    }

    [Theory]
    [InlineData("index.md", true)]
    [InlineData("INDEX.markdown", true)]
    [InlineData("index.txt", false)]
    [InlineData("index.x.md", false)]
    [InlineData("reindex.md", false)]
    public void A_bundle_is_named_by_a_markdown_index(string name, bool isBundle) =>
        Assert.Equal(isBundle, ItemFiles.IsBundleIndex(name));
}
