using System.Text;
using System.Text.RegularExpressions;
using Feed.Documents;
using Feed.Formats.Html;
using Feed.Items.Body;

namespace Feed.Tests.Formats;

/// <summary>pages that share well (canonical, Open Graph, description), in their language's direction, with one h1.</summary>
public partial class HtmlPagesTests
{
    static readonly FeedSettings Settings = Parse.Settings with { Title = "Example News" };

    static string Page(NewsItem item) => Encoding.UTF8.GetString(HtmlPages.Item(item, Settings));

    static readonly NewsItem Urdu = Parse.Item("2024-07-01-urdu.md",
        "---\ntitle: کراچی میں اجلاس\ndate: 2024-07-01T09:30:00Z\nsummary: \"اجلاس & <خلاصہ>\"\ntags: [pakistan]\nlang: ur\nimage:\n  url: /lead.jpg\n  width: 1200\n  height: 630\n---\n# پہلی سرخی\n\nمتن۔\n");

    // An exported page on a static host gets no header from Feed, so the page carries the
    // policy itself (frame-ancestors is ignored in a meta: the served header keeps it).
    [Fact]
    public void Pages_carry_their_content_security_policy_so_an_exported_page_runs_no_script()
    {
        foreach (var html in new[] { Page(Urdu), Encoding.UTF8.GetString(HtmlPages.NotFound(Settings)) })
        {
            var meta = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");
            Assert.True(meta.Success, html[..300]);
            Assert.StartsWith("default-src 'none';", meta.Groups[1].Value);
            Assert.DoesNotContain("script-src", meta.Groups[1].Value);
            Assert.DoesNotContain("frame-ancestors", meta.Groups[1].Value);
            Assert.Matches("frame-src [^;]*https://www.youtube.com", meta.Groups[1].Value);
        }
    }

    [Fact]
    public void The_policy_lets_the_sanitizer_s_embed_hosts_play_and_nothing_else()
    {
        var frames = Regex.Match(HtmlPages.ContentSecurityPolicy, "frame-src ([^;]*)").Groups[1].Value.Split(' ');
        Assert.Equal(ContentSanitizer.EmbedHosts.Select(h => "https://" + h).Order(StringComparer.Ordinal), frames);
        Assert.Contains("frame-ancestors 'none'", HtmlPages.ContentSecurityPolicy);
    }

    [Fact]
    public void Item_page_has_one_h1_when_the_body_has_a_heading_too()
    {
        var html = Page(Urdu);
        Assert.Single(H1().Matches(html));
        Assert.Contains("<h2>پہلی سرخی</h2>", html);
    }

    [Fact]
    public void Item_page_is_right_to_left_for_an_rtl_language()
    {
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\">", Page(Urdu));
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", Page(Parse.Item("2024-07-01-x.md", "---\ntitle: T\n---\nBody.\n")));
    }

    [Fact]
    public void Item_page_has_canonical_open_graph_and_description()
    {
        var html = Page(Urdu);
        Assert.Contains("<link rel=\"canonical\" href=\"https://news.example.com/2024/07/01/urdu\">", html);
        Assert.Contains("<meta name=\"description\" content=\"اجلاس &amp; &lt;خلاصہ&gt;\">", html);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", html);
        Assert.Contains("<meta property=\"og:title\" content=\"کراچی میں اجلاس\">", html);
        Assert.Contains("<meta property=\"og:description\" content=\"اجلاس &amp; &lt;خلاصہ&gt;\">", html);
        Assert.Contains("<meta property=\"og:url\" content=\"https://news.example.com/2024/07/01/urdu\">", html);
        Assert.Contains("<meta property=\"og:image\" content=\"https://news.example.com/lead.jpg\">", html);
        Assert.Contains("<meta property=\"og:image:width\" content=\"1200\">", html);
        Assert.Contains("<meta property=\"article:published_time\" content=\"2024-07-01T09:30:00Z\">", html);
        Assert.Contains("<meta property=\"article:tag\" content=\"pakistan\">", html);
    }

    [Fact]
    public void Canonical_is_the_external_link_when_there_is_one()
    {
        var html = Page(Parse.Item("2024-07-01-x.md", "---\ntitle: T\nlink: https://example.org/original\n---\nBody.\n"));
        Assert.Contains("<link rel=\"canonical\" href=\"https://example.org/original\">", html);
        Assert.Contains("<meta property=\"og:url\" content=\"https://example.org/original\">", html);
    }

    [Fact]
    public void Index_marks_a_story_in_another_language_and_separates_the_subscribe_links()
    {
        var document = new FeedDocument("Example News", "About", Settings.BaseUrl, [Urdu]) { Id = Settings.FeedId(null) };
        var html = Encoding.UTF8.GetString(HtmlPages.Index(document, Settings, []));
        Assert.Contains("<article lang=\"ur\" dir=\"rtl\">", html);
        Assert.Contains("\">RSS</a> · <a ", html);
        Assert.Contains("\">Atom</a> · <a ", html);
        Assert.Contains("<meta property=\"og:type\" content=\"website\">", html);
        Assert.Contains("<link rel=\"canonical\" href=\"https://news.example.com/\">", html);
        Assert.Single(H1().Matches(html));
    }

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex H1();
}
