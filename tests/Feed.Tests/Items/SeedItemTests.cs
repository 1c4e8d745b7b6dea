namespace Feed.Tests.Items;

/// <summary>The seed story, a wire copy in plain text, read end to end.</summary>
public class SeedItemTests
{
    static readonly string SeedPath = Path.Combine(Repository.Root, "items", "2024-06-27-us-backs-operation-azm-e-istehkam.txt");

    static NewsItem Seed() => Parse.Item("2024-06-27-us-backs-operation-azm-e-istehkam.txt", File.ReadAllText(SeedPath));

    // The SHA-256 of the seed story as it was given, so the check holds in any clone.
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

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
