using System.Text;

namespace Feed.Tests.Items;

public class ItemParserTests
{
    static readonly string SeedPath = Path.Combine(Repository.Root, "items", "2024-06-27-us-backs-operation-azm-e-istehkam.txt");

    static NewsItem Seed() => Parse.Item("2024-06-27-us-backs-operation-azm-e-istehkam.txt", File.ReadAllText(SeedPath));

    // The SHA-256 of shared/seed/000_4c37596a6a6b1c86.txt, so the check holds in any clone.
    const string SeedSha256 = "dbafe04a38d3af5b9bdd599959decf7665e02f28aa6609cbe638dad9c63a0237";

    [Fact]
    public void Seed_item_is_in_items_byte_for_byte() =>
        Assert.Equal(SeedSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(SeedPath))));

    [Fact]
    public void Seed_title_is_its_first_sentence_cut_at_the_last_clause_boundary_before_110_characters() =>
        Assert.Equal("The United States (US) has voiced its support for Pakistan in response to Operation Azm-e-Istehkam", Seed().Title);

    [Fact]
    public void Seed_is_dated_by_its_date_marker_at_midnight_utc() =>
        Assert.Equal(new DateTimeOffset(2024, 6, 27, 0, 0, 0, TimeSpan.Zero), Seed().Published);

    [Fact]
    public void Seed_id_is_a_tag_uri_of_authority_date_and_slug() =>
        Assert.Equal("tag:news.example.com,2024-06-27:us-backs-operation-azm-e-istehkam", Seed().Id);

    [Fact]
    public void Seed_subheading_is_rendered_as_a_heading()
    {
        var content = Seed().RenderContent();
        Assert.Contains("<h2>Operation Azm-e-Istehkam</h2>", content);
        Assert.DoesNotContain("<p>Operation Azm-e-Istehkam</p>", content);
    }

    [Fact]
    public void Seed_keeps_its_curly_quotes_and_loses_its_date_marker()
    {
        var item = Seed();
        Assert.Contains("“We support Pakistan’s efforts", item.RenderContent());
        Assert.Contains("Operation ‘Azm-e-Istehkam’", item.RenderContent());
        Assert.StartsWith("<p>The United States (US)", item.RenderContent());
        Assert.DoesNotContain("date 2024", item.RenderContent());
        Assert.Equal(8, CountOf(item.RenderContent(), "<p>"));
    }

    [Fact]
    public void Seed_summary_is_its_first_paragraph_and_link_is_its_page()
    {
        var item = Seed();
        Assert.StartsWith("The United States (US) has voiced its support", item.Summary);
        Assert.EndsWith("without disrupting civilian life.", item.Summary);
        Assert.Equal("https://news.example.com/2024/06/27/us-backs-operation-azm-e-istehkam", item.Link.AbsoluteUri);
        Assert.Equal(item.Published, item.Updated);
    }

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

    [Theory]
    [InlineData("2024-01-01-x.txt", "date 2024-01-01\n", "write the story, with its headline as the first line")]
    [InlineData("2024-01-01-x.md", "---\ndate: 2024-01-01\n---\n", "add 'title:' to the front matter")]
    public void No_title_error_gives_the_advice_that_fits_the_file(string path, string text, string advice) =>
        Assert.Contains(advice, Parse.Error(path, text).Message);

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

    [Theory]
    [InlineData("2024-06-27-US Backs Operation!.md", "us-backs-operation")]
    [InlineData("Café au lait.txt", "cafe-au-lait")]
    [InlineData("world/2024-06-27_nested.md", "world/nested")]
    [InlineData("World Desk/Budget.md", "world-desk/budget")]
    [InlineData("posts/cricket-final/index.md", "posts/cricket-final")]
    [InlineData("2024-06-27.md", "2024-06-27")]
    public void Slug_is_the_file_name_without_date_prefix_lowercased_and_url_safe(string path, string slug) =>
        Assert.Equal(slug, Parse.Item(path, "---\ndate: 2024-06-27\n---\nText.\n").Slug);

    [Fact]
    public void Slug_from_front_matter_wins_and_names_the_page()
    {
        var item = Parse.Item("2024-01-01-x.md", "---\nslug: My Own Slug\n---\nText.\n");
        Assert.Equal("my-own-slug", item.Slug);
        Assert.Equal("https://news.example.com/2024/01/01/my-own-slug", item.PageUrl.AbsoluteUri);
        Assert.Equal("tag:news.example.com,2024-01-01:my-own-slug", item.Id);
    }

    [Fact]
    public void Id_from_front_matter_is_kept_as_written() =>
        Assert.Equal("urn:uuid:6f2c6b1e-3b7a-4d55-9a51-0c1d2e3f4a5b",
            Parse.Item("2024-01-01-x.md", "---\nid: urn:uuid:6f2c6b1e-3b7a-4d55-9a51-0c1d2e3f4a5b\n---\nText.\n").Id);

    [Theory]
    [InlineData("not a uri")]
    [InlineData("/relative/path")]
    [InlineData("12345")]
    [InlineData("\"tag:example.com,2024:a b\"")]
    [InlineData("\"urn:x:<script>\"")]
    public void Id_that_is_not_an_absolute_iri_makes_the_file_bad(string id)
    {
        var error = Parse.Error("2024-01-01-x.md", $"---\ntitle: T\nid: {id}\n---\nText.\n");
        Assert.Equal(3, error.Line);
        Assert.Contains("'id' must be an absolute IRI", error.Message);
    }

    [Theory]
    [InlineData("tag:example.com,2024:a%20b")]
    [InlineData("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427")]
    [InlineData("https://example.com/stories/قصة")]
    public void Id_in_front_matter_is_kept_exactly_as_written(string id) =>
        Assert.Equal(id, Parse.Item("2024-01-01-x.md", $"---\ntitle: T\nid: {id}\n---\nText.\n").Id);

    [Fact]
    public void The_same_instant_written_with_another_offset_keeps_the_id_and_the_url()
    {
        var karachi = Parse.Item("x.md", "---\ntitle: T\ndate: 2024-07-15T02:00:00+05:00\n---\nText.\n");
        var utc = Parse.Item("x.md", "---\ntitle: T\ndate: 2024-07-14T21:00:00Z\n---\nText.\n");
        Assert.Equal(("tag:news.example.com,2024-07-14:x", "/2024/07/14/x"), (karachi.Id, karachi.PagePath));
        Assert.Equal((karachi.Id, karachi.PagePath), (utc.Id, utc.PagePath));
    }

    [Fact]
    public void An_idn_host_mints_its_ids_with_the_punycode_authority()
    {
        var item = Parse.Item("2024-01-01-x.md", "Text.\n", Parse.Settings with { BaseUrl = new Uri("https://bücher.example/") });
        Assert.Equal("tag:xn--bcher-kva.example,2024-01-01:x", item.Id);
    }

    [Fact]
    public void Id_authority_is_configurable_and_survives_a_site_move()
    {
        var moved = Parse.Settings with { BaseUrl = new Uri("https://new.example.org/news/"), IdAuthority = "news.example.com" };
        var item = Parse.Item("2024-06-27-x.md", "Text.\n", moved);
        Assert.Equal("tag:news.example.com,2024-06-27:x", item.Id);
        Assert.Equal("https://new.example.org/news/2024/06/27/x", item.PageUrl.AbsoluteUri);
    }

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
        Assert.Equal("https://news.example.com/lead.jpg", item.Image!.AbsoluteUri);
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

    // Issue 19: a right-to-left override shows "Invoice\u202Egnp.exe" as "Invoiceexe.png" in a
    // reader's list; Unicode's bidi embedding and isolate controls have no place in a plain-text title.
    [Theory]
    [InlineData("---\ntitle: \"Invoice\u202Egnp.exe\"\n---\nText.\n", "Invoicegnp.exe")]
    [InlineData("---\ntitle: \"\u2066Isolated\u2069 and \u202Aembedded\u202C\"\n---\nText.\n", "Isolated and embedded")]
    [InlineData("# Heading \u202Dforced\u202C\n\nText.\n", "Heading forced")]
    public void Bidi_control_characters_are_stripped_from_titles(string text, string title) =>
        Assert.Equal(title, Parse.Item("2024-01-01-bidi.md", text).Title);

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
