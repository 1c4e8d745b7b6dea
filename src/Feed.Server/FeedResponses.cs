using Feed;
using Microsoft.Net.Http.Headers;

namespace Feed.Server;

/// <summary>
/// Turns a prepared <see cref="Representation"/> into a response: picks the encoding, sets the
/// validators and cache headers, and lets ASP.NET Core answer conditional requests and HEAD.
/// Nothing here renders or compresses.
/// </summary>
public sealed class FeedResponses(FeedService feeds, FeedOptions options)
{
    // Pages carry story HTML as written; this policy lets none of it run script.
    const string PagePolicy = "default-src 'none'; img-src * data:; media-src *; style-src 'unsafe-inline'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    readonly string _cacheControl = options.CacheControl;

    // A full archive page changes only if an old story is edited, removed or back-dated into it:
    // caches may keep it a day, then revalidate it with its ETag.
    public const string ArchiveCacheControl = "public, max-age=86400";

    public IResult Document(HttpContext context, string path)
    {
        if (feeds.Current is not { } snapshot)
            return NotReady(context);
        if (AcceptsFeedDelta(context.Request) && snapshot.Document(path) is { } full)
        {
            var tags = context.Request.GetTypedHeaders().IfNoneMatch.Select(t => t.Tag.Value!).ToList();
            // A client that also holds the current version gets its 304, not a delta.
            var current = tags.Any(t => t == full.Identity.ETag || t == full.GzipVariant.ETag || t == full.BrotliVariant.ETag);
            foreach (var etag in current ? [] : tags)
            {
                if (snapshot.Delta(path, etag) is { } delta)
                    return SendDelta(context, full, delta);
            }
        }
        return Send(context, snapshot.Document(path));
    }

    public IResult ItemPage(HttpContext context, string slug) =>
        feeds.Current is { } snapshot ? Send(context, snapshot.ItemPage(slug)) : NotReady(context);

    public IResult Health(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return feeds.Current is { } snapshot
            ? TypedResults.Text($"ok: {snapshot.Items.Count} items published\n", "text/plain; charset=utf-8")
            : NotReady(context);
    }

    static IResult NotFound() => TypedResults.Text("404 Not Found\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    IResult Send(HttpContext context, Representation? representation)
    {
        if (representation is null)
            return NotFound();

        var variant = PickEncoding(context.Request, representation, out var encoding);
        var headers = context.Response.Headers;
        headers.CacheControl = representation.IsArchived ? ArchiveCacheControl : _cacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        if (encoding is not null)
            headers.ContentEncoding = encoding;
        if (representation.MediaType == FeedSnapshot.HtmlMediaType)
            headers.ContentSecurityPolicy = PagePolicy;

        // RFC 9110 13.2.2: If-None-Match is evaluated first and, when present, If-Modified-Since
        // is ignored; the framework implements that order for byte results with these validators.
        return TypedResults.Bytes(variant.Body, representation.MediaType,
            lastModified: representation.LastModified, entityTag: new EntityTagHeaderValue(variant.ETag));
    }

    // RFC 3229 10.5.3 and the "feed" instance manipulation (RFC 3229+feed): A-IM: feed.
    static bool AcceptsFeedDelta(HttpRequest request) =>
        request.Headers["A-IM"].Any(value => value is not null
            && value.Split(',').Any(token => token.Split(';')[0].Trim().Equals("feed", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// 226 IM Used: only the items new or changed since the client's version. The ETag is the whole
    /// current feed's, so the client's next If-None-Match names the version it now holds. Shared
    /// caches must not store a response made for one client's version.
    /// </summary>
    static IResult SendDelta(HttpContext context, Representation full, Representation delta)
    {
        var body = PickEncoding(context.Request, delta, out var encoding);
        var current = encoding switch { "br" => full.BrotliVariant, "gzip" => full.GzipVariant, _ => full.Identity };
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status226IMUsed;
        context.Response.ContentType = delta.MediaType;
        context.Response.ContentLength = body.Body.Length;
        headers["IM"] = "feed";
        headers.ETag = current.ETag;
        headers.CacheControl = "no-store";
        headers.Vary = "Accept-Encoding, A-IM, If-None-Match";
        headers.XContentTypeOptions = "nosniff";
        if (encoding is not null)
            headers.ContentEncoding = encoding;
        if (full.LastModified is { } lastModified)
            headers.LastModified = lastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return HttpMethods.IsHead(context.Request.Method) ? Results.Empty : new BodyResult(body.Body);
    }

    sealed class BodyResult(byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => httpContext.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>br, then gzip, then the identity, as the client's Accept-Encoding allows (RFC 9110 12.5.3).</summary>
    static Variant PickEncoding(HttpRequest request, Representation representation, out string? encoding)
    {
        encoding = null;
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        if (accepted.Count == 0)
            return representation.Identity;

        double Quality(string coding)
        {
            double? exact = null, any = null;
            foreach (var value in accepted)
            {
                if (value.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
                    exact = value.Quality ?? 1;
                else if (value.Value == "*")
                    any = value.Quality ?? 1;
            }
            return exact ?? any ?? 0;
        }

        var br = Quality("br");
        var gzip = Quality("gzip");
        if (br > 0 && br >= gzip)
        {
            encoding = "br";
            return representation.BrotliVariant;
        }
        if (gzip > 0)
        {
            encoding = "gzip";
            return representation.GzipVariant;
        }
        return representation.Identity;
    }

    static IResult NotReady(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Text("Starting: the feeds are being built. Try again in a moment.\n", "text/plain; charset=utf-8",
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
