using Feed.Server.Hosting;
using Feed.Site;

namespace Feed.Server.Http;

/// <summary>
/// The routes of every <see cref="DocumentKind"/>, mapped from that table: GET and HEAD, and
/// OPTIONS for CORS preflights; anything else is 405.
/// </summary>
public static class FeedEndpoints
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];
    static readonly string[] Options = [HttpMethods.Options];

    public static void MapFeedEndpoints(this IEndpointRouteBuilder app)
    {
        // The snapshot knows which documents exist; each is asked for by the request's own path,
        // so /FEED.XML (routing ignores case) finds none and is redirected to /feed.xml.
        foreach (var kind in DocumentKind.All)
        {
            foreach (var pattern in kind.Routes)
            {
                if (kind == DocumentKind.Story)
                    app.MapMethods(pattern, GetAndHead, (HttpContext context, FeedResponses responses) => responses.ItemPage(context));
                else
                    app.MapMethods(pattern, GetAndHead, (HttpContext context, FeedResponses responses) => responses.Document(context));
                app.MapMethods(pattern, Options, (HttpContext context, FeedResponses responses) => responses.Preflight(context));
            }
        }

        app.MapMethods(SitePaths.LegacyItemRoute, GetAndHead, (HttpContext context, string slug, FeedResponses responses) => responses.LegacyItem(context, slug));
        app.MapMethods(SitePaths.Health, GetAndHead, (HttpContext context, FeedResponses responses, FeedService service) => responses.Health(context, service.Folder));
    }
}
