using System.Xml.Linq;
using Feed.Items.Body;

namespace Feed.Tests.Items.Body;

/// <summary>item HTML is cut to what news aggregators accept, unless TrustedHtml is set.</summary>
public class ContentSanitizerTests
{
    [Theory]
    [InlineData("script", "<p>a</p><script>alert(1)</script>", "<p>a</p>")]
    [InlineData("style", "<style>p{color:red}</style><p>a</p>", "<p>a</p>")]
    [InlineData("object", "<object data=\"x.swf\"><param name=\"a\" value=\"b\">fallback</object><p>a</p>", "<p>a</p>")]
    [InlineData("embed", "<embed src=\"x.swf\"><p>a</p>", "<p>a</p>")]
    [InlineData("event handler", "<img src=\"https://e.example/x.png\" onerror=\"alert(1)\" alt=\"x\">", "<img src=\"https://e.example/x.png\" alt=\"x\" />")]
    [InlineData("javascript URL", "<a href=\"javascript:alert(1)\" onclick=\"alert(2)\">a link</a>", "<a>a link</a>")]
    [InlineData("style attribute", "<p style=\"position:fixed\">a</p>", "<p>a</p>")]
    [InlineData("form controls", "<form action=\"https://e.example/\"><input name=\"q\"><button>Go</button></form>", "Go")]
    [InlineData("iframe from an unknown host", "<iframe src=\"https://evil.example/x\"></iframe><p>a</p>", "<p>a</p>")]
    [InlineData("iframe over http", "<iframe src=\"http://www.youtube.com/embed/x\"></iframe><p>a</p>", "<p>a</p>")]
    [InlineData("comment", "<!-- note --><p>a</p>", "<p>a</p>")]
    public void Clean_removes_what_aggregators_refuse(string what, string html, string expected)
    {
        var cleaned = ContentSanitizer.Clean(html);
        Assert.True(cleaned == expected, $"{what}: expected {expected}, got {cleaned}");
    }

    [Theory]
    [InlineData("https://www.youtube.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://player.vimeo.com/video/1")]
    [InlineData("https://open.spotify.com/embed/track/1")]
    public void Clean_keeps_https_iframes_from_embed_hosts(string src)
    {
        var html = $"<iframe src=\"{src}\" width=\"560\" height=\"315\" allowfullscreen=\"\"></iframe>";
        Assert.Equal($"<iframe src=\"{src}\" width=\"560\" height=\"315\" allowfullscreen=\"\"></iframe>", ContentSanitizer.Clean(html));
    }

    [Fact]
    public void Clean_keeps_article_markup_links_images_tables_and_footnote_anchors()
    {
        const string html = "<h2 id=\"x\">Sub</h2>\n<p>A <a href=\"https://e.example/a\">link</a>, <em>em</em> and <code>&lt;code&gt;</code>.<br>"
            + "<a href=\"#fn:1\">1</a> <a href=\"mailto:desk@e.example\">mail</a></p>\n"
            + "<figure><img src=\"https://e.example/p.jpg\" alt=\"p\" width=\"640\" height=\"480\"><figcaption>Cap</figcaption></figure>\n"
            + "<table class=\"scores\"><thead><tr><th>T</th></tr></thead><tbody><tr><td>3</td></tr></tbody></table>\n";
        Assert.Equal(html.Replace("<br>", "<br />", StringComparison.Ordinal).Replace("height=\"480\">", "height=\"480\" />", StringComparison.Ordinal),
            ContentSanitizer.Clean(html));
    }

    [Fact]
    public void Clean_keeps_the_text_of_a_stray_tag_and_closes_what_is_left_open()
    {
        // Markdown passes "<brackets>" through as a tag; a browser shows the text around it, and so do we.
        Assert.Equal("<p>Use  here &amp; <b>bold</b></p>", ContentSanitizer.Clean("<p>Use <brackets> here &amp; <b>bold</b></p>"));
        Assert.Equal("<p>unclosed <i>italic</i></p>", ContentSanitizer.Clean("<p>unclosed <i>italic"));
        Assert.Equal("<p>a&#160;b</p><p></p>", ContentSanitizer.Clean("<p>a&nbsp;b</p><p></p>"));
    }

    [Fact]
    public void Clean_makes_a_raw_h1_an_h2_so_the_title_stays_the_one_h1()
    {
        Assert.Equal("<h2 id=\"top\">Big <em>news</em></h2><p>a</p>", ContentSanitizer.Clean("<h1 id=\"top\">Big <em>news</em></h1><p>a</p>"));
    }

