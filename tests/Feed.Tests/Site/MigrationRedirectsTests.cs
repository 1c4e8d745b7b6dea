using Feed.Site;

namespace Feed.Tests.Site;

public class MigrationRedirectsTests
{
    static NewsItem Story(string file, string text) => Parse.Item(file, text);

    [Fact]
    public void An_alias_that_is_a_real_url_or_another_storys_is_a_warning_naming_file_and_line()
    {
        var first = Story("a.md", "---\ntitle: A\ndate: 2024-03-01\naliases: [/old/, /feed.xml]\n---\nA.\n");
        var second = Story("b.md", "---\ntitle: B\ndate: 2024-03-02\nredirect_from:\n  - /old/\n  - /2024/03/01/a\n---\nB.\n");
        var (moved, problems) = MigrationRedirects.From([second, first], ["/feed.xml", "/atom.xml"], Parse.Settings);

        Assert.Equal("/2024/03/01/a", moved["/old"]);
        Assert.False(moved.ContainsKey("/feed.xml"));
        Assert.Equal(
            [
                "a.md:4: the old path /feed.xml is a page or feed of this site, so it cannot redirect to this story; remove it",
                "b.md:5: the old path /old already redirects to a.md; remove it from one of them",
                "b.md:6: the old path /2024/03/01/a is a page or feed of this site, so it cannot redirect to this story; remove it",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Common_feed_urls_redirect_but_never_over_a_real_one()
    {
        var (moved, _) = MigrationRedirects.From([], ["/feed.xml", "/atom.xml", "/feed.json", "/rss", "/sections/posts/feed.xml"], Parse.Settings);
        Assert.Equal("/feed.xml", moved["/index.xml"]);
        Assert.Equal("/feed.xml", moved["/feed"]);
        Assert.Equal("/atom.xml", moved["/feed.atom"]);
        Assert.Equal("/sections/posts/feed.xml", moved["/posts/index.xml"]);
        Assert.False(moved.ContainsKey("/atom.xml"));
        Assert.False(moved.ContainsKey("/rss")); // served here: a page, not a redirect
    }

    [Fact]
    public void Feed_aliases_from_the_settings_need_a_feed_to_go_to()
    {
        var settings = Parse.Settings with { FeedAliases = [new("/blog/rss.xml", "/feed.xml"), new("/old.xml", "/nowhere.xml")] };
        var (moved, problems) = MigrationRedirects.From([], ["/feed.xml"], settings);
        Assert.Equal("/feed.xml", moved["/blog/rss.xml"]);
        Assert.False(moved.ContainsKey("/old.xml"));
        Assert.Contains("Feed:FeedAliases: /old.xml would redirect to /nowhere.xml, which this site does not serve", Assert.Single(problems).ToString());
    }

    [Fact]
    public void An_old_path_matches_with_or_without_its_trailing_slash()
    {
        var history = UrlHistory.None.With(new Dictionary<string, string> { ["/feed"] = "/feed.xml" }, []);
        Assert.Equal("/feed.xml", history.MovedTo("/feed"));
        Assert.Equal("/feed.xml", history.MovedTo("/feed/"));
        Assert.Null(history.MovedTo("/feed.xml"));
    }
}
