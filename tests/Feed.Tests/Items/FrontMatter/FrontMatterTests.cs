namespace Feed.Tests.Items.FrontMatter;

/// <summary>Front matter as Jekyll and Hugo write it: YAML or TOML, their key names, their shapes.</summary>
public class FrontMatterTests
{
    [Fact]
    public void Toml_front_matter_reads_every_key_like_yaml()
    {
        var item = Parse.Item("post.md", """
            +++
            title = "Hugo post"
            date = 2024-06-27T14:30:00+05:00
            lastmod = 2024-06-28
            draft = false
            tags = ["pakistan", "security"]
            categories = ["world"]
            description = "Written by Hugo."
            slug = "hugo-post"
            lang = "ur-PK"
            link = "https://example.org/original"
            enclosure = { url = "https://example.org/a.mp3", type = "audio/mpeg", length = 42 }
            expires = 2030-01-01T00:00:00Z

            [author]
            name = "Jane Doe"
            email = "jane@example.com"
            +++
            Body text.
            """);
        Assert.Equal("Hugo post", item.Title);
        Assert.Equal(new DateTimeOffset(2024, 6, 27, 14, 30, 0, TimeSpan.FromHours(5)), item.Published);
        Assert.Equal(new DateTimeOffset(2024, 6, 28, 0, 0, 0, TimeSpan.Zero), item.Updated);
        Assert.Equal(["pakistan", "security", "world"], item.Tags);
        Assert.Equal("Written by Hugo.", item.Summary);
        Assert.Equal("hugo-post", item.Slug);
        Assert.Equal("ur-PK", item.Language);
        Assert.Equal("https://example.org/original", item.Link.AbsoluteUri);
        Assert.Equal(new Enclosure(new Uri("https://example.org/a.mp3"), "audio/mpeg", 42), item.Enclosure);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), item.Expires);
        Assert.Equal([new Person("Jane Doe", "jane@example.com")], item.Authors);
        Assert.Equal("<p>Body text.</p>\n", item.RenderContent());
        Assert.False(item.Draft);
    }

    [Fact]
    public void Toml_local_date_time_is_read_in_the_configured_zone()
    {
        var karachi = Parse.Settings with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi") };
        var item = Parse.Item("post.md", "+++\ntitle = \"T\"\ndate = 2024-06-27T09:00:00\n+++\nText.\n", karachi);
        Assert.Equal(new DateTimeOffset(2024, 6, 27, 9, 0, 0, TimeSpan.FromHours(5)), item.Published);
    }

    [Fact]
    public void Toml_authors_as_a_table_array_and_dotted_keys_are_read()
    {
        var item = Parse.Item("2024-01-01-x.md", "+++\ntitle = \"T\"\nimage.path = \"lead.jpg\"\nimage.alt = \"The lead\"\n[[authors]]\nname = \"A\"\n[[authors]]\nname = \"B\"\n+++\nText.\n");
        Assert.Equal([new Person("A"), new Person("B")], item.Authors);
        Assert.Equal("https://news.example.com/lead.jpg", item.Image!.Url.AbsoluteUri);
        Assert.Equal("The lead", item.Image!.Alt);
    }

    [Fact]
    public void Toml_with_crlf_lines_and_escapes_xml_forbids_reads_cleanly()
    {
        var item = Parse.Item("2024-01-01-x.md", "+++\r\ntitle = \"Bell\\u0007 here\"\r\ndate = 2024-06-27\r\n+++\r\nFirst.\r\n\r\nSecond.\r\n");
        Assert.Equal("Bell here", item.Title);
        Assert.Equal("<p>First.</p>\n<p>Second.</p>\n", item.RenderContent());
    }

    [Fact]
    public void Toml_draft_is_not_published() =>
        Assert.True(Parse.Item("2024-01-01-x.md", "+++\ntitle = \"T\"\ndraft = true\n+++\nText.\n").Draft);

    [Theory]
    [InlineData("+++\ntitle = \"T\"\ndate = \n+++\nText.\n", 3, "front matter is not valid TOML")]
    [InlineData("+++\ntitle = \"Unclosed\ndate = 2024-01-01\n+++\nText.\n", 2, "front matter is not valid TOML")]
    [InlineData("+++\ntitle = \"T\"\ntitle = \"U\"\n+++\nText.\n", 3, "front matter is not valid TOML")]
    [InlineData("+++\ntitle = \"T\"\ndate = \"31/12/2024\"\n+++\nText.\n", 3, "'date' is not a date: '31/12/2024'")]
    [InlineData("+++\ntitle = [\"a\", \"b\"]\n+++\nText.\n", 2, "'title' must be a single value, not a list")]
    [InlineData("+++\ntitle = \"T\"\ndraft = \"maybe\"\n+++\nText.\n", 3, "'draft' must be true or false; got 'maybe'")]
    [InlineData("+++\ntitle = \"T\"\nid = \"not a uri\"\n+++\nText.\n", 3, "'id' must be an absolute IRI")]
    [InlineData("+++\ntitle = \"T\"\n\n[tags]\nx = 1\n+++\nText.\n", 4, "'tags' must be a list")]
    [InlineData("+++\ntitle = \"T\"\ndate = 12:30:00\n+++\nText.\n", 3, "'date' is not a date")]
    [InlineData("+++\ntitle = \"T\"\n", 1, "starts with '+++' but has no closing '+++' line")]
    public void Bad_toml_makes_the_file_bad_with_the_line_and_the_reason(string text, int line, string reason)
    {
        var error = Parse.Error("2024-01-01-x.md", text);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Toml_duplicate_key_names_its_line_in_the_file_not_in_the_front_matter()
    {
        var error = Parse.Error("2024-01-01-x.md", "+++\ntitle = \"T\"\ntitle = \"U\"\n+++\nText.\n");
        Assert.Equal(3, error.Line);
        Assert.DoesNotContain("(1,1)", error.Message);
        Assert.Contains("`title`", error.Message);
    }

    [Fact]
    public void Toml_nested_too_deep_is_refused_before_it_can_overflow_the_stack()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Contains("nests", Parse.Error("2024-01-01-x.md", $"+++\ntitle = \"T\"\nx = {deep}\n+++\nText.\n").Message);
    }

    [Theory]
    [InlineData("description: From the description.")]
    [InlineData("excerpt: From the description.")]
    [InlineData("summary: From the description.\ndescription: Not this.")]
    [InlineData("description: From the description.\nexcerpt: Not this.")]
    [InlineData("excerpt: Not this.\nsummary: From the description.")]
    public void Description_and_excerpt_are_summaries_and_summary_wins(string front) =>
        Assert.Equal("From the description.", Parse.Item("2024-01-01-x.md", $"---\n{front}\n---\nText.\n").Summary);

    [Fact]
    public void A_summary_alias_that_is_not_used_is_noted()
    {
        var result = Parse.Result("2024-01-01-x.md", "---\nsummary: S\ndescription: D\n---\nText.\n");
        var note = Assert.Single(result.Problems);
        Assert.Equal((ProblemLevel.Debug, 3), (note.Level, note.Line));
        Assert.Contains("'description' is not used", note.Message);
    }

    [Fact]
    public void Tags_and_categories_together_are_all_tags() =>
        Assert.Equal(["a", "b", "news"], Parse.Item("2024-01-01-x.md", "---\ntags: [a, b]\ncategories: [news, A]\n---\nText.\n").Tags);

    [Fact]
    public void Lastmod_and_last_modified_at_are_the_updated_date()
    {
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), Parse.Item("2024-01-01-x.md", "---\nlastmod: 2024-02-01\n---\nText.\n").Updated);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), Parse.Item("2024-01-01-x.md", "---\nlast_modified_at: 2024-02-01\n---\nText.\n").Updated);
    }

    [Theory]
    [InlineData("published: false", true)]
    [InlineData("published: true", false)]
    [InlineData("draft: false\npublished: false", false)]
    public void Jekylls_published_false_is_a_draft(string front, bool draft) =>
        Assert.Equal(draft, Parse.Item("2024-01-01-x.md", $"---\n{front}\n---\nText.\n").Draft);

    [Fact]
    public void Author_and_authors_together_are_still_an_error() =>
        Assert.Contains("'authors' and 'author' are given", Parse.Error("2024-01-01-x.md", "---\nauthor: A\nauthors: [B]\n---\nText.\n").Message);

    [Fact]
    public void Jekyll_image_object_gives_the_image_and_its_alt()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\nimage:\n  path: /assets/lead.jpg\n  alt: Ministers at the table\n---\nText.\n");
        Assert.Equal("https://news.example.com/assets/lead.jpg", item.Image!.Url.AbsoluteUri);
        Assert.Equal("Ministers at the table", item.Image!.Alt);
    }

    [Fact]
    public void Image_as_a_list_makes_the_file_bad_with_its_line() =>
        Assert.Equal(2, Parse.Error("2024-01-01-x.md", "---\nimage: [a.jpg]\n---\nText.\n").Line);

    [Fact]
    public void Enclosure_as_a_bare_url_guesses_its_type_with_a_note()
    {
        var result = Parse.Result("2024-01-01-x.md", "---\nenclosure: https://example.org/show.mp3\n---\nText.\n");
        Assert.Equal(new Enclosure(new Uri("https://example.org/show.mp3"), "audio/mpeg", 0), result.Item!.Enclosure);
        var note = Assert.Single(result.Problems);
        Assert.Equal((ProblemLevel.Debug, 2), (note.Level, note.Line));
        Assert.Contains("audio/mpeg is guessed from its extension", note.Message);
    }

    [Fact]
    public void Enclosure_without_type_guesses_it_and_keeps_the_length() =>
        Assert.Equal(new Enclosure(new Uri("https://example.org/v.mp4"), "video/mp4", 1234),
            Parse.Item("2024-01-01-x.md", "---\nenclosure: {url: \"https://example.org/v.mp4\", length: 1234}\n---\nText.\n").Enclosure);

    [Fact]
    public void Enclosure_of_an_unknown_kind_is_sent_as_bytes_with_a_warning()
    {
        var result = Parse.Result("2024-01-01-x.md", "---\nenclosure: https://example.org/data.xyz\n---\nText.\n");
        Assert.Equal("application/octet-stream", result.Item!.Enclosure!.MediaType);
        Assert.Equal(ProblemLevel.Warning, Assert.Single(result.Problems).Level);
    }

    [Fact]
    public void Empty_enclosure_is_no_enclosure() =>
        Assert.Null(Parse.Item("2024-01-01-x.md", "---\nenclosure:\n---\nText.\n").Enclosure);

    [Theory]
    [InlineData("enclosure: a:b", "'enclosure' needs an http(s) URL or the path of a file beside the stories; got 'a:b'")]
    [InlineData("enclosure: {type: audio/mpeg}", "'enclosure' needs an http(s) URL or the path of a file beside the stories")]
    [InlineData("enclosure: {url: \"https://example.org/a.mp3\", type: audio}", "'enclosure' type must be a media type")]
    [InlineData("enclosure: {url: \"https://example.org/a.mp3\", length: big}", "'enclosure' length must be a size in bytes; got 'big'")]
    public void Bad_enclosure_says_what_is_wrong(string front, string reason)
    {
        var error = Parse.Error("2024-01-01-x.md", $"---\n{front}\n---\nText.\n");
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("length:' keys", error.Message);
    }

    [Theory]
    [InlineData("expires: 2030-01-01T00:00:00Z")]
    [InlineData("expirydate: 2030-01-01T00:00:00Z")]
    [InlineData("expiryDate: 2030-01-01T00:00:00Z")]
    public void Expires_and_hugos_expiry_date_are_read(string front) =>
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), Parse.Item("2024-01-01-x.md", $"---\n{front}\n---\nText.\n").Expires);

    [Fact]
    public void Expires_before_the_date_is_a_warning()
    {
        var result = Parse.Result("2024-01-01-x.md", "---\nexpires: 2023-01-01\n---\nText.\n");
        Assert.Contains("never shown", Assert.Single(result.Problems, p => p.Level == ProblemLevel.Warning).Message);
    }

    [Fact]
    public void Hugos_publish_date_is_when_the_story_is_published()
    {
        var item = Parse.Item("x.md", "+++\ntitle = \"T\"\ndate = 2024-01-01\npublishDate = 2024-02-01T09:00:00Z\n+++\nText.\n");
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 9, 0, 0, TimeSpan.Zero), item.Published);
    }

    [Fact]
    public void Hugos_images_list_gives_the_image_when_image_is_not_given()
    {
        Assert.Equal("https://news.example.com/a.jpg", Parse.Item("2024-01-01-x.md", "---\nimages: [/a.jpg, /b.jpg]\n---\nText.\n").Image!.Url.AbsoluteUri);
        Assert.Equal("https://news.example.com/c.jpg", Parse.Item("2024-01-01-x.md", "---\nimages: [/a.jpg]\nimage: /c.jpg\n---\nText.\n").Image!.Url.AbsoluteUri);
    }
}
