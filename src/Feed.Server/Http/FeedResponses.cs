using Feed.Documents;
using Feed.Server.Hosting;
using Feed.Server.Operations;
using Feed.Site;

namespace Feed.Server.Http;

/// <summary>
/// The endpoints' road: any request the <see cref="DocumentFastPath"/> passed on (validator lists,
/// weak tags, If-Modified-Since, q-values, A-IM deltas, item pages). It picks the document and
/// the status; <see cref="ResponseWriter"/> writes the response, as it does on the fast path.
/// </summary>
public sealed class FeedResponses(SnapshotStore store, ResponseWriter writer, FeedSettings settings, TimeProvider? time = null, AssetResponder? assets = null)
{
    public Task Document(HttpContext context) =>
        store.Current is not { } snapshot ? NotReady(context) : Send(context, snapshot, context.Request.Path.Value!, snapshot.Document(context.Request.Path.Value!));

    /// <summary>OPTIONS on a document: the CORS preflight of a feed or archive (<see cref="ResponseWriter.WritePreflight"/>).</summary>
    public Task Preflight(HttpContext context) =>
        store.Current?.Document(context.Request.Path.Value!) is { } document ? ResponseWriter.WritePreflight(context, document) : NotFound(context);

    public Task ItemPage(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        return store.Current is not { } snapshot ? NotReady(context) : Send(context, snapshot, path, snapshot.ItemPage(path));
    }

    /// <summary>/items/SLUG, where earlier versions published pages: a permanent redirect to the page's URL now.</summary>
    public Task LegacyItem(HttpContext context, string slug)
    {
        if (store.Current is not { } snapshot)
            return NotReady(context);
        return snapshot.ItemByLegacySlug(slug) is { } item ? ResponseWriter.WriteRedirect(context, item.PageUrl) : NotFound(context);
    }

    /// <summary>/healthz (docs/deploy.md): see <see cref="HealthReport"/>.</summary>
    public Task Health(HttpContext context, FolderHealth folder)
    {
        var report = HealthReport.Of(store.Current, folder, (time ?? TimeProvider.System).GetUtcNow());
        return ResponseWriter.WriteJson(context, report.Status, report.Json());
    }

    /// <summary>
    /// Any GET or HEAD that found no document: a story kept at its own URL; a file beside the
    /// stories (<see cref="AssetResponder"/>); a permanent redirect when the path is a page a
    /// story used to have, an old path of a migration, or names a page or feed with a trailing slash or in another letter case;
    /// 410 for a page of a story that was deleted; else 404 (HTML for browsers).
    /// </summary>
    public Task NotFound(HttpContext context)
    {
        if (assets?.Find(context) is { } file && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            return assets.Serve(context, file);
        var snapshot = store.Current;
        var path = context.Request.Path.Value ?? "/";
        // A story kept at its own URL from another tool (Feed:KeepPermalinks) has no route of its own.
        if (snapshot?.ItemPage(path) is { } page)
            return Send(context, snapshot, path, page);
        if (snapshot?.Urls.MovedTo(path) is { } moved)
            return ResponseWriter.WriteRedirect(context, SitePaths.Absolute(settings.BaseUrl, moved));
        if (snapshot?.Urls.IsGone(path) == true)
            return ResponseWriter.WriteText(context, StatusCodes.Status410Gone, "410 Gone: this story was removed.\n");
        if (snapshot?.CanonicalPath(context.Request.Path.Value ?? "/") is { } canonical)
            return ResponseWriter.WriteRedirect(context, SitePaths.Absolute(settings.BaseUrl, canonical));
        return ResponseWriter.WriteNotFound(context, snapshot?.NotFoundPage);
    }

    Task Send(HttpContext context, FeedSnapshot snapshot, string path, Representation? full)
    {
        if (full is null)
            return NotFound(context);
        var request = context.Request;
        var coding = Negotiation.PickEncoding(request);
        var status = Negotiation.Evaluate(request, full.Variant(coding).ETag, snapshot.LastModified);
        if (status == StatusCodes.Status412PreconditionFailed)
            return ResponseWriter.WriteText(context, status, "412 Precondition Failed\n");

        // A client that holds the current version got its 304 above; one that holds an earlier
        // version it names gets only what changed since (RFC 3229, when deltas are on).
        if (status == StatusCodes.Status200OK && snapshot.History is { } history && Negotiation.AcceptsFeedDelta(request))
        {
            foreach (var tag in request.GetTypedHeaders().IfNoneMatch)
            {
                if (tag.Tag.Value is { } etag && history.Delta(path, etag) is { } delta)
                    return writer.Write(context, path, full, coding, StatusCodes.Status226IMUsed, snapshot.LastModifiedHeader, delta);
            }
        }
        return writer.Write(context, path, full, coding, status, snapshot.LastModifiedHeader);
    }

    static Task NotReady(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return ResponseWriter.WriteText(context, StatusCodes.Status503ServiceUnavailable, "Starting: the feeds are being built. Try again in a moment.\n");
    }
}
