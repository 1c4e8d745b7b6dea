using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Feed.Documents;
using Feed.Publishing;

namespace Feed.Tests.Formats;

/// <summary>schema.org JSON-LD on the pages: what Google's article guidance asks for, and nothing that can close the block.</summary>
public partial class StructuredDataTests
{
    static JsonElement JsonLd(byte[] page)
    {
        var blocks = JsonLdBlock().Matches(Encoding.UTF8.GetString(page));
        var block = Assert.Single(blocks);
        return JsonDocument.Parse(block.Groups[1].Value).RootElement.Clone();
    }

    [Fact]
    public void A_story_page_carries_a_NewsArticle_with_every_field_the_item_has()
    {
        var article = JsonLd(Fixture.Snapshot().ItemPage("/2024/07/01/every-field")!.Identity.Body);
        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", article.GetProperty("@type").GetString());
        Assert.Equal("Every field, \"quoted\" & <escaped>", article.GetProperty("headline").GetString());
        Assert.Equal("A summary written by hand.", article.GetProperty("description").GetString());
        var image = article.GetProperty("image");
        Assert.Equal("https://news.example.com/images/lead.jpg", image.GetProperty("url").GetString());
        Assert.Equal(1200, image.GetProperty("width").GetInt32());
        Assert.Equal(675, image.GetProperty("height").GetInt32());
        Assert.Equal("2024-07-01T14:30:00+05:00", article.GetProperty("datePublished").GetString());
        Assert.Equal("2024-07-02T08:00:00Z", article.GetProperty("dateModified").GetString());
        var authors = article.GetProperty("author").EnumerateArray().ToList();
        Assert.Equal(["Jane Doe", "Ali Khan"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(["Person", "Person"], authors.Select(a => a.GetProperty("@type").GetString()));
        Assert.Equal("https://news.example.com/authors/jane-doe", authors[0].GetProperty("url").GetString());
        var publisher = article.GetProperty("publisher");
        Assert.Equal("Organization", publisher.GetProperty("@type").GetString());
        Assert.Equal("Example News", publisher.GetProperty("name").GetString());
        Assert.Equal("https://news.example.com/logo.png", publisher.GetProperty("logo").GetProperty("url").GetString());
        // The canonical page is the external link, as rel="canonical" says.
        Assert.Equal("https://example.org/original-story", article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal("en-GB", article.GetProperty("inLanguage").GetString());
    }

    [Fact]
    public void A_story_without_a_byline_is_credited_to_the_newsroom()
    {
        var snapshot = Fixture.Snapshot();
        var item = snapshot.Items.First(i => i.Authors.Count == 0);
        var article = JsonLd(snapshot.ItemPage(item.PagePath)!.Identity.Body);
        Assert.Equal("Organization", article.GetProperty("author")[0].GetProperty("@type").GetString());
        Assert.Equal(item.PageUrl.AbsoluteUri, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal("en", article.GetProperty("inLanguage").GetString());
    }

    [Fact]
    public void No_text_can_close_the_script_block()
    {
        var item = Parse.Item("2024-07-01-x.md",
            "---\ntitle: \"</script><script>alert(1)</script>\"\nauthor: \"</SCRIPT>\"\nsummary: \"<!-- </script\"\ndate: 2024-07-01\n---\nBody.", Fixture.Settings);
        var snapshot = FeedSnapshot.Build(Publication.Select([item], Fixture.Now), Fixture.Settings);
        var page = Encoding.UTF8.GetString(snapshot.ItemPage(item.PagePath)!.Identity.Body);
        var script = page[(page.IndexOf("<script type=\"application/ld+json\">", StringComparison.Ordinal) + 35)..];
        var end = script.IndexOf("</script>", StringComparison.OrdinalIgnoreCase);
        // The first end tag is the block's own, after the whole JSON object.
        var json = JsonDocument.Parse(script[..end]).RootElement;
        Assert.Equal("</script><script>alert(1)</script>", json.GetProperty("headline").GetString());
        Assert.DoesNotContain("<", script[..end], StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_carries_a_WebSite()
    {
        var site = JsonLd(Fixture.Snapshot().Document("/")!.Identity.Body);
        Assert.Equal("WebSite", site.GetProperty("@type").GetString());
        Assert.Equal("Example News", site.GetProperty("name").GetString());
        Assert.Equal("https://news.example.com/", site.GetProperty("url").GetString());
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLdBlock();
}