    [Theory]
    [InlineData("<p>unclosed <b>bold <i>both</p> after")]
    [InlineData("<table><td>cell<tr>row</table><li>stray item")]
    [InlineData("<img src=x alt='a \"quoted\" &amp; <odd>'><br><hr><p>a&nbsp;b &copy; &eacute;</p>")]
    [InlineData("<p>a < b && c > d</p></div></span>")]
    [InlineData("<svg><script>alert(1)</script></svg><math><mi>x</mi></math>text")]
    public void Clean_output_is_always_well_formed_even_for_an_xml_parser(string html)
    {
        var clean = ContentSanitizer.Clean(html);
        XDocument.Parse("<root>" + clean + "</root>");
        Assert.DoesNotContain("script", clean);
    }

    [Fact]
    public void Content_asked_for_again_is_sanitized_once_and_held()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\ntitle: T\nsummary: S\n---\n<script>x</script>\n\nText.\n");
        _ = item.RenderContent(); // a first request is rendered and not held (RenderCache)
        Assert.Same(item.RenderContent(), item.RenderContent());
    }

    [Fact]
    public void Markdown_items_are_sanitized_by_default()
    {
        var item = Parse.Item("2024-01-01-x.md", "<script>alert(1)</script>\n\n<img src=\"x.png\" onerror=\"alert(2)\" alt=\"x\">\n\n[a](javascript:alert(3))\n");
        Assert.DoesNotContain("script", item.RenderContent());
        Assert.DoesNotContain("onerror", item.RenderContent());
        Assert.DoesNotContain("javascript:", item.RenderContent());
        Assert.Contains("<img src=\"https://news.example.com/x.png\" alt=\"x\" />", item.RenderContent());
    }

    [Fact]
    public void Deferred_markdown_is_sanitized_when_first_rendered()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\ntitle: T\nsummary: S\n---\n<script>alert(1)</script>\n\nText.\n");
        Assert.Equal("\n<p>Text.</p>\n", item.RenderContent());
    }

    [Fact]
    public void Trusted_html_is_published_as_written()
    {
        var trusted = Parse.Settings with { TrustedHtml = true };
        foreach (var text in new[] { "<script>alert(1)</script>\n\nText.\n", "---\ntitle: T\nsummary: S\n---\n<script>alert(1)</script>\n\nText.\n" })
            Assert.Contains("<script>alert(1)</script>", Parse.Item("2024-01-01-x.md", text, trusted).RenderContent());
    }

    [Fact]
    public void Entities_that_decode_to_characters_xml_forbids_are_removed()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\ntitle: T\n---\n<p>bell &#1; here</p>\n");
        Assert.Equal("<p>bell  here</p>\n", item.RenderContent());
    }

    // HTML parsers read what follows <title>, <script>, <style>, <textarea> or <iframe>
    // as the element's text up to its closing tag: named in running text with no closing tag, it
    // swallowed the rest of the story. Such a tag is text, kept for the reader.
    [Theory]
    [InlineData("title", "---\ntitle: T\n---\n")]
    [InlineData("script", "---\ntitle: T\n---\n")]
    [InlineData("style", "---\ntitle: T\n---\n")]
    [InlineData("textarea", "---\ntitle: T\n---\n")]
    [InlineData("iframe", "---\ntitle: T\n---\n")]
    [InlineData("title", "---\ntitle: T\nsummary: S\n---\n")] // rendered when first shown
    [InlineData("SCRIPT", "---\ntitle: T\nsummary: S\n---\n")]
    public void Running_text_that_names_an_element_keeps_every_word_after_it(string element, string head)
    {
        var html = Parse.Item("2024-01-01-names.md", head + $"The page's <{element}> element names it.\n\nSecond paragraph survives.\n").RenderContent();
        Assert.Contains($"&lt;{element}&gt; element names it.", html);
        Assert.Contains("<p>Second paragraph survives.</p>", html);
    }

    [Fact]
    public void A_closed_script_is_still_removed_whole()
    {
        var html = Parse.Item("2024-01-01-closed.md", "---\ntitle: T\n---\nBefore <script>alert(1)</script> after.\n\n<script>\nalert(2)\n</script>\n\nLast.\n").RenderContent();
        Assert.DoesNotContain("alert", html);
        Assert.Contains("after.", html);
        Assert.Contains("Last.", html);
    }

    [Fact]
    public void An_unclosed_script_block_is_not_markup_and_the_paragraphs_after_it_survive()
    {
        var html = Parse.Item("2024-01-01-block.md", "---\ntitle: T\n---\nFirst.\n\n<script>\n\nSecond paragraph survives.\n").RenderContent();
        Assert.DoesNotContain("<script", html);
        Assert.Contains("Second paragraph survives.", html);
    }
}
