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

        app.MapMethods("/items/{slug}", GetAndHead,
            (HttpContext context, string slug, FeedResponses responses) => responses.ItemPage(context, slug));
        app.MapMethods("/healthz", GetAndHead, (HttpContext context, FeedResponses responses) => responses.Health(context));
    }
}
