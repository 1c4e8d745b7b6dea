using System.Net;
using System.Net.Http.Headers;
using Feed.Testing;

namespace Feed.Server.Tests.Http;

/// <summary>
/// RFC 9110 13.1.1 and 13.1.4, evaluated in the order of 13.2.2: If-Match, else
/// If-Unmodified-Since, failing with 412; through the real server, so the request passes the fast
/// path (which hands these headers on) and is answered by the endpoints' road, GET and HEAD alike.
/// </summary>
public sealed class PreconditionTests : IAsyncLifetime
{
    readonly TempFolder _folder = new();
    RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _folder.Write("2024-06-27-seed.txt", Items.Seed);
        _server = await RunningServer.StartAsync(_folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    async Task<(EntityTagHeaderValue ETag, DateTimeOffset LastModified)> Current()
    {
        using var response = await _server.GetAsync("/feed.xml");
        return (response.Headers.ETag!, response.Content.Headers.LastModified!.Value);
    }

    async Task<HttpStatusCode> Status(string method, Action<HttpRequestHeaders> headers)
    {
        using var response = await _server.GetAsync("/feed.xml", r => headers(r.Headers), new HttpMethod(method));
        return response.StatusCode;
    }

    // RFC 9110 13.1.1: If-Match with a current (strong) tag or "*" lets the request through.
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task If_Match_with_the_current_tag_or_any_is_200(string method)
    {
        var (etag, _) = await Current();
        Assert.Equal(HttpStatusCode.OK, await Status(method, h => h.IfMatch.Add(etag)));
        Assert.Equal(HttpStatusCode.OK, await Status(method, h => h.IfMatch.Add(EntityTagHeaderValue.Any)));
    }

    // RFC 9110 13.1.1: a tag that does not match, or a weak one (strong comparison), is 412.
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task If_Match_with_another_or_a_weak_tag_is_412(string method)
    {
        var (etag, _) = await Current();
        Assert.Equal(HttpStatusCode.PreconditionFailed, await Status(method, h => h.IfMatch.Add(new EntityTagHeaderValue("\"other\""))));
        Assert.Equal(HttpStatusCode.PreconditionFailed, await Status(method, h => h.IfMatch.Add(new EntityTagHeaderValue(etag.Tag, isWeak: true))));
    }

    // RFC 9110 13.1.4: modified since the date given is 412; not modified since is 200.
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task If_Unmodified_Since_before_Last_Modified_is_412_and_at_it_200(string method)
    {
        var (_, lastModified) = await Current();
        Assert.Equal(HttpStatusCode.PreconditionFailed, await Status(method, h => h.IfUnmodifiedSince = lastModified.AddSeconds(-1)));
        Assert.Equal(HttpStatusCode.OK, await Status(method, h => h.IfUnmodifiedSince = lastModified));
    }

    // RFC 9110 13.2.2, step 2: If-Unmodified-Since is evaluated only without If-Match.
    [Fact]
    public async Task If_Match_is_evaluated_instead_of_If_Unmodified_Since()
    {
        var (etag, lastModified) = await Current();
        Assert.Equal(HttpStatusCode.OK, await Status("GET", h =>
        {
            h.IfMatch.Add(etag);
            h.IfUnmodifiedSince = lastModified.AddDays(-1);
        }));
    }

    [Fact]
    public async Task A_412_has_no_document_body()
    {
        using var response = await _server.GetAsync("/feed.xml", r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"other\"")));
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.DoesNotContain("<rss", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
