namespace Feed.Tests.Items.FrontMatter;

/// <summary>
/// URLs in front matter lead to the web: 'image', an author's 'uri', 'link' and an
/// enclosure's 'url' are http(s) or relative to the story (made absolute); 'javascript:', 'data:'
/// and other schemes are refused with their line, as is such an 'id'.
/// </summary>
public sealed class FrontMatterUrlTests
{
    [Theory]
    [InlineData("image: javascript:alert(1)", "'image' must be an http(s) URL or a path relative to the story")]
    [InlineData("image: JavaScript:alert(1)", "'image' must be an http(s) URL or a path relative to the story")]
    [InlineData("image: data:image/png;base64,iVBORw0KGgo=", "'image' must be an http(s) URL or a path relative to the story")]
    [InlineData("image: {path: 'javascript:alert(1)', alt: A}", "'image' must be an http(s) URL or a path relative to the story")]
    [InlineData("images: ['data:image/png;base64,AA']", "'images' must be an http(s) URL or a path relative to the story")]
    [InlineData("author: {name: A, uri: 'javascript:alert(1)'}", "'author' uri must be an absolute http(s) URL")]
    [InlineData("link: javascript:alert(1)", "'link' must be an absolute http(s) URL")]
    [InlineData("enclosure: data:audio/mpeg;base64,AA", "'enclosure' needs an http(s) URL or the path of a file beside the stories")]
    [InlineData("id: javascript:alert(1)", "'id' must not be a javascript: or data: URI")]
    [InlineData("id: data:text/html,hello", "'id' must not be a javascript: or data: URI")]
    public void A_url_that_is_not_the_web_is_refused_with_its_line(string line, string message)
    {
        var problem = Parse.Error("2024-01-01-url.md", $"---\ntitle: T\n{line}\n---\nText.\n");
        Assert.StartsWith(message, problem.Message);
        Assert.Equal(3, problem.Line);
    }

    [Theory]
    [InlineData("image: lead.jpg", "https://news.example.com/lead.jpg")] // beside the story file, items/2024-01-01-x.md
    [InlineData("image: /media/lead.jpg", "https://news.example.com/media/lead.jpg")]
    [InlineData("image: https://cdn.example.org/lead.jpg", "https://cdn.example.org/lead.jpg")]
    [InlineData("image: //cdn.example.org/lead.jpg", "https://cdn.example.org/lead.jpg")]
    public void Web_and_relative_image_urls_are_published_absolute(string line, string expected) =>
        Assert.Equal(expected, Parse.Item("2024-01-01-url.md", $"---\ntitle: T\n{line}\n---\nText.\n").Image!.Url.AbsoluteUri);

    [Fact]
    public void Tag_urn_and_https_ids_are_still_ids()
    {
        foreach (var id in new[] { "tag:example.com,2024:x", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "https://example.com/x" })
            Assert.Equal(id, Parse.Item("2024-01-01-id.md", $"---\ntitle: T\nid: {id}\n---\nText.\n").Id);
    }
}
