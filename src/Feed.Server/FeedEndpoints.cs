using Feed;

namespace Feed.Server;

/// <summary>The routes of <see cref="SitePaths"/>. GET and HEAD only; anything else is 405.</summary>
public static class FeedEndpoints
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var path in (string[])[SitePaths.Rss, SitePaths.Atom, SitePaths.Json, SitePaths.Index])
            app.MapMethods(path, GetAndHead, (HttpContext context, FeedResponses responses) => responses.Document(context, path));

        // Tag feeds and pages, archives and item pages: the snapshot knows which exist.
        foreach (var pattern in SitePaths.SnapshotRoutes)
            app.MapMethods(pattern, GetAndHead, (HttpContext context, FeedResponses responses) =>
                pattern.Contains("{**slug}", StringComparison.Ordinal) ? responses.ItemPage(context) : responses.Document(context, context.Request.Path.Value!));

        app.MapMethods(SitePaths.LegacyItemRoute, GetAndHead, (HttpContext context, string slug, FeedResponses responses) => responses.LegacyItem(context, slug));
        app.MapMethods(SitePaths.Health, GetAndHead, (HttpContext context, FeedResponses responses) => responses.Health(context));
    }
}
