using System.Net;
using Feed.Items.Body;

namespace Feed.Server.Tests.Http;

/// <summary>The README's HTTP contract, what every response guards: the pages' policy, nosniff, 404 and 405.</summary>
public sealed class PolicyTests : TwoStoriesServer
{
    [Fact]
    public async Task Pages_send_a_policy_that_runs_no_script()
    {
        using var response = await Server.GetAsync("/2024/07/01/second");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Pages_let_the_embed_hosts_the_sanitizer_keeps_play()
    {
        using var response = await Server.GetAsync("/2024/07/01/second");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        foreach (var host in ContentSanitizer.EmbedHosts)
            Assert.Contains($"https://{host}", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    // Plain-text errors, JSON and redirects too, not only documents.
    [Theory]
    [InlineData("/nothing-here.xml", "GET")]
    [InlineData("/healthz", "GET")]
    [InlineData("/FEED.XML", "GET")]
    [InlineData("/feed.xml", "POST")]
    [InlineData("/feed.xml", "GET")]
    public async Task Every_response_says_nosniff(string path, string method)
    {
        using var response = await Server.GetAsync(path, method: new HttpMethod(method));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/items/no-such-story")]
    [InlineData("/nothing-here.xml")]
    [InlineData("/items/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/items/")]
    public async Task Unknown_paths_are_a_short_plain_404(string path)
    {
        using var response = await Server.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("404 Not Found\n", body);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Other_methods_are_405_with_allow()
    {
        using var response = await Server.GetAsync("/feed.xml", method: HttpMethod.Post);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow.Order());
    }
}
