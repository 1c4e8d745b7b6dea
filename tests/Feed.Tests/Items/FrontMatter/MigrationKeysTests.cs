namespace Feed.Tests.Items.FrontMatter;

/// <summary>The front matter keys of podcasts and migrations: duration, transcript, and the old paths of a migrated story.</summary>
public class MigrationKeysTests
{
    const string Audio = "enclosure: https://media.example.org/ep.mp3\n";

    static string Story(string keys) => $"---\ntitle: Episode\ndate: 2024-03-08\n{keys}---\nNotes.\n";

    [Fact]
    public void A_duration_reaches_the_item()
    {
        Assert.Equal(TimeSpan.FromSeconds(1234), Parse.Item("ep.md", Story(Audio + "duration: \"20:34\"\n")).Duration);
        Assert.Equal(TimeSpan.FromSeconds(1234), Parse.Item("ep.md", Story(Audio + "duration: 1234\n")).Duration);
    }

    [Fact]
    public void A_bad_duration_is_a_warning_with_file_and_line_and_the_story_is_published()
    {
        var result = Parse.Result("ep.md", Story(Audio + "duration: twenty minutes\n"));
        Assert.True(result.IsValid);
        Assert.Null(result.Item!.Duration);
        var warning = Assert.Single(result.Problems, p => p.Level == ProblemLevel.Warning);
        Assert.Equal(5, warning.Line);
        Assert.StartsWith("ep.md:5: 'duration' is not a duration: 'twenty minutes'; write seconds (1234), MM:SS", warning.ToString());
    }

    [Theory]
    [InlineData("https://cdn.example.org/ep.vtt", "https://cdn.example.org/ep.vtt", "text/vtt")]
    [InlineData("/transcripts/ep.srt", "https://news.example.com/transcripts/ep.srt", "application/x-subrip")]
    [InlineData("/transcripts/ep.json", "https://news.example.com/transcripts/ep.json", "application/json")]
    [InlineData("/transcripts/ep.html", "https://news.example.com/transcripts/ep.html", "text/html")]
    [InlineData("ep.txt", "https://news.example.com/2024/03/08/ep.txt", "text/plain")]
    public void A_transcript_is_made_absolute_and_typed_by_its_extension(string given, string url, string type)
    {
        var transcript = Parse.Item("ep.md", Story(Audio + $"transcript: {given}\n")).Transcript!;
        Assert.Equal(url, transcript.Url.AbsoluteUri);
        Assert.Equal(type, transcript.MediaType);
    }

    [Fact]
    public void A_site_path_transcript_is_under_the_base_urls_own_path()
    {
        var settings = Parse.Settings with { BaseUrl = new Uri("https://example.com/news/") };
        Assert.Equal("https://example.com/news/transcripts/ep.vtt",
            Parse.Item("ep.md", Story(Audio + "transcript: /transcripts/ep.vtt\n"), settings).Transcript!.Url.AbsoluteUri);
    }

    [Fact]
    public void A_transcript_of_an_unknown_type_is_a_warning()
    {
        var result = Parse.Result("ep.md", Story(Audio + "transcript: /ep.docx\n"));
        Assert.Null(result.Item!.Transcript);
        Assert.Contains(result.Problems, p => p.Level == ProblemLevel.Warning && p.Line == 5 && p.Message.StartsWith("'transcript' must end in .vtt", StringComparison.Ordinal));
    }

    [Fact]
    public void Aliases_redirect_from_and_a_permalink_are_old_paths_with_their_lines()
    {
        var item = Parse.Item("ep.md", Story("aliases: [/2024/03/old/, old-two]\nredirect_from: /ep.html\npermalink: /shows/ep/\n"));
        Assert.Equal([("/2024/03/old", 4), ("/old-two", 4), ("/ep.html", 5), ("/shows/ep", 6)], item.Aliases);
        Assert.Equal("/2024/03/08/ep", item.PagePath);
    }

    [Fact]
    public void A_kept_permalink_is_the_page()
    {
        var item = Parse.Item("ep.md", Story("url: /shows/ep/\n"), Parse.Settings with { KeepPermalinks = true });
        Assert.Equal("/shows/ep", item.PagePath);
        Assert.Empty(item.Aliases);
    }

    [Theory]
    [InlineData("https://old.example.com/x")]
    [InlineData("/x?page=2")]
    [InlineData("/../etc")]
    [InlineData("/")]
    public void An_old_path_that_is_not_a_path_here_is_a_warning(string path)
    {
        var result = Parse.Result("ep.md", Story($"aliases: [\"{path}\"]\n"));
        Assert.Empty(result.Item!.Aliases);
        Assert.Contains(result.Problems, p => p.Level == ProblemLevel.Warning && p.Line == 4 && p.Message.Contains("is not redirected", StringComparison.Ordinal));
    }
}
