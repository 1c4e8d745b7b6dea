using Feed.Server.Hosting;
using Feed.Site;

namespace Feed.Server.Http;

/// <summary>The routes of <see cref="SitePaths"/>. GET and HEAD, and OPTIONS for CORS preflights; anything else is 405.</summary>
public static class FeedEndpoints
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];
    static readonly string[] Options = [HttpMethods.Options];

    public static void MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        // The snapshot knows which documents exist; each is asked for by the request's own path,
        // so /FEED.XML (routing ignores case) finds none and is redirected to /feed.xml.
        foreach (var pattern in SitePaths.SnapshotRoutes)
            app.MapMethods(pattern, GetAndHead, (HttpContext context, FeedResponses responses) =>
                pattern.Contains("{**slug}", StringComparison.Ordinal) ? responses.ItemPage(context) : responses.Document(context));
        foreach (var pattern in SitePaths.SnapshotRoutes)
            app.MapMethods(pattern, Options, (HttpContext context, FeedResponses responses) => responses.Preflight(context));

        app.MapMethods(SitePaths.LegacyItemRoute, GetAndHead, (HttpContext context, string slug, FeedResponses responses) => responses.LegacyItem(context, slug));
        app.MapMethods(SitePaths.Health, GetAndHead, (HttpContext context, FeedResponses responses, FeedService service) => responses.Health(context, service.Folder));
    }
}
