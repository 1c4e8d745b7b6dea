using System.Net;

namespace Feed.Server.Tests.Http;

/// <summary>The README's HTTP contract, pages and /healthz.</summary>
public sealed class PageAndHealthTests : TwoStoriesServer
{
    [Fact]
    public async Task Healthz_is_a_json_report_of_what_is_published_and_is_never_cached()
    {
        using var response = await Server.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var health = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(2, health.GetProperty("published").GetInt32());
        Assert.Equal(0, health.GetProperty("skipped").GetInt32());
        Assert.Equal(0, health.GetProperty("scheduled").GetInt32());
        Assert.Equal("ok", health.GetProperty("folder").GetString());
        Assert.True(health.GetProperty("lastRebuild").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Index_page_lists_items_and_advertises_the_three_feeds()
    {
        var html = await Server.TextAsync("/");
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Example News (RSS)\" href=\"https://news.example.com/feed.xml\">", html);
        Assert.Contains("type=\"application/atom+xml\"", html);
        Assert.Contains("type=\"application/feed+json\"", html);
        Assert.Contains("href=\"https://news.example.com/2024/06/27/us-backs-operation-azm-e-istehkam\"", html);
        Assert.True(html.IndexOf("Second story", StringComparison.Ordinal) < html.IndexOf("The United States", StringComparison.Ordinal));
        Assert.Contains("<time datetime=\"2024-06-27T00:00:00Z\">27 June 2024</time>", html);
    }

    [Fact]
    public async Task Item_page_shows_the_whole_story()
    {
        var html = await Server.TextAsync("/2024/06/27/us-backs-operation-azm-e-istehkam");
        Assert.Contains("<h2>Operation Azm-e-Istehkam</h2>", html);
        Assert.Contains("said a press release issued by the PM Office Media Wing.", html);
        Assert.Contains("“We support Pakistan’s efforts", html);
    }
}
