using Feed;

namespace Feed.Server;

/// <summary>The URL space (PRODUCT.md sections 3 to 5). GET and HEAD only; anything else is 405.</summary>
public static class FeedEndpoints
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { FeedSnapshot.RssPath, FeedSnapshot.AtomPath, FeedSnapshot.JsonPath, FeedSnapshot.IndexPath })
            app.MapMethods(path, GetAndHead, (HttpContext context, FeedResponses responses) => responses.Document(context, path));

        // Tag feeds and pages, and RFC 5005 archives: the snapshot knows which exist.
        foreach (var pattern in new[] { "/tags/{tag}", "/tags/{tag}/feed.xml", "/tags/{tag}/atom.xml", "/tags/{tag}/feed.json", "/archive/{page:int}.xml" })
            app.MapMethods(pattern, GetAndHead, (HttpContext context, FeedResponses responses) => responses.Document(context, context.Request.Path.Value!));

        app.MapMethods("/items/{slug}", GetAndHead,
            (HttpContext context, string slug, FeedResponses responses) => responses.ItemPage(context, slug));
        app.MapMethods("/healthz", GetAndHead, (HttpContext context, FeedResponses responses) => responses.Health(context));
    }
}
