namespace Feed.Tests.Items;

/// <summary>A story's slug, id and page, minted from its own file.</summary>
public class ItemIdentityTests
{
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
    public void Another_slug_moves_the_page_and_the_minted_id_and_keeps_the_site()
    {
        var settings = Parse.Settings with { BaseUrl = new Uri("https://example.org/news/"), IdAuthority = "desk.example.org" };
        var item = Parse.Item("2024-06-27-budget.md", "---\ntitle: Budget\n---\nText.\n", settings);

        var moved = item.Identity.WithSlug("budget-2", item.Published);

        Assert.Equal("/2024/06/27/budget-2", moved.PagePath);
        Assert.Equal("tag:desk.example.org,2024-06-27:budget-2", moved.Id);
        Assert.Equal("https://example.org/news/2024/06/27/budget-2", moved.PageUrl.AbsoluteUri);
    }

    [Fact]
    public void Another_slug_keeps_an_id_the_file_states()
    {
        var item = Parse.Item("2024-06-27-budget.md", "---\ntitle: Budget\nid: urn:uuid:1\n---\nText.\n");

        var moved = item.Identity.WithSlug("budget-2", item.Published);

        Assert.Equal("urn:uuid:1", moved.Id);
        Assert.Equal("/2024/06/27/budget-2", moved.PagePath);
    }
}
