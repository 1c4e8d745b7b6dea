using System.Net;

namespace Feed.Server.Tests.Http;

/// <summary>The README's HTTP contract, validators: media types, ETag, Last-Modified and the conditional requests.</summary>
public sealed class ValidatorTests : TwoStoriesServer
{
    [Theory]
    [InlineData("/feed.xml", "application/rss+xml; charset=utf-8")]
    [InlineData("/atom.xml", "application/atom+xml; charset=utf-8")]
    [InlineData("/feed.json", "application/feed+json; charset=utf-8")]
    [InlineData("/", "text/html; charset=utf-8")]
    [InlineData("/2024/06/27/us-backs-operation-azm-e-istehkam", "text/html; charset=utf-8")]
    public async Task Every_document_has_its_media_type_validators_and_cache_headers(string path, string mediaType)
    {
        using var response = await Server.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.ToString());
        Assert.Matches("^\"[0-9a-f]{32}\"$", response.Headers.ETag!.Tag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal(Hash(body), response.Headers.ETag.Tag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Last_modified_follows_theFolder_and_is_never_later_than_date()
    {
        using var response = await Server.GetAsync("/atom.xml");
        var lastModified = response.Content.Headers.LastModified!.Value;
        // RFC 9110 8.8.2.1: never later than Date; here the files were just written.
        Assert.InRange(lastModified, DateTimeOffset.UtcNow.AddMinutes(-5), response.Headers.Date!.Value);
    }

    [Fact]
    public async Task A_change_within_the_second_of_the_last_never_sends_last_modified_after_date()
    {
        // Each change lands in the second of the one before, so its Last-Modified is the next
        // second; the first response that shows it came when Kestrel's once-a-second Date could
        // still read the second before.
        for (var i = 0; i < 3; i++)
        {
            var before = (await Server.GetAsync("/atom.xml")).Headers.ETag!.Tag;
            Folder.Write($"2024-07-0{i + 2}-quick-{i}.md", Items.Story($"Quick {i}", $"2024-07-0{i + 2}T10:00:00Z", "Body."));
            HttpResponseMessage? changed = null;
            await RunningServer.Eventually(async () =>
            {
                var response = await Server.GetAsync("/atom.xml");
                if (response.Headers.ETag!.Tag == before)
                    return false;
                changed = response;
                return true;
            }, "the change to show");
            Assert.True(changed!.Content.Headers.LastModified <= changed.Headers.Date,
                $"Last-Modified {changed.Content.Headers.LastModified:R} is after Date {changed.Headers.Date:R}");
        }
    }

    // RFC 9110 13.1.2: If-None-Match matches with the weak comparison; 13.2.2: on a match a
    // GET or HEAD answers 304 Not Modified.
    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("*")]
    public async Task If_none_match_with_the_current_etag_answers_304_with_no_body(string header)
    {
        var etag = (await Server.GetAsync("/feed.xml")).Headers.ETag!.Tag;
        using var response = await Server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation("If-None-Match", string.Format(header, etag)));
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, response.Headers.ETag!.Tag);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
    }

    // RFC 9110 13.1.3: If-Modified-Since is answered with 304 when the representation has not
    // changed since that date.
    [Fact]
    public async Task If_modified_since_at_or_after_last_modified_answers_304()
    {
        var lastModified = (await Server.GetAsync("/feed.xml")).Content.Headers.LastModified!.Value;
        using var same = await Server.GetAsync("/feed.xml", r => r.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        using var older = await Server.GetAsync("/feed.xml", r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }

    // RFC 9110 13.2.2: when If-None-Match is present, If-Modified-Since is not evaluated.
    [Fact]
    public async Task If_none_match_wins_over_if_modified_since()
    {
        var lastModified = (await Server.GetAsync("/feed.xml")).Content.Headers.LastModified!.Value;
        using var response = await Server.GetAsync("/feed.xml", r =>
        {
            r.Headers.TryAddWithoutValidation("If-None-Match", "\"stale\"");
            r.Headers.IfModifiedSince = lastModified.AddDays(1);
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("If-None-Match", "garbage")]
    [InlineData("If-Modified-Since", "not a date")]
    public async Task Malformed_conditional_headers_get_a_normal_200(string header, string value)
    {
        using var response = await Server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation(header, value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
